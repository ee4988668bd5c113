package charts_test

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/charts/internal/echarts"
	"github.com/jobmarket/jobmarket/data"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html from the current output")

// method is the headline method: rows of the sample reports are raw rows.
const method = data.MethodStratified

var nan = math.NaN()

// sampleReport is a small report with every kind of row: the pooled
// estimate, a premium, a discount, a withheld region, and per-quarter rows.
func sampleReport() charts.Report {
	return charts.Report{
		Title:     "OpenStack vs Python pay premium",
		Synthetic: true,
		Premiums: []data.Premium{
			{Region: data.RegionAll, Quarter: data.QuarterAll, NOpenStack: 1020, NPython: 1392,
				MedianOpenStackUSD: 148200, MedianPythonUSD: 130100,
				Premium: 0.1412, CILow: 0.0913, CIHigh: 0.1934, Confidence: 0.95, Method: method},
			{Region: "Europe", Quarter: data.QuarterAll, NOpenStack: 412, NPython: 530,
				MedianOpenStackUSD: 121500, MedianPythonUSD: 103900,
				Premium: 0.172, CILow: 0.101, CIHigh: 0.248, Confidence: 0.95, Method: method},
			{Region: "North America", Quarter: data.QuarterAll, NOpenStack: 587, NPython: 822,
				MedianOpenStackUSD: 165000, MedianPythonUSD: 171250,
				Premium: -0.031, CILow: -0.082, CIHigh: 0.019, Confidence: 0.95, Method: method},
			{Region: "Asia-Pacific", Quarter: data.QuarterAll, NOpenStack: 21, NPython: 40,
				MedianOpenStackUSD: 61000, MedianPythonUSD: 58800,
				Premium: nan, CILow: nan, CIHigh: nan, Confidence: 0.95, Method: method,
				Note: "withheld: 21 OpenStack postings, fewer than 30"},
			{Region: data.RegionAll, Quarter: "2025Q4", NOpenStack: 498, NPython: 701,
				MedianOpenStackUSD: 146900, MedianPythonUSD: 129800,
				Premium: 0.133, CILow: 0.062, CIHigh: 0.207, Confidence: 0.95, Method: method},
			{Region: data.RegionAll, Quarter: "2026Q1", NOpenStack: 522, NPython: 691,
				MedianOpenStackUSD: 149500, MedianPythonUSD: 130400,
				Premium: 0.151, CILow: 0.081, CIHigh: 0.226, Confidence: 0.95, Method: method},
			{Region: "Europe", Quarter: "2025Q4", NOpenStack: 0, NPython: 12,
				MedianOpenStackUSD: nan, MedianPythonUSD: 99000,
				Premium: nan, CILow: nan, CIHigh: nan, Confidence: 0.95, Method: method,
				Note: "withheld: 0 OpenStack postings, fewer than 30"},
		},
		Funnel: []data.Funnel{
			{Source: "Demo board", Fetched: 3100, Parsed: 3012, WithPay: 2204, Classified: 1840, Unique: 1702,
				PlaceUnknown: 30, OutsideRegions: 10, MultiRegion: 5, Anywhere: 7, InEstimate: 1650},
			{Source: "Demo ATS", Fetched: 980, Parsed: 975, WithPay: 801, Classified: 790, Unique: 770, PlaceUnknown: 8, InEstimate: 762},
		},
		Sources: []charts.Source{
			{Name: "Demo board", Kind: "jsonld", URLs: []string{"bundled://demo/board"}},
			{Name: "Demo ATS", Kind: "lever", URLs: []string{"https://jobs.example.com/demo?team=cloud&page=1"}},
		},
		Method: charts.Method{
			Confidence: 0.95, Bootstrap: 10000, Seed: 20251001, MinGroupSize: 30,
			DataFrom: "2025-10-01", DataTo: "2026-09-30", RatesAsOf: "2026-09-30",
			Description: "We compare the typical advertised annual pay of OpenStack roles with that of Python roles.",
		},
	}
}

func render(t *testing.T, r charts.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := charts.Render(&buf, r); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.String()
}

// withoutLibrary replaces the inlined ECharts, a megabyte that
// TestInlinedLibrary checks on its own, with a marker, so the golden file
// holds only what this package writes.
func withoutLibrary(t *testing.T, page string) string {
	t.Helper()
	lib := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(echarts.Script)
	if strings.Count(page, lib) != 1 {
		t.Fatal("page does not inline ECharts exactly once")
	}
	return strings.Replace(page, lib, "/* ECharts "+echarts.Version+", inlined */", 1)
}

func TestRenderGolden(t *testing.T) {
	page := render(t, sampleReport())
	if again := render(t, sampleReport()); again != page {
		t.Fatal("two renders of the same report differ")
	}
	got := withoutLibrary(t, page)
	path := filepath.Join("testdata", "report.golden.html")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s; if the change is intended, run go test ./charts -update and review the diff", path)
	}
}

func TestRenderPageParts(t *testing.T) {
	page := render(t, sampleReport())
	for _, want := range []string{
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`@media print`,
		`<div class="banner" role="note"><strong>Synthetic demo data — not real job postings.</strong>`,
		`\nSynthetic demo data — not real job postings","subtextStyle"`, // the chart says so too
		`"type":"custom"`,
		`"renderItem":function (params, api)`,
		`Europe (n=412 / 530)`,
		`+17.2%`, `$121,500`, `−3.1%`, `−8.2% to +1.9%`,
		`<td>3,100</td>`,
		`<code>bundled://demo/board</code>`,
		`<a href="https://jobs.example.com/demo?team=cloud&amp;page=1"`,
		`<dd>10,000</dd>`, `<dd>20251001</dd>`, `<dd>2025-10-01 to 2026-09-30</dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	if strings.Contains(page, `href="bundled:`) {
		t.Error("bundled:// URL is a link; want plain text")
	}
}

func TestRenderNotSynthetic(t *testing.T) {
	r := sampleReport()
	r.Synthetic = false
	page := render(t, r)
	if strings.Contains(strings.ToLower(page), "synthetic") {
		t.Error("a report on real data mentions synthetic data")
	}
}

// TestRenderEmpty checks that the zero Report still makes a page, one that
// says there is nothing to show rather than failing or drawing zeros.
func TestRenderEmpty(t *testing.T) {
	page := render(t, charts.Report{})
	for _, want := range []string{"No overall estimate is available", "No funnel counts were supplied.", "No sources were listed."} {
		if !strings.Contains(page, want) {
			t.Errorf("empty page does not contain %q", want)
		}
	}
}

// TestRenderSilentSource: a source that gave no postings is named in the
// report with why, beside its row of zeros.
func TestRenderSilentSource(t *testing.T) {
	r := sampleReport()
	r.Funnel = append(r.Funnel, data.Funnel{Source: "acme-greenhouse", Fetched: 1,
		Note: "no postings: all 1 records rejected, 1 as fetch (HTTP 500)"})
	page := render(t, r)
	for _, want := range []string{"Sources that gave no postings", "<strong>acme-greenhouse</strong>: no postings: all 1 records rejected, 1 as fetch (HTTP 500)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	if page := render(t, sampleReport()); strings.Contains(page, "Sources that gave no postings") {
		t.Error("a report whose sources all gave postings lists silent sources")
	}
}
