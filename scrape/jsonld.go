package scrape

import (
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// The jsonld kind reads boards whose posting pages carry schema.org
// JobPosting JSON-LD, which most boards publish because search engines
// require it: listing pages (start_urls with links and next), sitemaps or
// feeds lead to the posting pages.
var _ = register(Kind{
	Name:   KindJSONLD,
	Doc:    "posting pages carrying schema.org JobPosting JSON-LD, reached by listing pages, sitemaps or feeds",
	Keys:   []string{"start_urls", "links", "next", "sitemaps", "feeds", "match", "max_pages", "max_depth"},
	Check:  checkPages,
	reader: jsonldReader{},
})

type jsonldReader struct{}

func (jsonldReader) start(src Source) []link { return startURLs(src, roleListing) }

func (jsonldReader) read(p page) ([]data.RawRecord, []link) {
	if p.role == roleListing {
		return readListing(p)
	}
	var postings []map[string]any
	var broken []string
	for i, block := range jsonLDBlocks(p.body) {
		var v any
		if err := json.Unmarshal(block, &v); err != nil {
			broken = append(broken, fmt.Sprintf("JSON-LD block %d: %v", i+1, err))
			continue
		}
		postings = append(postings, findJobPostings(v)...)
	}
	switch {
	case len(postings) == 0 && len(broken) > 0:
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, "broken JSON-LD: "+strings.Join(broken, "; "))}, nil
	case len(postings) == 0:
		return []data.RawRecord{reject(p, data.RejectCodeNoJSONLD, "no JobPosting JSON-LD on page")}, nil
	}
	out := make([]data.RawRecord, 0, len(postings))
	for i, jp := range postings {
		u := p.url.String()
		if len(postings) > 1 {
			u += "#" + strconv.Itoa(i+1)
		}
		out = append(out, jobPostingRecord(p, u, jp))
	}
	return out, nil
}

// findJobPostings walks a JSON-LD value for JobPosting objects, looking
// through top-level arrays and @graph wrappers.
func findJobPostings(v any) []map[string]any {
	switch t := v.(type) {
	case []any:
		var out []map[string]any
		for _, e := range t {
			out = append(out, findJobPostings(e)...)
		}
		return out
	case map[string]any:
		if hasType(t, "JobPosting") {
			return []map[string]any{t}
		}
		if g, ok := t["@graph"]; ok {
			return findJobPostings(g)
		}
	}
	return nil
}

func hasType(m map[string]any, name string) bool {
	switch t := m["@type"].(type) {
	case string:
		return t == name
	case []any:
		for _, e := range t {
			if s, _ := e.(string); s == name {
				return true
			}
		}
	}
	return false
}

func jobPostingRecord(p page, u string, jp map[string]any) data.RawRecord {
	r := newRecord(p, u)
	r.Title = cleanText(str(jp["title"]))
	r.Company = cleanText(nameOf(jp["hiringOrganization"]))
	r.PostedDate = str(jp["datePosted"])
	r.Description = htmlToText(str(jp["description"]))
	r.Location, r.Country = jobLocation(jp["jobLocation"])
	if strings.EqualFold(str(jp["jobLocationType"]), "TELECOMMUTE") {
		r.Remote = "TELECOMMUTE"
		if c := nameOf(first(jp["applicantLocationRequirements"])); c != "" {
			r.Country = c
			if r.Location == "" {
				r.Location = "Remote (" + c + ")"
			}
		}
	}
	salary, source := jp["baseSalary"], data.PaySourceEmployer
	if salary == nil && jp["estimatedSalary"] != nil {
		salary, source = jp["estimatedSalary"], data.PaySourceBoard
	}
	if salary != nil {
		readMonetaryAmount(&r, first(salary))
		r.PaySource = source
	}
	return r
}

// readMonetaryAmount reads schema.org baseSalary: a MonetaryAmount whose
// value is a number, a numeric string, or a QuantitativeValue with value or
// minValue/maxValue and unitText. Figures it cannot read as numbers go to
// PayText for the transform stage's text parser.
func readMonetaryAmount(r *data.RawRecord, v any) {
	amount, ok := v.(map[string]any)
	if !ok {
		r.PayText = cleanText(str(v))
		return
	}
	r.PayCurrency = str(amount["currency"])
	val := amount["value"]
	if qv, ok := val.(map[string]any); ok {
		r.PayPeriod = str(qv["unitText"])
		if c := str(qv["currency"]); r.PayCurrency == "" && c != "" {
			r.PayCurrency = c
		}
		if single, ok := qv["value"]; ok {
			val = single
		} else {
			setAmount(r, &r.PayMin, qv["minValue"])
			setAmount(r, &r.PayMax, qv["maxValue"])
			return
		}
	}
	setAmount(r, &r.PayMin, val)
	r.PayMax = r.PayMin
}

func setAmount(r *data.RawRecord, dst *float64, v any) {
	switch t := v.(type) {
	case float64:
		*dst = t
	case string:
		clean := strings.NewReplacer(",", "", " ", "", "'", "").Replace(strings.TrimSpace(t))
		if f, err := strconv.ParseFloat(clean, 64); err == nil {
			*dst = f
			return
		}
		r.PayText = strings.TrimSpace(r.PayText + " " + t)
	}
}

// jobLocation reads the first jobLocation: a Place with a PostalAddress (or
// an address given as text). It returns the place as shown and the country
// as given, which may be a code or a name.
func jobLocation(v any) (location, country string) {
	place, ok := first(v).(map[string]any)
	if !ok {
		return cleanText(str(first(v))), ""
	}
	addr, ok := place["address"].(map[string]any)
	if !ok {
		return cleanText(str(place["address"])), ""
	}
	country = nameOf(addr["addressCountry"])
	var parts []string
	for _, k := range []string{"addressLocality", "addressRegion"} {
		if s := cleanText(str(addr[k])); s != "" {
			parts = append(parts, s)
		}
	}
	if country != "" {
		parts = append(parts, country)
	}
	return strings.Join(parts, ", "), country
}

// nameOf reads a value that schema.org allows as text or as a Thing with a name.
func nameOf(v any) string {
	if m, ok := v.(map[string]any); ok {
		return str(m["name"])
	}
	return str(v)
}

func first(v any) any {
	if a, ok := v.([]any); ok {
		if len(a) == 0 {
			return nil
		}
		return a[0]
	}
	return v
}

func str(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return ""
}

// cleanText decodes HTML entities, which boards often leave in JSON-LD
// strings ("R&amp;D"), and collapses white space.
func cleanText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}
