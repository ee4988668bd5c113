package charts

import "strings"

// slideNames are the slide files' names (without extension) by chart ID:
// the slides folder holds NAME.png, NAME.svg and NAME.html for each chart
// it draws, and the report links to them from under the chart.
var slideNames = map[string]string{
	forestChartID:       "premium-by-region",
	compareChartID:      "premium-compare",
	distributionChartID: "pay-by-region",
	trendChartID:        "premium-by-quarter",
	funnelChartID:       "data-funnel",
}

// contentsEntry is one line of the table of contents: a section's
// element ID and its heading.
type contentsEntry struct{ ID, Heading string }

// contents lists the page's sections in order, leaving out those it does
// not show; the headings are the sections' own.
func contents(p page) []contentsEntry {
	out := []contentsEntry{{"by-region", "Premium by region"}}
	if p.Compare != nil || p.CompareNote != "" {
		out = append(out, contentsEntry{"comparison", "Compared with the previous period"})
	}
	if p.Distribution != nil {
		out = append(out, contentsEntry{"distribution", "Pay by region"})
	}
	if p.Trend != nil {
		out = append(out, contentsEntry{"trend", "Quarter by quarter"})
	}
	return append(out,
		contentsEntry{"funnel", "From fetched to estimated"},
		contentsEntry{"estimates", "All estimates"},
		contentsEntry{"method", "Method"},
		contentsEntry{"sources", "Sources"})
}

// citationLine is the ready citation of the report's numbers, in the form
// of the project's CITATION.cff (title "jobmarket", authors "The jobmarket
// authors"), with the build and the config that made them: "The jobmarket
// authors. jobmarket, version v1.2.0, commit 329b2cd. Config SHA-256
// 1f0e…. Postings 2025-10-01 to 2026-09-30." It is "" without a version.
func citationLine(r Report) string {
	c := r.Citation
	if c.Version == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("The jobmarket authors. jobmarket, version " + c.Version)
	if c.Commit != "" {
		b.WriteString(", commit " + c.Commit)
	}
	b.WriteString(".")
	if c.ConfigSHA256 != "" {
		b.WriteString(" Config SHA-256 " + c.ConfigSHA256 + ".")
	}
	if r.Period != "" {
		b.WriteString(" Period " + r.Period + ".")
	}
	if r.Method.DataFrom != "" && r.Method.DataTo != "" {
		b.WriteString(" Postings dated " + r.Method.DataFrom + " to " + r.Method.DataTo + ".")
	}
	if r.Organization != "" {
		b.WriteString(" Report by " + r.Organization + ".")
	}
	return b.String()
}
