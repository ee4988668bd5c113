package transform

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/data"
)

// Region is a named group of countries, given by ISO 3166-1 alpha-2
// country codes ("DE") and UN M49 or CLDR region codes ("150" Europe,
// "419" Latin America, "EU"), which stand for every country CLDR places
// in them (golang.org/x/text's containment data).
type Region struct {
	Name string
	// Countries are the codes as written in the config, country and
	// region codes alike.
	Countries []string
}

// Regions keeps the config's order, which is the order regions are reported in.
type Regions []Region

// UnmarshalYAML reads a mapping of region name to code list in order. A
// code may be written bare (150) or quoted ("150"): its text is kept, so
// 009 stays "009".
func (r *Regions) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: regions must be a mapping of region name to country codes", n.Line)
	}
	*r = nil
	for i := 0; i < len(n.Content); i += 2 {
		var countries []string
		if err := n.Content[i+1].Decode(&countries); err != nil {
			return fmt.Errorf("line %d: region %q: %w", n.Content[i+1].Line, n.Content[i].Value, err)
		}
		*r = append(*r, Region{Name: n.Content[i].Value, Countries: countries})
	}
	return nil
}

// MarshalYAML writes regions back as the ordered mapping they were read from.
func (r Regions) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, reg := range r {
		var countries yaml.Node
		if err := countries.Encode(reg.Countries); err != nil {
			return nil, err
		}
		countries.Style = yaml.FlowStyle
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: reg.Name}, &countries)
	}
	return n, nil
}

// DefaultRegions are the regions of the shipped pipeline.yaml, in their
// order, made of UN M49 groups so that every country of ISO 3166-1 is in
// exactly one: North America (021 Northern America), Latin America (419
// Latin America and the Caribbean), Europe (150, and Cyprus, a member of
// the EU that M49 places in Western Asia), Middle East & Africa (145
// Western Asia, 002 Africa, and Iran, which M49 places in Southern Asia),
// Asia-Pacific (142 Asia, 009 Oceania; Western
// Asia, inside Asia, goes to the narrower 145). Each call returns a new
// copy.
func DefaultRegions() Regions {
	return Regions{
		{Name: "North America", Countries: []string{"021"}},
		{Name: "Latin America", Countries: []string{"419"}},
		{Name: "Europe", Countries: []string{"150", "CY"}},
		{Name: "Middle East & Africa", Countries: []string{"145", "002", "IR"}},
		{Name: "Asia-Pacific", Countries: []string{"142", "009"}},
	}
}

// Names lists the region names in config order.
func (r Regions) Names() []string {
	names := make([]string, len(r))
	for i, reg := range r {
		names[i] = reg.Name
	}
	return names
}

// Expand returns each region with the countries it holds once its region
// codes are expanded, sorted by code, in config order: the countries of
// ISO 3166-1 and the few more CLDR knows (XK Kosovo, withdrawn codes such
// as SU). A country named by its own code belongs to that region, whatever
// region codes contain it; otherwise to the region of the narrowest code
// containing it (145 Western Asia beats 142 Asia). It returns the problems Validate reports
// for the regions: an unknown code, a country named in two regions, two
// codes of different regions that share countries with neither inside
// the other.
func (r Regions) Expand() ([]Region, error) {
	owner, errs := r.assign()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := make([]Region, len(r))
	for i, reg := range r {
		out[i].Name = reg.Name
	}
	for _, cc := range countryCodes {
		if i, ok := owner[cc]; ok {
			out[i].Countries = append(out[i].Countries, cc)
		}
	}
	return out, nil
}

// regionIndex maps each country to its region's name (Expand's rule).
// The regions must be valid.
func (r Regions) regionIndex() map[string]string {
	owner, _ := r.assign()
	names := make(map[string]string, len(owner))
	for cc, i := range owner {
		names[cc] = r[i].Name
	}
	return names
}

// claim is a region's claim on a country through a region code.
type claim struct {
	region int
	code   string
	size   int // countries the code holds
}

// assign gives each country the index of its region, and the problems
// with the codes.
func (r Regions) assign() (map[string]int, []error) {
	var errs []error
	if len(r) == 0 {
		errs = append(errs, data.FieldErrorf("regions", "none configured"))
	}
	owner := map[string]int{}
	claims := map[string][]claim{}
	for i, reg := range r {
		path := "regions." + reg.Name
		if reg.Name == "" || reg.Name == data.RegionAll || slices.ContainsFunc(data.PlaceRegions, func(s string) bool { return strings.EqualFold(s, reg.Name) }) {
			errs = append(errs, data.FieldErrorf(path, "%q is not a usable region name", reg.Name))
		}
		for _, code := range reg.Countries {
			if _, ok := countryByCode[code]; ok {
				if prev, taken := owner[code]; taken && prev != i {
					errs = append(errs, data.FieldErrorf(path, "%s is already in region %q", code, r[prev].Name))
				} else {
					owner[code] = i
				}
				continue
			}
			members, err := groupCountries(code)
			if err != nil {
				errs = append(errs, &data.FieldError{Path: path, Err: err})
				continue
			}
			for _, cc := range members {
				claims[cc] = append(claims[cc], claim{i, code, len(members)})
			}
		}
	}
	type overlap struct{ a, b claim }
	overlaps := map[overlap][]string{}
	var order []overlap
	for _, cc := range countryCodes {
		cs := claims[cc]
		if _, named := owner[cc]; named || len(cs) == 0 {
			continue
		}
		narrow := slices.MinFunc(cs, func(a, b claim) int { return a.size - b.size }) // the first of the narrowest
		owner[cc] = narrow.region
		for _, c := range cs {
			if c.region == narrow.region || c.size > narrow.size && containsGroup(c.code, narrow.code) {
				continue
			}
			k := overlap{narrow, c}
			if c.region < narrow.region {
				k = overlap{c, narrow}
			}
			if overlaps[k] == nil {
				order = append(order, k)
			}
			overlaps[k] = append(overlaps[k], cc)
		}
	}
	for _, k := range order {
		path := "regions." + r[k.b.region].Name
		if k.a.code == k.b.code {
			errs = append(errs, data.FieldErrorf(path, "%s is already in region %q", k.a.code, r[k.a.region].Name))
			continue
		}
		errs = append(errs, data.FieldErrorf(path,
			"%q and %q of region %q share %s, and neither holds the other: name those countries in one region",
			k.b.code, k.a.code, r[k.a.region].Name, strings.Join(overlaps[k], ", ")))
	}
	return owner, errs
}

// groupCountries lists, sorted, the countries a UN M49 or CLDR region code
// holds ("150", "EU"). The error says why code names no region.
func groupCountries(code string) ([]string, error) {
	if members, ok := groupMembers[code]; ok {
		return members, nil
	}
	return readGroup(code)
}

// readGroup is groupCountries without the memo.
func readGroup(code string) ([]string, error) {
	g, err := language.ParseRegion(code)
	switch {
	case err != nil || !g.IsGroup() || g.String() != code:
		if code != "" && len(code) < 3 && strings.Trim(code, "0123456789") == "" {
			return nil, fmt.Errorf("%q is not a region code: UN M49 codes have three digits (%q)", code, strings.Repeat("0", 3-len(code))+code)
		}
		return nil, fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code nor a UN M49 or CLDR region code", code)
	}
	var members []string
	for _, cc := range countryCodes {
		if g.Contains(countryByCode[cc]) {
			members = append(members, cc)
		}
	}
	return members, nil
}

// groupMembers holds the countries of the region codes the program itself
// uses (the default regions and the areas of the gazetteer), read once.
var groupMembers = func() map[string][]string {
	m := map[string][]string{}
	for _, reg := range DefaultRegions() {
		for _, code := range reg.Countries {
			if _, country := countryByCode[code]; !country {
				m[code] = mustGroup(code)
			}
		}
	}
	for _, codes := range areaCodes {
		for _, code := range strings.Fields(codes) {
			if _, country := countryByCode[code]; !country && !strings.HasPrefix(code, "-") {
				m[code] = mustGroup(code)
			}
		}
	}
	return m
}()

func mustGroup(code string) []string {
	members, err := readGroup(code)
	if err != nil {
		panic(err)
	}
	return members
}

// containsGroup reports whether every country of region code inner is in
// region code outer.
func containsGroup(outer, inner string) bool {
	o, _ := groupCountries(outer)
	in, _ := groupCountries(inner)
	for _, cc := range in {
		if _, found := slices.BinarySearch(o, cc); !found {
			return false
		}
	}
	return true
}

// placeRegion names the region of a resolved place, given each country's
// region and the regions in config order, with a note when it is in no one region. Anywhere is
// data.RegionAnywhere; otherwise the regions of the countries it names
// (Place.Countries) decide: one region is that region, several are
// data.RegionMulti, none data.RegionOutside. A country of an area that is
// in no region does not count: with only a DACH region, "Europe" is DACH.
func placeRegion(p Place, regionOf map[string]string, order []string) (region, note string) {
	if p.Anywhere {
		return data.RegionAnywhere, ""
	}
	var names []string
	for _, cc := range p.Countries() {
		if name, ok := regionOf[cc]; ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	switch {
	case len(names) == 1:
		return names[0], ""
	case len(names) > 1:
		return data.RegionMulti, "open in several regions (" + strings.Join(names, ", ") + ")"
	case p.Country != "" && len(p.Others) == 0 && len(p.Areas) == 0:
		return data.RegionOutside, "country " + p.Country + " is in no configured region"
	}
	return data.RegionOutside, "no country of " + placeLabel(p) + " is in a configured region"
}

// placeLabel names a place in a note: its countries and areas.
func placeLabel(p Place) string {
	var parts []string
	if p.Country != "" {
		parts = append(parts, p.Country)
	}
	parts = append(parts, p.Others...)
	for _, a := range p.Areas {
		parts = append(parts, strings.ToUpper(a))
	}
	return strings.Join(parts, ", ")
}
