package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/transform"
)

// ListingsDatasetDir is the hive-partitioned copy of the listings table,
// quarter=…/region=…/part-0.parquet, for query engines (docs/schema.md).
const ListingsDatasetDir = "listings"

// runTransform normalizes raw.arrow into the listings table (Arrow IPC,
// Parquet and a hive-partitioned Parquet dataset) and rejects.csv with
// transform.Run, and records what it read, wrote and counted. With
// --input it merges the raw.arrow of several scrape workers that shared
// a queue.
func runTransform(ctx context.Context, e *env) error {
	started := time.Now()
	raws, err := e.rawPaths()
	if err != nil {
		return err
	}
	work := e.startWork("transform", "", 0, "normalizing")
	st, err := transform.Run(ctx, e.cfg.transformConfig(), transform.Job{
		Raw:             raws,
		Sources:         e.cfg.sourceNames(),
		Order:           scrape.CompareRecords,
		ListingsArrow:   e.path(ListingsArrowFile),
		ListingsParquet: e.path(ListingsParquetFile),
		ListingsDataset: e.path(ListingsDatasetDir),
		Rejects:         e.path(RejectsFile),
		SpillDir:        e.out,
		Log:             e.log,
	})
	work.end()
	if err != nil {
		return err
	}
	if !e.quiet && st.BadDates > 0 {
		var per []string
		for _, s := range st.Sources {
			if s.BadDates > 0 {
				per = append(per, fmt.Sprintf("%s %d", s.Source, s.BadDates))
			}
		}
		if e.jsonLogs() {
			e.log.Warn("unreadable dates", "stage", "transform", "dates", st.BadDates, "ambiguous", st.AmbiguousDates, "by_source", strings.Join(per, ", "))
		} else {
			fmt.Fprintf(e.stderr, "transform: %d posted dates could not be read (%s); those listings have no date, and their notes say why\n",
				st.BadDates, strings.Join(per, ", "))
			if st.AmbiguousDates > 0 {
				fmt.Fprintf(e.stderr, "transform: %d of them read as day-month or month-day alike (03/04/2026): set date_order (dmy or mdy) on their source\n",
					st.AmbiguousDates)
			}
		}
	}
	counts := map[string]int{"records": st.Records, "listings": st.Listings, "rejects": st.Rejects, "with_pay": st.WithPay,
		"no_pay": st.NoPay, "outliers": st.Outliers, "unplaced": st.Unplaced, "duplicates": st.Duplicates,
		"near_duplicates": st.NearDuplicates, "board_estimates": st.BoardEstimates, "unreadable_dates": st.BadDates,
		"ambiguous_dates": st.AmbiguousDates}
	for _, s := range st.Sources {
		counts[s.Source+".listings"] = s.Listings
		counts[s.Source+".rejects"] = s.Rejects
		counts[s.Source+".with_pay"] = s.WithPay
		counts[s.Source+".duplicates_removed"] = s.Duplicates
		counts[s.Source+".unreadable_dates"] = s.BadDates
		counts[s.Source+".ambiguous_dates"] = s.AmbiguousDates
	}
	inputs, err := hashRaws(raws)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(ListingsArrowFile, ListingsParquetFile, RejectsFile)
	if err != nil {
		return err
	}
	return e.recordStage("transform", started, counts, inputs, outputs)
}

// rawPaths resolves the raw.arrow files transform reads: the output
// folder's own, or one per --input folder (scrape workers that shared a
// queue). A missing one is a usage error saying what to run or give.
func (e *env) rawPaths() ([]string, error) {
	if len(e.inputs) == 0 {
		f, err := e.openInput(RawFile, "scrape")
		if err != nil {
			return nil, err
		}
		f.Close()
		return []string{e.path(RawFile)}, nil
	}
	paths := make([]string, 0, len(e.inputs))
	for _, dir := range e.inputs {
		path := filepath.Join(dir, RawFile)
		_, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("--input %s: no %s there: give the output folder of a `jobmarket scrape` worker: %w", dir, RawFile, errUsage)
		}
		if err != nil {
			return nil, fmt.Errorf("--input %s: %w", dir, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// hashRaws hashes the raw tables read, for the manifest: the output
// folder's own is recorded by its name, merged inputs by their paths.
func hashRaws(paths []string) ([]FileHash, error) {
	out := make([]FileHash, 0, len(paths))
	for _, p := range paths {
		fh, err := hashFile(p)
		if err != nil {
			return nil, err
		}
		fh.Path = p
		out = append(out, fh)
	}
	if len(out) == 1 {
		out[0].Path = RawFile
	}
	return out, nil
}

// transformCommand is `jobmarket transform`.
var transformCommand = stageCommand{
	use:   "transform",
	short: "Normalize raw.arrow into listings.arrow, listings.parquet and rejects.csv",
	long: `Normalize the scraped records: pay, places, roles, seniority and repeated
postings. --input reads raw.arrow from other folders, to merge scrape
workers that shared a queue.`,
	flags:  flagConfig | flagOut | flagSource | flagInput,
	writes: true,
	run:    runTransform,
}
