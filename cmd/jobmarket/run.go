package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/jobmarket/jobmarket/data"
)

// runAll runs every stage in order, stopping at the first failure or at
// Ctrl-C between stages, then prints the premium table.
func runAll(ctx context.Context, e *env) error {
	stages := []struct {
		name string
		run  func(context.Context, *env) error
	}{{"scrape", runScrape}, {"transform", runTransform}, {"analyze", runAnalyze}, {"report", runReport}}
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.run(ctx, e); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return e.printSummary()
}

// printSummary prints the premium by region with its interval and where
// the report is: what a user wants to see when the run ends.
func (e *env) printSummary() error {
	f, err := e.openInput(PremiumJSONFile, "analyze")
	if err != nil {
		return err
	}
	premiums, err := data.ReadPremiumsJSON(f)
	f.Close()
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintln(w)
	if e.cfg.Synthetic() {
		fmt.Fprintln(w, "SYNTHETIC DEMO DATA: the bundled snapshot is generated, not real postings.")
	}
	level := ""
	if len(premiums) > 0 {
		level = fmt.Sprintf("%g%% interval", premiums[0].Confidence*100)
	}
	fmt.Fprintln(w, "OpenStack pay premium over Python roles, all quarters:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "region\tpremium\t%s\tn OpenStack\tn Python\t\n", level)
	for _, p := range premiums {
		if p.Quarter != data.QuarterAll {
			continue
		}
		if p.Note != "" {
			fmt.Fprintf(tw, "%s\t—\t%s\t%d\t%d\t\n", p.Region, p.Note, p.NOpenStack, p.NPython)
			continue
		}
		fmt.Fprintf(tw, "%s\t%+.1f%%\t%+.1f%% to %+.1f%%\t%d\t%d\t\n", p.Region, 100*p.Premium, 100*p.CILow, 100*p.CIHigh, p.NOpenStack, p.NPython)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\nReport: %s\nTables: %s, %s, %s\n\n",
		e.path(ReportFile), e.path(PremiumCSVFile), e.path(ListingsParquetFile), e.path(RejectsFile))
	return err
}
