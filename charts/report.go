package charts

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/jobmarket/jobmarket/charts/internal/echarts"
	"github.com/jobmarket/jobmarket/data"
)

// Report is everything the report page shows.
type Report struct {
	Title     string // e.g. "OpenStack vs Python pay premium"; "" for DefaultTitle
	Synthetic bool   // true when the data is the bundled synthetic demo: shows a visible banner everywhere
	// Subtitle and Organization are shown under the title, the logo
	// beside them; all may be empty (Config says what each is).
	Subtitle, Organization string
	// Logo is the organization's logo as a data: URI made by LogoURI;
	// "" for none.
	Logo template.URL
	// Accent is the page's accent colour, "#rrggbb"; "" for DefaultAccent.
	Accent string
	// Citation identifies the build and config that made the numbers,
	// for the citation line of the methods section; left out when its
	// Version is "".
	Citation Citation
	// Premiums are the rows of premium_by_region: "All regions" first,
	// then each region, each with Quarter "all" then per-quarter rows.
	// Which rows are the headline, adjusted or pooled estimates is decided
	// by their method, one of the data.Method* constants (see rows.go);
	// rows of other methods are listed in the table only. A row of any
	// other method is an error.
	Premiums []data.Premium
	Funnel   []data.Funnel // one per source
	Sources  []Source
	Method   Method

	// Period names the span of postings the report is limited to, such as
	// "2026Q3" or "2026-07-01 to 2026-09-30"; "" when it covers every
	// posting.
	Period string
	// Previous holds the estimates of the period before Period, for the
	// comparison; its Period is "" when there is none.
	Previous Previous
	// Trend holds per-quarter rows for the quarterly trend when Premiums
	// has none of its own (a report limited to one quarter); nil means the
	// per-quarter rows of Premiums.
	Trend []data.Premium
	// Pay is the advertised pay of every posting in the estimate, for the
	// distribution chart; without it the chart is left out.
	Pay []PayPoint
	// Sensitivity are the headline rows under the other role definition
	// (see SplitDefinitions), said in one line under the headline; nil
	// for none.
	Sensitivity []data.Premium
}

// Previous is the period a report is compared with.
type Previous struct {
	Period   string         // "2026Q2"
	Premiums []data.Premium // its rows, as Report.Premiums
	// Note says why there is no estimate to compare with, such as "no
	// postings in 2026Q2"; shown instead of the comparison.
	Note string
}

// Citation is what a reader needs to cite the report's numbers: the
// build of jobmarket that made them and the config they were made with.
type Citation struct {
	Version string // module version, "v1.2.0" or "(devel)"
	Commit  string // VCS commit, "" when unknown
	// ConfigSHA256 is the hex SHA-256 of the resolved config the analysis
	// ran with, as manifest.json records it.
	ConfigSHA256 string
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
// of the premium by region (with adjusted and pooled estimates beside the
// raw ones when the rows hold them), the comparison with the previous
// period, the pay distributions, the quarterly trend, the data funnel, the
// table of all estimates, the method and the sources. ECharts is inlined,
// so the page draws its charts with no network; it loads nothing, and its
// Content-Security-Policy forbids loading anything.
//
// The same Report always gives the same bytes. Nothing is written to w if
// the page cannot be built; the errors returned are for a row whose method
// is not a data.Method* constant (in Premiums, Trend or Previous), from
// building the chart options (a bug here) or from writing to w.
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

// inlineLibrary is ECharts as the page holds it: with its line ends
// made "\n". Its licence header ends lines with "\r\n", which an HTML
// parser turns into "\n" before the browser hashes the script for the
// Content-Security-Policy, so the hash must be of the normalized text.
// Line ends mean the same in JavaScript either way.
var inlineLibrary = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(echarts.Script)

// page is the view the template reads: every value already formatted, so
// the template only lays it out.
type page struct {
	Title          string
	Subtitle       string
	Organization   string
	Logo           template.URL
	Accent         template.CSS // the :root rule that sets --accent
	Synthetic      bool
	Period         string
	PreviousPeriod string
	Headline       string
	More           []string // further sentences under the headline
	Key            *keyFigure
	Policy         string      // Content-Security-Policy
	Library        template.JS // ECharts, inlined
	Script         template.JS // draws the charts
	Level          string      // confidence level, "95%"; "" when unknown

	Forest        chart
	Compare       *chart
	CompareNote   string
	CompareChange string // the change between the two quarters, in words
	TrendChange   string
	CompareRows   []comparisonRow
	Distribution  *chart
	Trend         *chart
	FunnelChart   *chart

	Premiums          []premiumRow // pooled over quarters
	PremiumsByQuarter []premiumRow
	MethodNotes       []methodNote
	Funnel            []funnelRow
	// SilentSources are the sources that gave no postings, with why.
	SilentSources []data.Funnel
	Method        []methodItem
	About         string
	Citation      string
	Sources       []sourceView
	Contents      []contentsEntry
}

func newPage(r Report) (page, error) {
	if err := checkMethods(r); err != nil {
		return page{}, err
	}
	accent := cmp.Or(r.Accent, DefaultAccent)
	if !hexColour.MatchString(accent) {
		return page{}, fmt.Errorf("accent %q is not a colour of the form #rrggbb", r.Accent)
	}
	p := page{
		Title:          cmp.Or(r.Title, DefaultTitle),
		Subtitle:       r.Subtitle,
		Organization:   r.Organization,
		Logo:           r.Logo,
		Accent:         template.CSS(":root { --accent: " + accent + "; }"),
		Synthetic:      r.Synthetic,
		Period:         r.Period,
		PreviousPeriod: r.Previous.Period,
		Headline:       headline(r.Premiums, r.Method, r.Period),
		More:           append(sensitivitySentence(r), moreSentences(r)...),
		Key:            newKeyFigure(r),
		Level:          confidenceLevel(r.Method.Confidence),
		MethodNotes:    methodNotes(r.Premiums),
		Funnel:         funnelRows(r.Funnel),
		SilentSources:  silentSources(r.Funnel),
		Method:         methodItems(r.Method, r.Period, r.Previous.Period),
		About:          r.Method.Description,
		Citation:       citationLine(r),
		Sources:        sourceViews(r.Sources),
	}
	pooled, byQuarter := splitByQuarter(r.Premiums)
	p.Premiums, p.PremiumsByQuarter = premiumRows(pooled, r.Period), premiumRows(byQuarter, r.Period)
	var err error
	if p.Forest, err = newForest(r); err != nil {
		return page{}, err
	}
	drawn := []chart{p.Forest}
	if r.Previous.Period != "" {
		if len(r.Previous.Premiums) > 0 {
			c, err := newComparison(r)
			if err != nil {
				return page{}, err
			}
			p.Compare, drawn = &c, append(drawn, c)
			p.CompareRows = comparisonRows(r)
		}
		p.CompareNote = r.Previous.Note
		p.CompareChange = changeSentence(r.Previous.Premiums, r.Method)
	}
	trendSource := r.Trend
	if trendSource == nil {
		trendSource = r.Premiums
	}
	p.TrendChange = changeSentence(trendSource, r.Method)
	optional := []struct {
		build func(Report) (chart, bool, error)
		dst   **chart
	}{{newDistribution, &p.Distribution}, {newTrend, &p.Trend}, {newFunnel, &p.FunnelChart}}
	for _, o := range optional {
		c, ok, err := o.build(r)
		if err != nil {
			return page{}, err
		}
		if ok {
			*o.dst, drawn = &c, append(drawn, c)
		}
	}
	if p.Script, err = chartScript(drawn); err != nil {
		return page{}, err
	}
	p.Library = template.JS(inlineLibrary)
	p.Policy = contentPolicy(string(p.Library), string(p.Script))
	p.Contents = contents(p)
	return p, nil
}
