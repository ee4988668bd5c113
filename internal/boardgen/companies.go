package main

import (
	"math/rand/v2"
	"strings"
)

// company is a synthetic employer. Names are plain capitalized words so that
// a Lever slug ("northwind-cloud") title-cases back to the name; the few
// names with "&" never post on Lever.
type company struct {
	name  string
	lever bool // posts through the Lever API (and may post elsewhere too)
}

// slug is the company's Lever path segment.
func (c *company) slug() string {
	return strings.ReplaceAll(strings.ToLower(c.name), " ", "-")
}

// Word lists for company names. None of them is a role keyword or an
// OpenStack project name, so a company name never changes a role.
var (
	companyFirstWords = []string{
		"Northwind", "Bluefin", "Granite", "Harbor", "Silverline", "Redwood",
		"Cobalt", "Lumen", "Meridian", "Summit", "Pinecrest", "Ridgeway",
		"Brightwater", "Copperleaf", "Foxglove", "Larkspur", "Driftwood",
		"Evergreen", "Highland", "Kestrel", "Lakeside", "Maplewood", "Oakridge",
		"Quarry", "Riverbend", "Saltmarsh", "Tidewater", "Westbrook",
		"Yellowtail", "Birchwood", "Clearpath", "Stonebridge", "Falcon",
		"Juniper", "Marigold", "Orchard", "Pebble", "Sparrow", "Halcyon",
		"Blackbird", "Seabright", "Thornfield", "Windmill", "Amberfield",
		"Coldstream", "Fairhaven", "Greystone", "Hollowell", "Ashford", "Bramble",
	}
	companySecondWords = []string{
		"Cloud", "Data", "Systems", "Labs", "Software", "Networks", "Analytics",
		"Digital", "Computing", "Technologies", "Hosting", "Works",
	}
	ampersandCompanies = []string{
		"Hart & Finch", "Baker & Lowe Data", "Stone & Rivers Labs",
		"Moss & Pike Systems", "Ward & Sons Software", "Reed & Carver Networks",
	}
)

// Sizes of the company pool.
const (
	numPlainCompanies = 144
	numLeverCompanies = 12
	maxPerFirstWord   = 3
)

// newCompanies draws the company pool: numPlainCompanies plain names, the
// first numLeverCompanies of which post on Lever, then the "&" names.
func newCompanies(r *rand.Rand) []*company {
	var combos []string
	for _, first := range companyFirstWords {
		for _, second := range companySecondWords {
			combos = append(combos, first+" "+second)
		}
	}
	r.Shuffle(len(combos), func(i, j int) { combos[i], combos[j] = combos[j], combos[i] })
	used := make(map[string]int)
	var out []*company
	for _, name := range combos {
		first, _, _ := strings.Cut(name, " ")
		if used[first] == maxPerFirstWord {
			continue
		}
		used[first]++
		out = append(out, &company{name: name, lever: len(out) < numLeverCompanies})
		if len(out) == numPlainCompanies {
			break
		}
	}
	for _, name := range ampersandCompanies {
		out = append(out, &company{name: name})
	}
	return out
}
