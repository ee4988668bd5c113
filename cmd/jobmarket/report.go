package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

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

// writeReport writes report.html and slides/ from the tables analyze
// wrote: it reads and draws, and estimates nothing. The report is about
// the period analyze was limited to (analysis.json says which): period
// flags (quarter, or the dates from and to, "2006-01-02", inclusive) may
// be given to make sure, and must then name that period; a usage error
// says which command to run when they do not. For a period it draws the
// trend and the comparison with the previous period from premium_trend
// and premium_previous. The settings it states (seed, resamples,
// confidence) are the ones analysis.json records, not the config's now.
func writeReport(ctx context.Context, e *env, quarter, from, to string) error {
	started := time.Now()
	premiums, err := readPremiums(e, PremiumJSONFile)
	if err != nil {
		return err
	}
	premiums, sensitivity := charts.SplitDefinitions(premiums)
	af, err := e.openInput(AnalysisFile, "analyze")
	if err != nil {
		return err
	}
	summary, err := data.ReadSummary(af)
	af.Close()
	if errors.Is(err, data.ErrNoSettings) {
		return fmt.Errorf("%s: %w: run `jobmarket analyze` again: %w", e.path(AnalysisFile), err, errUsage)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(AnalysisFile), err)
	}
	want, err := spanFlags(quarter, from, to)
	if err != nil {
		return err
	}
	var span data.Span
	if summary.Period != nil {
		span = *summary.Period
	}
	if !span.Matches(want) {
		return periodMismatch(span, want)
	}
	lf, err := e.openInput(ListingsArrowFile, "transform")
	if err != nil {
		return err
	}
	lf.Close()
	listings := listingsFile(e.path(ListingsArrowFile))
	settings := *summary.Settings
	r := charts.Report{
		Synthetic:   summary.Synthetic,
		Premiums:    premiums,
		Sensitivity: sensitivity,
		Funnel:      summary.Funnel,
		Period:      span.Label(),
		Method: charts.Method{
			Confidence: settings.Confidence, Bootstrap: settings.Bootstrap, Seed: settings.Seed,
			MinGroupSize: settings.MinGroupSize, DataFrom: summary.DataFrom, DataTo: summary.DataTo,
			RatesAsOf: ratesAsOf(e.cfg.Currency), Description: methodDescription,
		},
	}
	if err := brandReport(e.cfg.Report, &r); err != nil {
		return err
	}
	if r.Citation, err = reportCitation(e); err != nil {
		return err
	}
	read := []string{PremiumJSONFile, AnalysisFile, ListingsArrowFile}
	if !span.IsZero() {
		if r.Trend, err = readPremiums(e, PremiumTrendJSONFile); err != nil {
			return err
		}
		r.Previous = charts.Previous{Period: summary.Previous.Label(), Note: summary.Previous.Note}
		if r.Previous.Premiums, err = readPremiums(e, PremiumPreviousJSONFile); err != nil {
			return err
		}
		read = append(read, PremiumTrendJSONFile, PremiumPreviousJSONFile)
	}
	estimated := func(l *data.Listing) bool { return settings.InEstimate(l, summary.Regions) }
	work := e.startWork("report", "listings", e.listingCount(), "drawing the report and slides")
	defer work.end()
	if r.Pay, err = payPoints(work.stream(listings), estimated, span.Contains); err != nil {
		return err
	}
	for _, s := range e.cfg.Sources {
		urls := make([]string, len(s.StartURLs))
		for i, u := range s.StartURLs {
			urls[i] = e.mask.String(u)
		}
		r.Sources = append(r.Sources, charts.Source{Name: s.Name, Kind: s.Kind, URLs: urls})
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	if err := data.WriteFileAtomic(e.path(ReportFile), func(f *os.File) error { return charts.Render(f, r) }); err != nil {
		return fmt.Errorf("%w (run `jobmarket analyze` again if the tables are from another version)", err)
	}
	slides, err := charts.Slides(r)
	if err != nil {
		return err
	}
	slideNames, err := writeSlides(e.path(SlidesDir), slides)
	if err != nil {
		return err
	}
	work.end()
	inputs, err := e.hashNames(read...)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(append([]string{ReportFile}, slideNames...)...)
	if err != nil {
		return err
	}
	return e.recordStage("report", started, map[string]int{"rows": len(premiums), "slides": len(slides)}, inputs, outputs)
}

// readPremiums reads a premium table analyze wrote as JSON.
func readPremiums(e *env, name string) ([]data.Premium, error) {
	f, err := e.openInput(name, "analyze")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := data.ReadPremiumsJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.path(name), err)
	}
	return rows, nil
}

// periodMismatch is the usage error of a report asked for another period
// than the one analyze was limited to.
func periodMismatch(got, want data.Span) error {
	wanted := want.Label()
	if want.Open() {
		wanted = "postings from " + cmp.Or(want.From, "the first date") + " to " + cmp.Or(want.To, "the last date")
	}
	if got.IsZero() {
		return fmt.Errorf("%s covers every posting, not only %s: run `jobmarket analyze` limited to the same period first: %w",
			AnalysisFile, wanted, errUsage)
	}
	return fmt.Errorf("%s is limited to %s, not %s: run `jobmarket analyze` limited to the same period first: %w",
		AnalysisFile, got.Label(), wanted, errUsage)
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

// writeSlides replaces the slides folder with files: written into a new
// folder beside it, which then takes its place (data.ReplaceDir), so no
// slide of an earlier run is left behind among the new ones and a kill
// leaves the old slides or the new ones whole. It returns the files' paths
// relative to the output folder, for the manifest.
func writeSlides(dir string, files []charts.File) ([]string, error) {
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".tmp-"+filepath.Base(dir)+"-*")
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
	if err := data.ReplaceDir(tmp, dir); err != nil {
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
