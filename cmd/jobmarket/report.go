package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

// SlidesDir is the folder of the output folder that holds each chart as a
// slide: PNG, SVG and a small HTML page.
const SlidesDir = "slides"

// runReport writes report.html and slides/ from the analyze stage's
// outputs, limited to e.quarter when it is set.
func runReport(ctx context.Context, e *env) error {
	return writeReport(ctx, e, e.quarter, e.from, e.to)
}

// writeReport writes report.html and slides/ for the postings of one
// period (quarter, or the dates from and to, "2006-01-02", inclusive; all
// empty for every posting), compared with the period before it.
//
// premium_by_region.json must be limited to the same period (analyze run
// with the same flags): the report checks the dates analysis.json covers
// and says which command to run when they do not fit. With no period given,
// the report takes the quarter the manifest says analyze was limited to. The estimates of the
// previous period and the quarterly trend up to the period are made here,
// with the analysis config and seed of the run, since analyze wrote only
// the period's own.
func writeReport(ctx context.Context, e *env, quarter, from, to string) error {
	started := time.Now()
	pf, err := e.openInput(PremiumJSONFile, "analyze")
	if err != nil {
		return err
	}
	premiums, err := data.ReadPremiumsJSON(pf)
	pf.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(PremiumJSONFile), err)
	}
	af, err := e.openInput(AnalysisFile, "analyze")
	if err != nil {
		return err
	}
	var summary analysisSummary
	err = json.NewDecoder(af).Decode(&summary)
	af.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", e.path(AnalysisFile), err)
	}
	lf, err := e.openInput(ListingsArrowFile, "transform")
	if err != nil {
		return err
	}
	lf.Close()
	listings := listingsFile(e.path(ListingsArrowFile))

	if quarter == "" && from == "" && to == "" {
		// A report of an analysis limited to a quarter is about that
		// quarter, even when the report command was not told so.
		if m, err := readManifest(e.out); err == nil {
			quarter, from, to = m.Quarter, m.From, m.To
		}
	}
	regions := e.cfg.Regions.Names()
	estimated := func(l *data.Listing) bool { return e.cfg.Analysis.InEstimate(*l, regions) }
	span, limited, err := reportPeriod(quarter, from, to, dateBounds(listings, estimated))
	if err != nil {
		return err
	}
	r := charts.Report{
		Title:     "OpenStack vs Python pay premium",
		Synthetic: summary.Synthetic,
		Premiums:  premiums,
		Funnel:    summary.Funnel,
		Method: charts.Method{
			Confidence: e.cfg.Analysis.Confidence, Bootstrap: e.cfg.Analysis.Bootstrap, Seed: e.cfg.Analysis.Seed,
			MinGroupSize: e.cfg.Analysis.MinGroupSize, DataFrom: summary.DataFrom, DataTo: summary.DataTo,
			RatesAsOf: e.cfg.Currency.AsOf, Description: methodDescription,
		},
	}
	if limited {
		if err := span.covers(summary.DataFrom, summary.DataTo); err != nil {
			return err
		}
		r.Period = span.label
		if r.Trend, r.Previous, err = periodContext(ctx, e.cfg.Analysis, regions, span, listings); err != nil {
			return err
		}
	}
	if r.Pay, err = payPoints(listings, estimated, func(l *data.Listing) bool { return !limited || span.contains(*l) }); err != nil {
		return err
	}
	for _, s := range e.cfg.Sources {
		r.Sources = append(r.Sources, charts.Source{Name: s.Name, Kind: s.Kind, URLs: s.StartURLs})
	}

	if err := data.WriteFileAtomic(e.path(ReportFile), func(f *os.File) error { return charts.Render(f, r) }); err != nil {
		return err
	}
	slides, err := charts.Slides(r)
	if err != nil {
		return err
	}
	slideNames, err := writeSlides(e.path(SlidesDir), slides)
	if err != nil {
		return err
	}
	inputs, err := e.hashNames(PremiumJSONFile, AnalysisFile, ListingsArrowFile)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(append([]string{ReportFile}, slideNames...)...)
	if err != nil {
		return err
	}
	return e.recordStage("report", started, map[string]int{"rows": len(premiums), "slides": len(slides)}, inputs, outputs)
}

// payPoints collects the pay of the listings in the estimate and the
// period, for the distributions: drawn from exactly the postings the
// premium is estimated from. Strings are copied so the points do not pin
// the Arrow batches they were read from.
func payPoints(listings listingStream, estimated, inPeriod func(*data.Listing) bool) ([]charts.PayPoint, error) {
	var out []charts.PayPoint
	names := map[string]string{} // regions, interned
	err := listings(func(batch []data.Listing) error {
		for i := range batch {
			l := &batch[i]
			if !estimated(l) || !inPeriod(l) {
				continue
			}
			region, ok := names[l.Region]
			if !ok {
				region = strings.Clone(l.Region)
				names[region] = region
			}
			out = append(out, charts.PayPoint{Region: region, Role: l.Role, AnnualUSD: l.SalaryAnnualUSD,
				Title: strings.Clone(l.Title), Company: strings.Clone(l.Company)})
		}
		return nil
	})
	return out, err
}

// periodContext estimates what a report limited to a period shows beside
// the period's own rows: the trend, every quarter up to the period's end,
// and the previous period's estimates. Both come from analyze with the
// run's config and seed on all the listings of those dates (analyze picks
// the ones in the estimate itself), so they are the rows `jobmarket
// analyze` gives on the same postings; for a quarter the previous one's
// rows are its per-quarter rows of the trend run, so the comparison and the
// trend show the same numbers, and the change between the two quarters
// comes along when analyze makes one.
func periodContext(ctx context.Context, cfg analyze.Config, regions []string, span period, listings listingStream) ([]data.Premium, charts.Previous, error) {
	prev := span.previous()
	history, err := analyze.NewSample(cfg, regions)
	if err != nil {
		return nil, charts.Previous{}, err
	}
	var before *analyze.Sample
	if prev.quarter == "" {
		if before, err = analyze.NewSample(cfg, regions); err != nil {
			return nil, charts.Previous{}, err
		}
	}
	nBefore := 0
	err = listings(func(batch []data.Listing) error {
		for i := range batch {
			l := &batch[i]
			if span.upTo(*l) {
				history.Add(l)
			}
			if prev.contains(*l) {
				nBefore++
				if before != nil {
					before.Add(l)
				}
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, charts.Previous{}, err
	}
	trend, err := history.Estimate(ctx)
	if err != nil {
		return nil, charts.Previous{}, fmt.Errorf("trend up to %s: %w", span.label, err)
	}
	p := charts.Previous{Period: prev.label}
	switch {
	case nBefore == 0:
		p.Note = "no postings in " + prev.label
	case prev.quarter != "":
		for _, row := range trend.Premiums {
			switch {
			case row.Quarter == prev.quarter:
				row.Quarter = data.QuarterAll // the previous period, whole
				p.Premiums = append(p.Premiums, row)
			case row.Quarter == prev.quarter+"/"+span.quarter:
				p.Premiums = append(p.Premiums, row) // the change, when analyze makes it
			}
		}
	default:
		res, err := before.Estimate(ctx)
		if err != nil {
			return nil, charts.Previous{}, fmt.Errorf("previous period %s: %w", prev.label, err)
		}
		p.Premiums = res.Premiums
	}
	return trend.Premiums, p, nil
}

// writeSlides replaces the slides folder with files: written into a new
// folder beside it, which then takes its place, so no slide of an earlier
// run is left behind among the new ones. It returns the files' paths
// relative to the output folder, for the manifest.
func writeSlides(dir string, files []charts.File) ([]string, error) {
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+"-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // after a successful rename there is nothing left
	names := make([]string, len(files))
	for i, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Body, 0o644); err != nil {
			return nil, err
		}
		names[i] = filepath.ToSlash(filepath.Join(filepath.Base(dir), f.Name))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, err
	}
	return names, nil
}

// methodDescription explains the estimate to a reader who is not a
// statistician; docs/methods.md has the details.
const methodDescription = "Each posting's advertised pay is read as stated by the employer (board estimates are left out), " +
	"taken at the midpoint of its range, turned into pay per year (hourly × 2080, daily × 260, weekly × 52, monthly × 12) " +
	"and converted to US dollars with the dated rates table of the config. A posting counts once even when several boards carry it. " +
	"OpenStack roles mention OpenStack (or two OpenStack projects); Python roles mention Python and not OpenStack. " +
	"The premium compares typical pay: the geometric mean of OpenStack pay over that of Python pay, minus one. " +
	"The interval comes from resampling the postings of each group many times with a fixed seed, so anyone can reproduce it to the digit. " +
	"It shows sampling uncertainty only: it says nothing about which boards or employers advertise pay, nor about seniority or location within a region. " +
	"Regions with too few postings in either group get no estimate."

// period is a span of posting dates a report is limited to.
type period struct {
	label    string // "2026Q3", or "2026-07-01 to 2026-09-30"
	quarter  string // "2026Q3" for a calendar quarter, "" for a span of dates
	from, to string // first and last day, inclusive, "2006-01-02"
}

// reportPeriod reads the period flags: --quarter, or --from and --to
// (either may be left out: it then takes the first or last posting date
// that bounds finds, a pass over the listings made only then). It reports
// false when none is set. A quarter and dates
// together, a date that is not YYYY-MM-DD and from after to are usage
// errors.
func reportPeriod(quarter, from, to string, bounds func() (first, last string, err error)) (period, bool, error) {
	switch {
	case quarter != "" && (from != "" || to != ""):
		return period{}, false, fmt.Errorf("--quarter and --from/--to limit the report twice: give one or the other: %w", errUsage)
	case quarter != "":
		p, err := quarterPeriod(quarter)
		return p, err == nil, err
	case from == "" && to == "":
		return period{}, false, nil
	}
	for _, d := range []struct{ flag, value string }{{"--from", from}, {"--to", to}} {
		if _, err := time.Parse(time.DateOnly, d.value); d.value != "" && err != nil {
			return period{}, false, fmt.Errorf("%s: %q is not a date like 2026-07-01: %w", d.flag, d.value, errUsage)
		}
	}
	first, last := from, to
	if from == "" || to == "" {
		var err error
		if first, last, err = bounds(); err != nil {
			return period{}, false, err
		}
	}
	if from == "" {
		from = first
	}
	if to == "" {
		to = last
	}
	if from > to {
		return period{}, false, fmt.Errorf("--from %s is after --to %s: %w", from, to, errUsage)
	}
	return period{label: from + " to " + to, from: from, to: to}, true, nil
}

// quarterPeriod is the calendar quarter q, "2026Q3".
func quarterPeriod(q string) (period, error) {
	var year, n int
	if _, err := fmt.Sscanf(q, "%4dQ%1d", &year, &n); err != nil || n < 1 || n > 4 || len(q) != 6 {
		return period{}, fmt.Errorf("--quarter: %q is not a quarter like 2026Q3: %w", q, errUsage)
	}
	first := time.Date(year, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC)
	return period{label: q, quarter: q, from: first.Format(time.DateOnly), to: first.AddDate(0, 3, -1).Format(time.DateOnly)}, nil
}

// previous is the period just before p: the quarter before, or as many
// days ending the day before p starts.
func (p period) previous() period {
	from, _ := time.Parse(time.DateOnly, p.from)
	if p.quarter != "" {
		prev := from.AddDate(0, -3, 0)
		q, _ := quarterPeriod(fmt.Sprintf("%04dQ%d", prev.Year(), (int(prev.Month())+2)/3))
		return q
	}
	to, _ := time.Parse(time.DateOnly, p.to)
	days := int(to.Sub(from).Hours()/24) + 1
	end := from.AddDate(0, 0, -1)
	start := end.AddDate(0, 0, 1-days)
	return period{label: start.Format(time.DateOnly) + " to " + end.Format(time.DateOnly),
		from: start.Format(time.DateOnly), to: end.Format(time.DateOnly)}
}

// contains reports whether a listing was posted in the period: by its
// quarter for a quarter, as analyze's --quarter filter does, else by date.
// A listing without a date is in no period.
func (p period) contains(l data.Listing) bool {
	if p.quarter != "" {
		return l.Quarter == p.quarter
	}
	return l.PostedDate != "" && p.from <= l.PostedDate && l.PostedDate <= p.to
}

// upTo reports whether a listing was posted before the period ended: the
// postings of the trend.
func (p period) upTo(l data.Listing) bool {
	if p.quarter != "" {
		return l.Quarter != "" && l.Quarter <= p.quarter
	}
	return l.PostedDate != "" && l.PostedDate <= p.to
}

// covers checks that the analysis the report reads was limited to the
// period too: its postings are dated from dataFrom to dataTo.
func (p period) covers(dataFrom, dataTo string) error {
	if dataFrom == "" || p.from <= dataFrom && dataTo <= p.to {
		return nil
	}
	return fmt.Errorf("%s covers postings from %s to %s, not only %s: run `jobmarket analyze` limited to the same period first: %w",
		AnalysisFile, dataFrom, dataTo, p.label, errUsage)
}

// reportCommand is `jobmarket report`.
var reportCommand = stageCommand{
	use:   "report",
	short: "Write report.html and slides/ from what analyze wrote",
	long: `Write report.html (one self-contained file) and slides/ (each chart as PNG,
SVG and HTML) from the tables analyze wrote into the output folder.`,
	flags:  flagConfig | flagOut | flagPeriod,
	writes: true,
	run:    runReport,
}
