package charts_test

import (
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

// TestRenderHostileStrings puts strings that try to break out of the page
// into every place an outside string reaches: region names (chart labels,
// tooltips, item names, table), source names and URLs, the note and the
// method description. (A row's method is not one: it must be a
// data.Method* constant.)
func TestRenderHostileStrings(t *testing.T) {
	const (
		closeScript = `</script><script>alert(1)</script>`
		marker      = `__f__alert(2)__f__`
		nested      = `____f__f__alert(3)____f__f__`
		badURL      = `https://evil.example/"><script>alert(4)</script>`
		jsURL       = `javascript:alert(5)`
	)
	r := sampleReport()
	r.Title = closeScript
	r.Method.Description = closeScript
	r.Premiums = append(r.Premiums,
		data.Premium{Region: closeScript, Quarter: data.QuarterAll, NOpenStack: 40, NPython: 50,
			MedianOpenStackUSD: 1, MedianPythonUSD: 1, Premium: 0.1, CILow: 0.05, CIHigh: 0.15,
			Confidence: 0.95, Method: data.MethodStratified, Note: closeScript},
		data.Premium{Region: marker, Quarter: data.QuarterAll, NOpenStack: 40, NPython: 50,
			MedianOpenStackUSD: 1, MedianPythonUSD: 1, Premium: 0.1, CILow: 0.05, CIHigh: 0.15,
			Confidence: 0.95, Method: data.MethodStratified},
		data.Premium{Region: nested, Quarter: data.QuarterAll, NOpenStack: 3, NPython: 5,
			MedianOpenStackUSD: nan, MedianPythonUSD: nan, Premium: nan, CILow: nan, CIHigh: nan,
			Confidence: 0.95, Method: data.MethodStratified, Note: marker},
	)
	r.Funnel = append(r.Funnel, data.Funnel{Source: closeScript, Fetched: 1})
	r.Sources = append(r.Sources, charts.Source{Name: closeScript, Kind: closeScript,
		URLs: []string{badURL, jsURL, closeScript}})

	page := render(t, r)

	for _, raw := range []string{closeScript, "<script>alert", `"><script>`, `href="javascript:`} {
		if strings.Contains(page, raw) {
			t.Errorf("page contains raw %q", raw)
		}
	}
	// Only our two <script> elements: ECharts and the charts.
	if got, want := strings.Count(page, "<script"), 2; got != want {
		t.Errorf("page has %d <script elements, want %d", got, want)
	}
	if got, want := strings.Count(page, "</script>"), 2; got != want {
		t.Errorf("page has %d </script> tags, want %d", got, want)
	}
	// Inside the chart script, outside strings stay JSON strings with their
	// HTML characters escaped, and a marked name is only a name. (The HTML
	// table shows names as given: there "__f__" is just text.)
	script := chartScript(t, page)
	for _, want := range []string{
		`\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e (n=40 / 50)`,
		`"name":"alert(2)"`,
		`"name":"alert(3)"`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("chart script does not contain %s", want)
		}
	}
	if strings.Contains(script, "__f__") {
		t.Error("chart script contains a go-echarts function marker")
	}
	if strings.ContainsAny(script, "<>&") {
		t.Error("chart script contains a raw <, > or &")
	}
}

// chartScript returns the body of the inline chart script, the last
// script of the page (the first is ECharts).
func chartScript(t *testing.T, page string) string {
	t.Helper()
	start := strings.LastIndex(page, "<script>")
	if start < 0 {
		t.Fatal("page has no inline <script>")
	}
	body := page[start+len("<script>"):]
	end := strings.Index(body, "</script>")
	if end < 0 {
		t.Fatal("inline <script> is not closed")
	}
	return body[:end]
}

// FuzzRenderRegionName renders a report whose region, source and posting
// title are arbitrary strings, and checks what must hold whatever they are:
// the page has only its own two scripts, and the chart script never holds
// a raw '<', '>' or '&' or a go-echarts function marker.
func FuzzRenderRegionName(f *testing.F) {
	for _, seed := range []string{"Europe", `</script><script>alert(1)</script>`, `__f__alert(2)__f__`,
		`____f__f__`, "<!--", "\u2028\u2029", "{a}{b}", "\x00\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		r := sampleReport()
		r.Premiums = append(r.Premiums, data.Premium{Region: name, Quarter: data.QuarterAll, NOpenStack: 40, NPython: 50,
			Premium: 0.1, CILow: 0.05, CIHigh: 0.15, Confidence: 0.95, Method: data.MethodStratified, Note: name})
		r.Pay = []charts.PayPoint{{Region: name, Role: data.RoleOpenStack, AnnualUSD: 1e5, Title: name, Company: name}}
		r.Funnel = append(r.Funnel, data.Funnel{Source: name, Fetched: 1})
		page := render(t, r)
		if got := strings.Count(strings.ToLower(page), "<script"); got != 2 {
			t.Fatalf("page has %d <script, want 2", got)
		}
		script := chartScript(t, page)
		if strings.ContainsAny(script, "<>&") || strings.Contains(script, "__f__") {
			t.Fatal("chart script holds a raw <, > or & or a function marker")
		}
	})
}
