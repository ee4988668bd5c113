package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// analysisSummary is analysis.json: what the report needs beside the
// premium rows.
type analysisSummary struct {
	Synthetic bool          `json:"synthetic"`
	DataFrom  string        `json:"data_from"`
	DataTo    string        `json:"data_to"`
	Funnel    []data.Funnel `json:"funnel"`
}

// runAnalyze estimates the premium from listings.arrow and rejects.csv.
func runAnalyze(ctx context.Context, e *env) error {
	started := time.Now()
	f, err := e.openInput(ListingsArrowFile, "transform")
	if err != nil {
		return err
	}
	f.Close()
	rf, err := e.openInput(RejectsFile, "transform")
	if err != nil {
		return err
	}
	rejects, err := data.ReadRejectsCSV(rf)
	rf.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(RejectsFile), err)
	}
	res, err := estimate(ctx, e.cfg, e.quarter, e.from, e.to, listingsFile(e.path(ListingsArrowFile)), rejects)
	if err != nil {
		return err
	}
	summary := analysisSummary{Synthetic: e.cfg.Synthetic(), DataFrom: res.DataFrom, DataTo: res.DataTo, Funnel: res.Funnel}
	writes := []struct {
		name  string
		write func(*os.File) error
	}{
		{PremiumCSVFile, func(f *os.File) error { return data.WritePremiumsCSV(f, res.Premiums) }},
		{PremiumJSONFile, func(f *os.File) error { return data.WritePremiumsJSON(f, res.Premiums) }},
		{AnalysisFile, func(f *os.File) error {
			enc := json.NewEncoder(f)
			enc.SetIndent("", "  ")
			return enc.Encode(summary)
		}},
	}
	for _, w := range writes {
		if err := data.WriteFileAtomic(e.path(w.name), w.write); err != nil {
			return err
		}
	}
	inputs, err := e.hashNames(ListingsArrowFile, RejectsFile)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(PremiumCSVFile, PremiumJSONFile, AnalysisFile)
	if err != nil {
		return err
	}
	counts := map[string]int{"listings": res.Listings, "rejects": len(rejects), "rows": len(res.Premiums)}
	for _, p := range res.Premiums {
		if p.Region == data.RegionAll && p.Quarter == data.QuarterAll {
			counts["n_openstack"], counts["n_python"] = p.NOpenStack, p.NPython
		}
	}
	return e.recordStage("analyze", started, counts, inputs, outputs)
}

// estimate runs the analysis on listings, limited to a quarter or to a
// span of dates when one is given; verify calls it too, to check a folder
// reproduces. Listings stream through analyze.Sample, which keeps about 50
// bytes per posting in the estimate.
func estimate(ctx context.Context, cfg Pipeline, quarter, from, to string, listings listingStream, rejects []data.Reject) (estimateResult, error) {
	span, limited, err := reportPeriod(quarter, from, to, dateBounds(listings, func(*data.Listing) bool { return true }))
	if err != nil {
		return estimateResult{}, err
	}
	s, err := analyze.NewSample(cfg.Analysis, cfg.Regions.Names())
	if err != nil {
		return estimateResult{}, err
	}
	var res estimateResult
	err = listings(func(batch []data.Listing) error {
		for i := range batch {
			if !limited || span.contains(batch[i]) {
				s.Add(&batch[i])
				res.Listings++
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return estimateResult{}, err
	}
	if limited && res.Listings == 0 {
		return estimateResult{}, fmt.Errorf("no listings posted in %s: %w", span.label, errUsage)
	}
	// Rejects carry no date: a period's funnel counts listings only.
	if !limited {
		for _, r := range rejects {
			s.AddReject(r)
		}
	}
	res.Result, err = s.Estimate(ctx)
	return res, err
}

// estimateResult is the analysis with the number of listings it read.
type estimateResult struct {
	analyze.Result
	Listings int
}

// analyzeCommand is `jobmarket analyze`.
var analyzeCommand = stageCommand{
	use:   "analyze",
	short: "Estimate the premium into premium_by_region.csv/.json and analysis.json",
	long: `Estimate the premium of OpenStack roles over Python roles by region and
quarter from listings.arrow, with intervals. --quarter or --from/--to limit
it to one period, compared with the one before.`,
	flags:  flagConfig | flagOut | flagSeed | flagPeriod,
	writes: true,
	run:    runAnalyze,
}
