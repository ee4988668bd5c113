package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/transform"
)

// ListingsDatasetDir is the hive-partitioned copy of the listings table,
// quarter=…/region=…/part-0.parquet, for query engines (docs/schema.md).
const ListingsDatasetDir = "listings"

// runTransform normalizes raw.arrow into the listings table (Arrow IPC,
// Parquet and a hive-partitioned Parquet dataset) and rejects.csv. It
// streams: it holds one batch of records and listings at a time, plus
// what duplicate detection remembers (the URLs of kept postings in a
// temporary file in the output folder) and the rejects. With --input it
// merges the raw.arrow of several scrape workers that shared a queue.
func runTransform(ctx context.Context, e *env) error {
	started := time.Now()
	raws, err := e.openRaws()
	if err != nil {
		return err
	}
	defer raws.close()
	n, err := transform.New(e.cfg.transformConfig())
	if err != nil {
		return err
	}
	// The URLs duplicate detection remembers go to disk: at ten million
	// postings they would hold most of a gigabyte.
	spill, err := os.CreateTemp(e.out, ".dedupe-urls-*.tmp")
	if err != nil {
		return fmt.Errorf("create the spill file for duplicate detection: %w", err)
	}
	defer func() {
		spill.Close()
		os.Remove(spill.Name())
	}()
	n.SpillURLs(spill)
	out, err := e.createListingsOutputs()
	if err != nil {
		return err
	}
	defer out.abort()
	var rejects []data.Reject
	var listings []data.Listing
	batch := make([]data.RawRecord, 0, transformBatch)
	flush := func() error {
		listings, rejects, err = n.NormalizeBatch(ctx, batch, listings[:0], rejects)
		if err != nil {
			return err
		}
		batch = batch[:0]
		return out.write(listings)
	}
	err = raws.each(e.cfg, func(r *data.RawRecord) error {
		batch = append(batch, *r)
		if len(batch) == transformBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	if err := out.commit(); err != nil {
		return err
	}
	if err := data.WriteFileAtomic(e.path(RejectsFile), func(f *os.File) error { return data.WriteRejectsCSV(f, rejects) }); err != nil {
		return err
	}
	st := n.Stats()
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
	inputs, err := raws.hashes()
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(ListingsArrowFile, ListingsParquetFile, RejectsFile)
	if err != nil {
		return err
	}
	return e.recordStage("transform", started, counts, inputs, outputs)
}

// transformBatch is the number of records normalized at a time: one Arrow
// batch, enough to keep both cores busy.
const transformBatch = 64 * 1024

// listingsOutputs are the three forms of the listings table, written side
// by side as listings stream out of normalization.
type listingsOutputs struct {
	arrowFile, parquetFile *data.AtomicFile
	arrow, parquet         *data.Writer[data.Listing]
	dataset                *data.PartitionedWriter
	done                   bool
}

func (e *env) createListingsOutputs() (*listingsOutputs, error) {
	o := &listingsOutputs{}
	var err error
	if o.arrowFile, err = data.CreateAtomic(e.path(ListingsArrowFile)); err != nil {
		return nil, err
	}
	if o.parquetFile, err = data.CreateAtomic(e.path(ListingsParquetFile)); err != nil {
		o.arrowFile.Abort()
		return nil, err
	}
	o.arrow, err = data.NewListingsIPCWriter(o.arrowFile, memory.DefaultAllocator)
	if err == nil {
		o.parquet, err = data.NewListingsParquetWriter(o.parquetFile, memory.DefaultAllocator)
	}
	if err == nil {
		o.dataset, err = data.NewListingsPartitionedWriter(e.path(ListingsDatasetDir), memory.DefaultAllocator)
	}
	if err != nil {
		o.arrowFile.Abort()
		o.parquetFile.Abort()
		return nil, err
	}
	return o, nil
}

// write adds a batch of listings to the three outputs at once, one
// goroutine each: encoding them was 40% of the stage's CPU, on one core
// while the other waited. Each output is written by one goroutine in batch
// order, so the files are the same as when written one after the other.
// Normalizing the next batch meanwhile would save more, but holds a second
// batch and the raw records it points into: at ten million records that
// cost more in garbage collection than it saved (docs/performance.md).
func (o *listingsOutputs) write(ls []data.Listing) error {
	var errs [3]error
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := o.arrow.Write(ls...); err != nil {
			errs[0] = fmt.Errorf("write %s: %w", o.arrowFile.Name(), err)
		}
	})
	wg.Go(func() {
		if err := o.parquet.Write(ls...); err != nil {
			errs[1] = fmt.Errorf("write %s: %w", o.parquetFile.Name(), err)
		}
	})
	errs[2] = o.dataset.Write(ls...)
	wg.Wait()
	return errors.Join(errs[:]...)
}

// commit finishes the files and gives them their final names; the
// partitioned dataset last, so it is never newer than listings.arrow.
func (o *listingsOutputs) commit() error {
	o.done = true
	if err := o.arrow.Close(); err != nil {
		o.abortFiles()
		return err
	}
	if err := o.parquet.Close(); err != nil {
		o.abortFiles()
		return err
	}
	if err := o.arrowFile.Commit(); err != nil {
		o.parquetFile.Abort()
		o.dataset.Abort()
		return err
	}
	if err := o.parquetFile.Commit(); err != nil {
		o.dataset.Abort()
		return err
	}
	return o.dataset.Close()
}

func (o *listingsOutputs) abortFiles() {
	o.arrowFile.Abort()
	o.parquetFile.Abort()
	o.dataset.Abort()
}

// abort drops everything written unless commit ran.
func (o *listingsOutputs) abort() {
	if !o.done {
		o.arrow.Close()
		o.parquet.Close()
		o.abortFiles()
	}
}

// rawInputs are the raw.arrow files transform reads: the output folder's
// own, or one per --input folder (scrape workers that shared a queue).
type rawInputs struct {
	paths   []string
	files   []*os.File
	readers []*data.Reader[data.RawRecord]
}

func (e *env) openRaws() (*rawInputs, error) {
	in := &rawInputs{}
	if len(e.inputs) == 0 {
		f, err := e.openInput(RawFile, "scrape")
		if err != nil {
			return nil, err
		}
		in.paths, in.files = []string{e.path(RawFile)}, []*os.File{f}
	}
	for _, dir := range e.inputs {
		path := filepath.Join(dir, RawFile)
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			in.close()
			return nil, fmt.Errorf("--input %s: no %s there: give the output folder of a `jobmarket scrape` worker: %w", dir, RawFile, errUsage)
		}
		if err != nil {
			in.close()
			return nil, fmt.Errorf("--input %s: %w", dir, err)
		}
		in.paths, in.files = append(in.paths, path), append(in.files, f)
	}
	for i, f := range in.files {
		r, err := data.NewRawIPCReader(f, memory.DefaultAllocator)
		if err != nil {
			in.close()
			return nil, fmt.Errorf("%s: %w", in.paths[i], err)
		}
		in.readers = append(in.readers, r)
	}
	return in, nil
}

func (in *rawInputs) close() {
	for _, r := range in.readers {
		r.Close()
	}
	for _, f := range in.files {
		f.Close()
	}
}

func (in *rawInputs) hashes() ([]FileHash, error) {
	out := make([]FileHash, 0, len(in.paths))
	for _, p := range in.paths {
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

// each calls fn with every record of the configured sources, so that
// --only-source narrows a transform of an earlier full scrape too. Several
// inputs are merged in the order a single scrape writes: by source, in
// config order, then by scrape.CompareRecords; a record two workers both
// wrote (a link neither followed, say) is kept once.
func (in *rawInputs) each(cfg Pipeline, fn func(*data.RawRecord) error) error {
	order := map[string]int{}
	for i, s := range cfg.Sources {
		order[s.Name] = i
	}
	cursors := make([]*rawCursor, len(in.readers))
	for i, r := range in.readers {
		cursors[i] = &rawCursor{r: r, order: order, path: in.paths[i]}
		if err := cursors[i].advance(); err != nil {
			return err
		}
	}
	var last *data.RawRecord
	var lastFrom int
	for {
		best := -1
		for i, c := range cursors {
			if c.cur != nil && (best < 0 || c.compare(cursors[best]) < 0) {
				best = i
			}
		}
		if best < 0 {
			return nil
		}
		c := cursors[best]
		rec := c.cur
		if last == nil || lastFrom == best || !sameRecord(*last, *rec) {
			if err := fn(rec); err != nil {
				return err
			}
		}
		kept := *rec
		last, lastFrom = &kept, best
		if err := c.advance(); err != nil {
			return err
		}
	}
}

// rawCursor walks one raw.arrow, skipping the records of sources not in
// the config.
type rawCursor struct {
	r     *data.Reader[data.RawRecord]
	path  string
	order map[string]int
	batch []data.RawRecord
	i     int
	cur   *data.RawRecord // nil at the end
	src   int             // config index of cur's source
}

func (c *rawCursor) advance() error {
	for {
		c.i++
		for c.i >= len(c.batch) {
			if !c.r.Next() {
				c.cur = nil
				if err := c.r.Err(); err != nil {
					return fmt.Errorf("%s: %w", c.path, err)
				}
				return nil
			}
			c.batch, c.i = c.r.Batch(), 0
		}
		rec := &c.batch[c.i]
		if src, ok := c.order[rec.Source]; ok {
			c.cur, c.src = rec, src
			return nil
		}
	}
}

func (c *rawCursor) compare(d *rawCursor) int {
	return cmp.Or(cmp.Compare(c.src, d.src), scrape.CompareRecords(*c.cur, *d.cur))
}

// sameRecord reports whether two records are equal in every field, NaN
// pay included.
func sameRecord(a, b data.RawRecord) bool {
	same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	if !same(a.PayMin, b.PayMin) || !same(a.PayMax, b.PayMax) {
		return false
	}
	a.PayMin, a.PayMax, b.PayMin, b.PayMax = 0, 0, 0, 0
	return a == b
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
