package charts

import (
	"bytes"
	"fmt"
	"io"

	"github.com/jobmarket/jobmarket/data"
)

// Report is everything the report page shows.
type Report struct {
	Title     string         // e.g. "OpenStack vs Python pay premium"
	Synthetic bool           // true when the data is the bundled synthetic demo: shows a visible banner everywhere
	Premiums  []data.Premium // rows of premium_by_region: first "All regions"/"all", then each region with Quarter "all", then per-quarter rows
	Funnel    []data.Funnel  // one per source
	Sources   []Source
	Method    Method
}

// Source is one job board or feed the postings came from. URLs may use
// any scheme; only http and https ones are made into links.
type Source struct {
	Name, Kind string
	URLs       []string
}

// Method says how the estimates were made, for the methods section.
type Method struct {
	Confidence       float64 // e.g. 0.95
	Bootstrap        int     // resamples
	Seed             uint64
	MinGroupSize     int
	DataFrom, DataTo string // posting dates covered, "2025-10-01"
	RatesAsOf        string
	Description      string // one paragraph in plain words, supplied by the caller
}

// Render writes one self-contained HTML page: the headline, a forest plot
// of the premium by region, the premium and funnel tables, the method and
// the sources. The page loads ECharts from go-echarts' default asset host;
// without it every number is still in the tables.
//
// The same Report always gives the same bytes. Nothing is written to w if
// the page cannot be built; the errors returned are from building the
// chart options (a bug here, not bad input) or from writing to w.
func Render(w io.Writer, r Report) error {
	p, err := newPage(r)
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// page is the view the template reads: every value already formatted, so
// the template only lays it out.
type page struct {
	Title     string
	Synthetic bool
	Headline  string
	Forest    forest
	Premiums  []premiumRow
	Level     string // confidence level, "95%"; "" when unknown
	Funnel    []funnelRow
	Method    []methodItem
	About     string
	Sources   []sourceView
}

func newPage(r Report) (page, error) {
	f, err := newForest(r)
	if err != nil {
		return page{}, err
	}
	title := r.Title
	if title == "" {
		title = "OpenStack vs Python pay premium"
	}
	return page{
		Title:     title,
		Synthetic: r.Synthetic,
		Headline:  headline(r.Premiums, r.Method),
		Forest:    f,
		Premiums:  premiumRows(r.Premiums),
		Level:     confidenceLevel(r.Method.Confidence),
		Funnel:    funnelRows(r.Funnel),
		Method:    methodItems(r.Method),
		About:     r.Method.Description,
		Sources:   sourceViews(r.Sources),
	}, nil
}
