package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// runAll runs every stage in order, stopping at the first failure or at
// Ctrl-C between stages, then prints the premium table.
func runAll(ctx context.Context, e *env) error {
	stages := []struct {
		name string
		run  func(context.Context, *env) error
	}{{"scrape", runScrape}, {"transform", runTransform}, {"analyze", runAnalyze}, {"report", runReport}}
	var partial error
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.run(ctx, e)
		if errors.Is(err, scrape.ErrPartial) {
			// What the other sources gave is complete: finish the run on it.
			partial = fmt.Errorf("%s: %w", s.name, err)
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	if err := e.printSummary(); err != nil {
		return err
	}
	return partial
}

// printSummary prints the premium by region with its interval and where
// the report is: what a user wants to see when the run ends. It states
// what analyze recorded (period, controls), not the config.
func (e *env) printSummary() error {
	f, err := e.openInput(PremiumJSONFile, "analyze")
	if err != nil {
		return err
	}
	premiums, err := data.ReadPremiumsJSON(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(PremiumJSONFile), err)
	}
	af, err := e.openInput(AnalysisFile, "analyze")
	if err != nil {
		return err
	}
	summary, err := data.ReadSummary(af)
	af.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(AnalysisFile), err)
	}
	// The rows under the other role definition are a sensitivity check:
	// one line under the table, never rows of it.
	premiums, sensitivity := charts.SplitDefinitions(premiums)
	w := e.stdout
	fmt.Fprintln(w)
	if summary.Synthetic {
		fmt.Fprintln(w, "SYNTHETIC DEMO DATA: made-up postings (the config says synthetic), not real ones.")
	}
	level := ""
	if len(premiums) > 0 {
		level = fmt.Sprintf("%g%% interval", premiums[0].Confidence*100)
	}
	period := "all postings"
	switch {
	case summary.Period != nil:
		period = summary.Period.Label()
	case summary.DataFrom != "":
		period = fmt.Sprintf("all postings, %s to %s", summary.DataFrom, summary.DataTo)
	}
	fmt.Fprintf(w, "OpenStack pay premium over Python roles, %s.\n", period)
	if len(premiums) > 0 {
		fmt.Fprintln(w, plainLegend(premiums[0].Confidence, summary.Settings.Controls))
	}
	adjusted := map[string]data.Premium{}
	for _, p := range premiums {
		if p.Quarter == data.QuarterAll && p.Method == data.MethodAdjusted {
			adjusted[p.Region] = p
		}
	}
	span := func(p data.Premium) string {
		if math.IsNaN(p.Premium) || math.IsNaN(p.CILow) {
			return "—"
		}
		return fmt.Sprintf("%+.1f%% (%+.1f%% to %+.1f%%)", 100*p.Premium, 100*p.CILow, 100*p.CIHigh)
	}
	var notes noteList
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "region	raw premium (%s)	adjusted	n OpenStack	n Python	note	\n", level)
	for _, p := range premiums {
		if p.Quarter != data.QuarterAll || p.Method != data.MethodStratified {
			continue
		}
		adj, ok := adjusted[p.Region]
		adjText := "—"
		if ok {
			adjText = span(adj)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t\n", p.Region, span(p), adjText, p.NOpenStack, p.NPython, notes.mark(p.Note))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := notes.write(w); err != nil {
		return err
	}
	for _, p := range sensitivity {
		if p.Region == data.RegionAll && p.Quarter == data.QuarterAll && p.Method == data.MethodStratified {
			fmt.Fprintf(w, "\n%s\n", wrap(fmt.Sprintf("Under classify.definition %s instead (%s): All regions %s, from %d OpenStack and %d Python postings.",
				p.Definition, definitionMeaning(p.Definition), span(p), p.NOpenStack, p.NPython), summaryWidth, ""))
		}
	}
	if out := placeLosses(summary.Funnel); out != "" {
		fmt.Fprintf(w, "\nLeft out of All regions by their place: %s.\n", out)
	}
	if out := undatedNote(summary.Funnel); out != "" {
		fmt.Fprintf(w, "\n%s\n", out)
	}
	_, err = fmt.Fprintf(w, "\nReport: %s\nTables: %s, %s, %s\n\n",
		e.path(ReportFile), e.path(PremiumCSVFile), e.path(ListingsParquetFile), e.path(RejectsFile))
	return err
}

// placeLosses says how many unique postings with pay their place kept out
// of All regions, summed over the sources; "" when none.
func placeLosses(funnels []data.Funnel) string {
	var f data.Funnel
	for _, s := range funnels {
		f.PlaceUnknown += s.PlaceUnknown
		f.OutsideRegions += s.OutsideRegions
		f.NoRegion += s.NoRegion
		f.MultiRegion += s.MultiRegion
		f.Anywhere += s.Anywhere
	}
	var parts []string
	for _, step := range []struct {
		n    int
		what string
	}{{f.PlaceUnknown, "place unknown"}, {f.NoRegion, "outside every region"}, {f.OutsideRegions, "in a region not estimated"},
		{f.MultiRegion, "open in several regions"}, {f.Anywhere, "open anywhere"}} {
		if step.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", step.n, step.what))
		}
	}
	return strings.Join(parts, ", ")
}

// runCommand is `jobmarket run`, also what `jobmarket` with no command does.
var runCommand = stageCommand{
	use:   "run",
	short: "Scrape, transform, analyze and report, then print the premium by region",
	long: `Run every stage in order on the config's sources, then print the premium
by region with its interval and where the report is. Each stage reads what
the one before wrote into the output folder.`,
	flags:  flagConfig | flagOut | flagSeed | flagPeriod | flagSource | flagFetch,
	writes: true,
	run:    runAll,
}
