package scrape

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"slices"
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
	var values []any
	var broken []string
	for i, block := range jsonLDBlocks(p.body) {
		var v any
		if err := json.Unmarshal(unwrapScript(block), &v); err != nil {
			broken = append(broken, fmt.Sprintf("JSON-LD block %d: %v", i+1, err))
			continue
		}
		values = append(values, v)
	}
	var postings []map[string]any
	for _, v := range values {
		postings = append(postings, findJobPostings(v)...)
	}
	switch {
	case len(postings) == 0 && len(broken) > 0:
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, "broken JSON-LD: "+strings.Join(broken, "; "))}, nil
	case len(postings) == 0:
		return []data.RawRecord{reject(p, data.RejectCodeNoJSONLD, "no JobPosting JSON-LD on page")}, nil
	}
	g := graph{}
	for _, v := range values {
		g.index(v)
	}
	out := make([]data.RawRecord, 0, len(postings))
	for i, jp := range postings {
		u := p.url.String()
		if len(postings) > 1 {
			u += "#" + strconv.Itoa(i+1)
		}
		out = append(out, g.jobPostingRecord(p, u, jp))
	}
	return out, nil
}

// unwrapScript takes off what pages wrap a script's JSON in for old
// browsers and XHTML: an HTML comment (<!-- -->) or a CDATA section,
// each possibly behind a // or /* */ comment.
func unwrapScript(block []byte) []byte {
	b := bytes.TrimSpace(block)
	for _, wrap := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"/*<![CDATA[*/", "/*]]>*/"}, {"<![CDATA[", "]]>"}} {
		if rest, ok := bytes.CutPrefix(b, []byte(wrap[0])); ok {
			rest = bytes.TrimSpace(rest)
			if inner, ok := bytes.CutSuffix(rest, []byte(wrap[1])); ok {
				rest = inner
			} else if inner, ok := bytes.CutSuffix(rest, []byte("//"+wrap[1])); ok {
				rest = inner
			}
			b = bytes.TrimSpace(rest)
		}
	}
	return b
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

// graph holds every node of a page's JSON-LD by its @id, so that a
// posting whose hiringOrganization or jobLocation is a reference
// ({"@id": "#org"}) to a node elsewhere in the @graph reads that node.
type graph map[string]map[string]any

// index adds every node of v that has an @id and more than it.
func (g graph) index(v any) {
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			g.index(e)
		}
	case map[string]any:
		if id, ok := t["@id"].(string); ok && id != "" && len(t) > 1 {
			if _, seen := g[id]; !seen {
				g[id] = t
			}
		}
		for k, e := range t {
			if k != "@id" {
				g.index(e)
			}
		}
	}
}

// resolve returns the node a reference names, or v as it is.
func (g graph) resolve(v any) any {
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["@id"].(string); ok {
			if node, ok := g[id]; ok && len(m) <= 2 { // {"@id"} or {"@type", "@id"}
				return node
			}
		}
	}
	return v
}

// all resolves v as a list: an array's elements, or v alone.
func (g graph) all(v any) []any {
	a, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil
		}
		a = []any{v}
	}
	out := make([]any, 0, len(a))
	for _, e := range a {
		if e = g.resolve(e); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (g graph) jobPostingRecord(p page, u string, jp map[string]any) data.RawRecord {
	r := newRecord(p, u)
	r.Title = cleanText(str(jp["title"]))
	if r.Title == "" {
		r.Title = cleanText(str(jp["name"]))
	}
	r.Company = cleanText(nameOf(g.resolve(first(jp["hiringOrganization"]))))
	r.PostedDate = str(jp["datePosted"])
	r.Description = htmlToText(unescapeMarkup(str(jp["description"])))
	var countries []string
	r.Location, countries = g.jobLocations(jp["jobLocation"])
	for _, t := range g.all(jp["jobLocationType"]) {
		if strings.EqualFold(strings.TrimSpace(str(t)), "TELECOMMUTE") {
			r.Remote = "TELECOMMUTE"
		}
	}
	var required []string
	for _, req := range g.all(jp["applicantLocationRequirements"]) {
		if c := cleanText(nameOf(req)); c != "" && !slices.Contains(required, c) {
			required = append(required, c)
		}
	}
	if len(required) > 0 && (r.Remote != "" || len(countries) == 0) {
		// Where a remote applicant may live is the posting's country.
		countries = required
		if r.Location == "" {
			r.Location = "Remote (" + strings.Join(required, "; ") + ")"
		}
	}
	r.Country = strings.Join(countries, "; ")
	salary, source := jp["baseSalary"], data.PaySourceEmployer
	if salary == nil && jp["estimatedSalary"] != nil {
		salary, source = jp["estimatedSalary"], data.PaySourceBoard
	}
	if salary != nil {
		readMonetaryAmount(&r, g.resolve(first(salary)))
		if r.PayCurrency == "" {
			r.PayCurrency = str(jp["salaryCurrency"])
		}
		r.PaySource = source
	}
	return r
}

// unescapeMarkup undoes the HTML escaping some sites apply to markup
// once or twice before putting it in JSON-LD ("&lt;p&gt;", "&amp;lt;p&amp;gt;"),
// so that it reads as markup, not as text about tags. Markup that holds a
// real tag is left alone.
func unescapeMarkup(s string) string {
	for range 2 {
		if strings.Contains(s, "<") || !strings.Contains(s, "&lt;") && !strings.Contains(s, "&amp;lt;") {
			break
		}
		s = html.UnescapeString(s)
	}
	return s
}

// readMonetaryAmount reads schema.org baseSalary: a number, a numeric
// string, or a MonetaryAmount whose value is a number, a numeric string,
// or a QuantitativeValue with value or minValue/maxValue and unitText (a
// MonetaryAmount may hold minValue/maxValue itself). Figures it cannot
// read as numbers go to PayText for the transform stage's text parser.
func readMonetaryAmount(r *data.RawRecord, v any) {
	amount, ok := v.(map[string]any)
	if !ok {
		if _, isNumber := v.(float64); isNumber {
			setAmount(r, &r.PayMin, v)
			r.PayMax = r.PayMin
			return
		}
		r.PayText = cleanText(str(v))
		return
	}
	r.PayCurrency = str(amount["currency"])
	r.PayPeriod = str(amount["unitText"])
	val, hasValue := amount["value"]
	if !hasValue && (amount["minValue"] != nil || amount["maxValue"] != nil) {
		val = amount
	}
	if qv, ok := val.(map[string]any); ok {
		if t := str(qv["unitText"]); t != "" {
			r.PayPeriod = t
		}
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

// jobLocations reads every jobLocation: a Place with a PostalAddress (or
// an address given as text), each possibly a reference to a node of the
// graph. It returns the places as shown, joined by "; " (which the
// transform stage reads as several places), and each country once, as
// given (a code or a name) when every place gives one; otherwise none, and
// the places' text is read for countries.
func (g graph) jobLocations(v any) (location string, countries []string) {
	var places []string
	everyCountry := true
	for _, e := range g.all(v) {
		place, country := g.jobLocation(e)
		if place != "" && !slices.Contains(places, place) {
			places = append(places, place)
		}
		everyCountry = everyCountry && country != ""
		if country != "" && !slices.Contains(countries, country) {
			countries = append(countries, country)
		}
	}
	if !everyCountry {
		countries = nil
	}
	return strings.Join(places, "; "), countries
}

// jobLocation reads one jobLocation.
func (g graph) jobLocation(v any) (location, country string) {
	place, ok := v.(map[string]any)
	if !ok {
		return cleanText(str(v)), ""
	}
	addr, ok := g.resolve(first(place["address"])).(map[string]any)
	if !ok {
		if s := cleanText(str(place["address"])); s != "" {
			return s, ""
		}
		return cleanText(str(place["name"])), ""
	}
	country = cleanText(nameOf(addr["addressCountry"]))
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
