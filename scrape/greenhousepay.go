package scrape

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// greenhousePayZone is one of a Greenhouse job's pay_input_ranges. A job
// with several states pay by zone, each range titled with the places it
// covers ("San Francisco Bay Area", "All other US locations").
type greenhousePayZone struct {
	MinCents     *float64 `json:"min_cents"`
	MaxCents     *float64 `json:"max_cents"`
	CurrencyType string   `json:"currency_type"`
	Title        string   `json:"title"`
}

// pickPayZone chooses the range that stands for a job at location: the
// only one; else the one whose title names the location (or a part of
// it, "San Francisco" of "San Francisco, CA"); else the widest. note
// says which was kept, why, and lists every zone, so nothing is silently
// dropped. zone is nil when there are no ranges.
func pickPayZone(zones []greenhousePayZone, location string) (zone *greenhousePayZone, note string) {
	switch len(zones) {
	case 0:
		return nil, ""
	case 1:
		return &zones[0], fmt.Sprintf("pay zone %s", zones[0].describe())
	}
	pick, why := -1, ""
	if i := zoneForLocation(zones, location); i >= 0 {
		pick, why = i, fmt.Sprintf("matches the posting's location %q", location)
	} else {
		pick, why = widestZone(zones), "the widest; none matches the posting's location"
		if location != "" {
			why = fmt.Sprintf("the widest; none matches the posting's location %q", location)
		}
	}
	all := make([]string, len(zones))
	for i, z := range zones {
		all[i] = z.describe()
	}
	return &zones[pick], fmt.Sprintf("pay zone %s kept (%s) of %d zones: %s", zones[pick].describe(), why, len(zones), strings.Join(all, "; "))
}

func (z greenhousePayZone) describe() string {
	figure := func(c *float64) string {
		if c == nil {
			return "?"
		}
		return strconv.FormatFloat(*c/100, 'f', -1, 64)
	}
	title := cleanText(z.Title)
	if title == "" {
		title = "untitled"
	}
	return fmt.Sprintf("%q %s %s–%s", title, z.CurrencyType, figure(z.MinCents), figure(z.MaxCents))
}

// zoneForLocation finds the first zone whose title names location or one
// of its comma- or dash-separated parts of three letters or more.
func zoneForLocation(zones []greenhousePayZone, location string) int {
	loc := strings.ToLower(cleanText(location))
	if loc == "" {
		return -1
	}
	parts := strings.FieldsFunc(loc, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '/' || r == '(' || r == ')' })
	for _, part := range append([]string{loc}, parts...) {
		part = strings.Trim(strings.TrimSpace(part), "-– ")
		if len(part) < 3 {
			continue
		}
		for i, z := range zones {
			title := strings.ToLower(cleanText(z.Title))
			if title != "" && (strings.Contains(title, part) || strings.Contains(part, title)) {
				return i
			}
		}
	}
	return -1
}

// widestZone is the zone whose range spans most (the first of equals);
// a range with a bound missing spans nothing.
func widestZone(zones []greenhousePayZone) int {
	best, width := 0, math.Inf(-1)
	for i, z := range zones {
		w := cents(z.MaxCents) - cents(z.MinCents)
		if math.IsNaN(w) {
			w = 0
		}
		if w > width {
			best, width = i, w
		}
	}
	return best
}
