package charts_test

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

// withPay adds postings to a report: for each region of the sample, a
// spread of OpenStack and Python pay, and one OpenStack outlier named by
// title.
func withPay(r charts.Report, outlierTitle string) charts.Report {
	for _, region := range []string{"Europe", "North America", "Asia-Pacific"} {
		for i := range 40 {
			r.Pay = append(r.Pay,
				charts.PayPoint{Region: region, Role: data.RoleOpenStack, AnnualUSD: 100000 + 1000*float64(i), Title: "SRE", Company: "Acme"},
				charts.PayPoint{Region: region, Role: data.RolePython, AnnualUSD: 90000 + 1000*float64(i), Title: "Dev", Company: "Acme"})
		}
	}
	r.Pay = append(r.Pay, charts.PayPoint{Region: "Europe", Role: data.RoleOpenStack, AnnualUSD: 900000, Title: outlierTitle, Company: "Big Co"})
	return r
}

func TestRenderDistribution(t *testing.T) {
	page := render(t, withPay(sampleReport(), "Principal OpenStack Architect"))
	script := chartScript(t, page)
	for _, want := range []string{
		`"id":"pay-distribution"`,
		`"name":"OpenStack roles"`, `"name":"Python roles"`,
		`Principal OpenStack Architect — Big Co`, `$900,000 a year`,
		`Europe (n=41 / 40)`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("chart script does not contain %q", want)
		}
	}
	if !strings.Contains(page, `<section id="distribution">`) {
		t.Error("page has no distribution section")
	}
	if strings.Contains(render(t, sampleReport()), `id="pay-distribution"`) {
		t.Error("a report without pay draws a distribution chart")
	}
}

// TestRenderComparison checks a report limited to a period: the period in
// the title, the previous period's estimate in words, its chart and table.
func TestRenderComparison(t *testing.T) {
	r := sampleReport()
	r.Period = "2026Q3"
	r.Previous = charts.Previous{Period: "2026Q2", Premiums: []data.Premium{
		{Region: data.RegionAll, Quarter: data.QuarterAll, NOpenStack: 400, NPython: 500,
			Premium: 0.2, CILow: 0.1, CIHigh: 0.3, Confidence: 0.95, Method: method},
		{Region: "Europe", Quarter: data.QuarterAll, NOpenStack: 10, NPython: 12,
			Premium: nan, CILow: nan, CIHigh: nan, Confidence: 0.95, Method: method, Note: "withheld: few"},
	}}
	page := render(t, r)
	for _, want := range []string{
		`<h1>OpenStack vs Python pay premium <span class="period">2026Q3</span></h1>`,
		`— 2026Q3, 2,412 postings with pay`,
		`In 2026Q2, the period before, it was &#43;20% (95% CI &#43;10% to &#43;30%), from 900 postings with pay.`,
		`<section id="comparison">`,
		`<th scope="col">Premium 2026Q3</th>`,
		`<th scope="col">Premium 2026Q2</th>`,
		`<td class="text">2026Q3</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	script := chartScript(t, page)
	for _, want := range []string{`"id":"premium-compare"`, `"name":"withheld: 2026Q2"`, `"data":["2026Q3","2026Q2"]`} {
		if !strings.Contains(script, want) {
			t.Errorf("chart script does not contain %q", want)
		}
	}

	r.Previous = charts.Previous{Period: "2026Q2", Note: "no postings with pay in 2026Q2"}
	page = render(t, r)
	if !strings.Contains(page, "There is nothing to compare with in 2026Q2: no postings with pay in 2026Q2.") ||
		strings.Contains(page, `id="premium-compare"`) {
		t.Error("a previous period without rows is not said in words, or is drawn")
	}
}

// TestRenderAdjustedAndPooled checks that adjusted and pooled rows are
// drawn beside the raw ones, with a legend, and said in the headline.
func TestRenderAdjustedAndPooled(t *testing.T) {
	r := sampleReport()
	r.Premiums = append(r.Premiums,
		data.Premium{Region: data.RegionAll, Quarter: data.QuarterAll, NOpenStack: 1020, NPython: 1392,
			Premium: 0.08, CILow: 0.03, CIHigh: 0.13, Confidence: 0.95, Method: data.MethodAdjusted},
		data.Premium{Region: "Asia-Pacific", Quarter: data.QuarterAll, NOpenStack: 21, NPython: 40,
			Premium: 0.12, CILow: 0.02, CIHigh: 0.22, Confidence: 0.95, Method: data.MethodPooled},
	)
	page := render(t, r)
	script := chartScript(t, page)
	for _, want := range []string{
		`"data":["Raw","Adjusted","Pooled (small regions)"]`,
		`"name":"Adjusted","type":"custom"`,
		`"name":"Pooled (small regions)","type":"custom"`,
		`Asia-Pacific — Pooled (small regions)`,
		`"name":"withheld: Raw"`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("chart script does not contain %q", want)
		}
	}
	if !strings.Contains(page, "Compared like with like (the adjusted estimate; see Method), the premium is &#43;8% (95% CI &#43;3% to &#43;13%).") {
		t.Error("headline does not give the adjusted estimate")
	}
	if m := headlinePattern.FindStringSubmatch(page); m == nil || !strings.Contains(m[1], "14%") {
		t.Errorf("the headline is not the raw estimate: %v", m)
	}
}

// TestContentPolicy checks that the page's Content-Security-Policy lets
// exactly its own inline scripts run, as a browser hashes them (after the
// HTML parser has made every line end "\n"), and loads nothing else.
func TestContentPolicy(t *testing.T) {
	page := render(t, withPay(sampleReport(), "x"))
	policy := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if policy == nil {
		t.Fatal("page has no Content-Security-Policy")
	}
	csp := html.UnescapeString(policy[1])
	for _, want := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("policy %q lacks %q", csp, want)
		}
	}
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 2 {
		t.Fatalf("page has %d inline scripts, want 2", len(scripts))
	}
	for _, s := range scripts {
		body := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s[1])
		sum := sha256.Sum256([]byte(body))
		if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, hash) {
			t.Errorf("policy does not allow the script starting %.40q", body)
		}
	}
	markup := regexp.MustCompile(`(?s)<script>.*?</script>`).ReplaceAllString(page, "")
	if regexp.MustCompile(`<(script|link|img|iframe)[^>]+(src|href)=`).MatchString(markup) {
		t.Error("page loads a script, stylesheet, image or frame from a URL")
	}
}

// TestRenderChange checks that a change row between quarters is said in
// words under the trend, with its interval.
func TestRenderChange(t *testing.T) {
	r := sampleReport()
	r.Premiums = append(r.Premiums, data.Premium{Region: data.RegionAll, Quarter: "2025Q4/2026Q1", NOpenStack: 1020, NPython: 1392,
		Premium: 0.016, CILow: -0.05, CIHigh: 0.09, Confidence: 0.95, Method: data.MethodChange})
	page := render(t, r)
	if want := "From 2025Q4 to 2026Q1 the ratio of OpenStack to Python pay changed by &#43;2% (95% CI −5% to &#43;9%): no clear change."; !strings.Contains(page, want) {
		t.Errorf("page does not say %q", want)
	}
	if got := strings.Count(chartScript(t, page), "2025Q4/2026Q1"); got != 0 {
		t.Errorf("a change row is drawn as a quarter (%d times)", got)
	}
}

// TestRenderFunnelPlaceSteps: the postings their place kept out are in
// the funnel's table, totalled over the sources, and in its chart, a
// country in no configured region apart from a region not estimated.
func TestRenderFunnelPlaceSteps(t *testing.T) {
	r := sampleReport()
	r.Funnel[0].NoRegion, r.Funnel[0].OutsideRegions = 4, 6
	page := render(t, r)
	for _, want := range []string{
		"<td>30</td><td>4</td><td>6</td><td>5</td><td>7</td>", // Demo board
		"<td>8</td><td>0</td><td>0</td><td>0</td><td>0</td>",  // Demo ATS
		"<td>38</td><td>4</td><td>6</td><td>5</td><td>7</td>", // All sources
		"Place known", "In a region", "Region estimated", "In one region",
		"4 left out: country in no configured region", "6 left out: in a region not estimated", "7 left out: open anywhere",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
