package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// The analyze stage's tables beside premium_by_region, written only by an
// analysis limited to a period; docs/schema.md describes them.
const (
	PremiumTrendCSVFile     = "premium_trend.csv"
	PremiumTrendJSONFile    = "premium_trend.json"
	PremiumPreviousCSVFile  = "premium_previous.csv"
	PremiumPreviousJSONFile = "premium_previous.json"
)

// contextFiles are the tables only a limited analysis writes.
var contextFiles = []string{PremiumTrendCSVFile, PremiumTrendJSONFile, PremiumPreviousCSVFile, PremiumPreviousJSONFile}

// runAnalyze estimates the premium from listings.arrow and rejects.csv
// through analyze.Run, limited to the period flags when they are given,
// and writes every table the report reads.
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
	span, err := spanFlags(e.quarter, e.from, e.to)
	if err != nil {
		return err
	}
	work := e.startWork("analyze", "listings", e.listingCount(), "estimating")
	out, err := runAnalysis(ctx, e.cfg, span, e.path(ListingsArrowFile), rejects, work)
	work.end()
	if err != nil {
		return err
	}
	tables, err := analysisTables(e.cfg, out)
	if err != nil {
		return err
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		if err := data.WriteFileAtomic(e.path(t.name), func(f *os.File) error {
			_, err := f.Write(t.body)
			return err
		}); err != nil {
			return err
		}
		names[i] = t.name
	}
	if out.Context == nil {
		// No trend or previous period of an earlier, limited run may stay
		// beside tables that are not about a period.
		for _, name := range contextFiles {
			if err := os.Remove(e.path(name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	inputs, err := e.hashNames(ListingsArrowFile, RejectsFile)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(names...)
	if err != nil {
		return err
	}
	counts := map[string]int{"listings": out.Listings, "rejects": len(rejects), "rows": len(out.Premiums)}
	for _, p := range out.Premiums {
		if p.Region == data.RegionAll && p.Quarter == data.QuarterAll {
			counts["n_openstack"], counts["n_python"] = p.NOpenStack, p.NPython
		}
	}
	if out.Context != nil {
		counts["trend_rows"], counts["previous_rows"] = len(out.Context.Trend), len(out.Context.PreviousRows)
	}
	return e.recordStage("analyze", started, counts, inputs, outputs)
}

// runAnalysis is the one call of the analyze stage, for the analyze
// command and for verify: analyze.Run on the listings.arrow at path with
// the config's analysis settings and regions, telling work how far it is. A period without listings
// is the caller's to fix.
func runAnalysis(ctx context.Context, cfg Pipeline, span data.Span, listingsPath string, rejects []data.Reject, work *stageWork) (analyze.Output, error) {
	out, err := analyze.Run(ctx, cfg.Analysis, analyze.Input{
		Definition: cfg.Classify.Definition,
		Regions:    cfg.Regions.Names(),
		Listings:   analyze.Stream(work.stream(listingsFile(listingsPath))),
		Rejects:    rejects,
		Sources:    cfg.sourceNames(),
		Period:     span,
		Progress:   work.estimated,
	})
	if errors.Is(err, analyze.ErrNoListings) || errors.Is(err, data.ErrSpan) {
		return out, fmt.Errorf("%w: %w", flagError(err), errUsage)
	}
	return out, err
}

// table is one file the analyze stage writes, as bytes.
type table struct {
	name string
	body []byte
}

// analysisTables encodes an analysis as the files analyze writes, in the
// order the manifest lists them: premium_by_region.csv and .json,
// analysis.json and, for a period, the trend's and the previous period's
// tables. verify compares a rerun with the folder through it too.
func analysisTables(cfg Pipeline, out analyze.Output) ([]table, error) {
	summary := data.Summary{Synthetic: cfg.Synthetic(), DataFrom: out.DataFrom, DataTo: out.DataTo, Funnel: out.Funnel,
		Regions: out.Regions}
	settings := cfg.Analysis.Settings()
	summary.Settings = &settings
	writes := []struct {
		name  string
		write func(io.Writer) error
	}{
		{PremiumCSVFile, func(w io.Writer) error { return data.WritePremiumsCSV(w, out.Premiums) }},
		{PremiumJSONFile, func(w io.Writer) error { return data.WritePremiumsJSON(w, out.Premiums) }},
	}
	if c := out.Context; c != nil {
		span := out.Period
		summary.Period = &span
		summary.Previous = &data.PreviousSpan{Span: c.Previous, Note: c.PreviousNote}
		writes = append(writes, []struct {
			name  string
			write func(io.Writer) error
		}{
			{PremiumTrendCSVFile, func(w io.Writer) error { return data.WritePremiumsCSV(w, c.Trend) }},
			{PremiumTrendJSONFile, func(w io.Writer) error { return data.WritePremiumsJSON(w, c.Trend) }},
			{PremiumPreviousCSVFile, func(w io.Writer) error { return data.WritePremiumsCSV(w, c.PreviousRows) }},
			{PremiumPreviousJSONFile, func(w io.Writer) error { return data.WritePremiumsJSON(w, c.PreviousRows) }},
		}...)
	}
	writes = append(writes, struct {
		name  string
		write func(io.Writer) error
	}{AnalysisFile, func(w io.Writer) error { return data.WriteSummary(w, summary) }})
	tables := make([]table, len(writes))
	for i, w := range writes {
		var buf bytes.Buffer
		if err := w.write(&buf); err != nil {
			return nil, fmt.Errorf("encode %s: %w", w.name, err)
		}
		tables[i] = table{w.name, buf.Bytes()}
	}
	return tables, nil
}

// spanFlags reads the period flags --quarter, --from and --to; none gives
// the zero span. A mistake is a usage error naming the flag.
func spanFlags(quarter, from, to string) (data.Span, error) {
	span, err := data.ParseSpan(quarter, from, to)
	if err != nil {
		return data.Span{}, fmt.Errorf("%w: %w", flagError(err), errUsage)
	}
	return span, nil
}

// flagError words an error about a period for the command line: the part
// of a period a data.FieldError names is the flag of the same name.
func flagError(err error) error {
	var fe *data.FieldError
	if errors.As(err, &fe) && fe.Path != "" {
		return fmt.Errorf("--%s: %w", fe.Path, fe.Err)
	}
	return err
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
