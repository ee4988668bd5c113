package transform

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// Job is one run of the transform stage: the raw tables it reads, the
// files it writes, and the things a test swaps.
type Job struct {
	// Raw are the paths of the raw tables (raw.arrow, Arrow IPC) to
	// normalize: one, or one per scrape worker that shared a queue. Several
	// are merged into the order one scrape writes (see Order), a record two
	// workers both wrote kept once.
	Raw []string
	// Sources names the sources to normalize, in config order: records of
	// other sources are skipped, so a transform of an earlier full scrape
	// can be narrowed to one source. Nil keeps every source, ordered by
	// name when several tables are merged.
	Sources []string
	// Order is the order of records within a source in each raw table
	// (scrape.CompareRecords). It is needed only to merge several tables.
	Order func(a, b data.RawRecord) int

	// ListingsArrow, ListingsParquet and Rejects are the files to write
	// (listings.arrow, listings.parquet, rejects.csv); ListingsDataset, if
	// set, is the folder of the hive-partitioned copy of the listings
	// (quarter=…/region=…/part-0.parquet). Each is written under a
	// temporary name and renamed when complete, the dataset last: an error
	// or a cancelled context leaves the files that were there before.
	ListingsArrow, ListingsParquet, ListingsDataset, Rejects string
	// SpillDir holds the temporary file in which duplicate detection keeps
	// the URLs it remembers; "" is the folder of ListingsArrow.
	SpillDir string

	// BatchSize is how many records are normalized at a time; 0 is
	// 65,536, one Arrow batch, enough to keep every core busy. Run holds
	// one batch of records and of listings at a time.
	BatchSize int
	// Alloc allocates the Arrow buffers read and written; nil is
	// memory.DefaultAllocator.
	Alloc memory.Allocator
	// Log gets the stage's summary line; nil logs nothing.
	Log *slog.Logger
}

// batchSize is the default Job.BatchSize.
const batchSize = 64 * 1024

// Run normalizes the raw tables of job into the listings table (Arrow
// IPC, Parquet and, if asked, a hive-partitioned Parquet dataset) and the
// rejects, and returns the counts. It streams: it holds one batch of
// records and listings at a time, plus what duplicate detection
// remembers (the URLs of kept postings in a temporary file in
// job.SpillDir) and the rejects. It fails on a bad config, an unreadable
// input, an output it cannot write, or a cancelled context; a bad record
// becomes a reject or a note.
func Run(ctx context.Context, cfg Config, job Job) (Stats, error) {
	if job.Alloc == nil {
		job.Alloc = memory.DefaultAllocator
	}
	if job.BatchSize <= 0 {
		job.BatchSize = batchSize
	}
	if len(job.Raw) > 1 && job.Order == nil {
		return Stats{}, fmt.Errorf("merge %d raw tables: no record order given", len(job.Raw))
	}
	n, err := New(cfg)
	if err != nil {
		return Stats{}, err
	}
	raws, err := openRaws(job.Raw, job.Alloc)
	if err != nil {
		return Stats{}, err
	}
	defer raws.close()
	// The URLs duplicate detection remembers go to disk: at ten million
	// postings they would hold most of a gigabyte.
	spillDir := job.SpillDir
	if spillDir == "" {
		spillDir = filepath.Dir(job.ListingsArrow)
	}
	spill, err := os.CreateTemp(spillDir, ".dedupe-urls-*.tmp")
	if err != nil {
		return Stats{}, fmt.Errorf("create the spill file for duplicate detection: %w", err)
	}
	defer func() {
		spill.Close()
		os.Remove(spill.Name())
	}()
	n.SpillURLs(spill)
	out, err := createListingsOutputs(job)
	if err != nil {
		return Stats{}, err
	}
	defer out.abort()
	var rejects []data.Reject
	var listings []data.Listing
	batch := make([]data.RawRecord, 0, job.BatchSize)
	flush := func() error {
		listings, rejects, err = n.NormalizeBatch(ctx, batch, listings[:0], rejects)
		if err != nil {
			return err
		}
		batch = batch[:0]
		return out.write(listings)
	}
	err = raws.each(job.Sources, job.Order, func(r *data.RawRecord) error {
		batch = append(batch, *r)
		if len(batch) == job.BatchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return Stats{}, err
	}
	if err := out.commit(); err != nil {
		return Stats{}, err
	}
	if err := data.WriteFileAtomic(job.Rejects, func(f *os.File) error { return data.WriteRejectsCSV(f, rejects) }); err != nil {
		return Stats{}, err
	}
	st := n.Stats()
	if job.Log != nil {
		job.Log.Info("transformed", "records", st.Records, "listings", st.Listings, "rejects", st.Rejects,
			"with_pay", st.WithPay, "no_pay", st.NoPay, "outliers", st.Outliers, "unplaced", st.Unplaced,
			"duplicates", st.Duplicates, "near_duplicates", st.NearDuplicates)
		if len(st.PayCodes) > 0 {
			attrs := make([]any, 0, 2*len(st.PayCodes))
			for _, code := range sortedKeys(st.PayCodes) {
				attrs = append(attrs, code, st.PayCodes[code])
			}
			job.Log.Info("pay not in estimates, by salary_code", attrs...)
		}
	}
	return st, nil
}
