package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// ownRecords keeps the records of the configured sources, so that
// --only-source narrows a transform of an earlier full scrape too.
func (p Pipeline) ownRecords(records []data.RawRecord) []data.RawRecord {
	names := map[string]bool{}
	for _, s := range p.Sources {
		names[s.Name] = true
	}
	kept := records[:0:0]
	for _, r := range records {
		if names[r.Source] {
			kept = append(kept, r)
		}
	}
	return kept
}

// runTransform normalizes raw.arrow into the listings table (Arrow IPC and
// Parquet) and rejects.csv.
func runTransform(ctx context.Context, e *env) error {
	started := time.Now()
	f, err := e.openInput(RawFile, "scrape")
	if err != nil {
		return err
	}
	records, err := data.ReadRawIPC(f, memory.DefaultAllocator)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(RawFile), err)
	}
	records = e.cfg.ownRecords(records)
	res, err := transform.Run(ctx, e.cfg.transformConfig(), records)
	if err != nil {
		return err
	}
	writes := []struct {
		name  string
		write func(*os.File) error
	}{
		{ListingsArrowFile, func(f *os.File) error { return data.WriteListingsIPC(f, memory.DefaultAllocator, res.Listings) }},
		{ListingsParquetFile, func(f *os.File) error { return data.WriteListingsParquet(f, memory.DefaultAllocator, res.Listings) }},
		{RejectsFile, func(f *os.File) error { return data.WriteRejectsCSV(f, res.Rejects) }},
	}
	for _, w := range writes {
		if err := data.WriteFileAtomic(e.path(w.name), w.write); err != nil {
			return err
		}
	}
	st := res.Stats
	e.log.Info("transformed", "records", st.Records, "listings", st.Listings, "rejects", st.Rejects,
		"with_pay", st.WithPay, "no_pay", st.NoPay, "outliers", st.Outliers, "unplaced", st.Unplaced,
		"duplicates", st.Duplicates, "near_duplicates", st.NearDuplicates)
	counts := map[string]int{"records": st.Records, "listings": st.Listings, "rejects": st.Rejects, "with_pay": st.WithPay,
		"no_pay": st.NoPay, "outliers": st.Outliers, "unplaced": st.Unplaced, "duplicates": st.Duplicates,
		"near_duplicates": st.NearDuplicates, "board_estimates": st.BoardEstimates}
	for _, s := range st.Sources {
		counts[s.Source+".listings"] = s.Listings
		counts[s.Source+".rejects"] = s.Rejects
		counts[s.Source+".with_pay"] = s.WithPay
		counts[s.Source+".duplicates_removed"] = s.Duplicates
	}
	inputs, err := e.hashNames(RawFile)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(ListingsArrowFile, ListingsParquetFile, RejectsFile)
	if err != nil {
		return err
	}
	return e.recordStage("transform", started, counts, inputs, outputs)
}
