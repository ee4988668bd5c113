package transform_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/transform"
)

// writeRaw writes records as a raw.arrow in dir and returns its path.
func writeRaw(t *testing.T, dir string, records []data.RawRecord) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "raw.arrow")
	err := data.WriteFileAtomic(path, func(f *os.File) error { return data.WriteRawIPC(f, memory.DefaultAllocator, records) })
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// outputJob is a Job reading raw and writing the stage's files into dir,
// under the names the output folder uses.
func outputJob(dir string, raw ...string) transform.Job {
	return transform.Job{
		Raw:             raw,
		ListingsArrow:   filepath.Join(dir, "listings.arrow"),
		ListingsParquet: filepath.Join(dir, "listings.parquet"),
		ListingsDataset: filepath.Join(dir, "listings"),
		Rejects:         filepath.Join(dir, "rejects.csv"),
	}
}

// readOutputs reads back the tables a Run wrote: the listings from each of
// their three forms and the rejects.
func readOutputs(t *testing.T, job transform.Job) (arrow, parquet, dataset []data.Listing, rejects []data.Reject) {
	t.Helper()
	open := func(path string) *os.File {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	var err error
	if arrow, err = data.ReadListingsIPC(open(job.ListingsArrow), memory.DefaultAllocator); err != nil {
		t.Fatal(err)
	}
	if parquet, err = data.ReadListingsParquet(t.Context(), open(job.ListingsParquet), memory.DefaultAllocator); err != nil {
		t.Fatal(err)
	}
	if dataset, err = data.ReadListingsPartitioned(t.Context(), job.ListingsDataset, memory.DefaultAllocator); err != nil {
		t.Fatal(err)
	}
	if rejects, err = data.ReadRejectsCSV(open(job.Rejects)); err != nil {
		t.Fatal(err)
	}
	return arrow, parquet, dataset, rejects
}

// runFiles runs the stage on records through files, as cmd/jobmarket
// does, and reads back listings.arrow and rejects.csv.
func runFiles(t *testing.T, cfg transform.Config, records []data.RawRecord) transform.Result {
	t.Helper()
	dir := t.TempDir()
	job := outputJob(dir, writeRaw(t, dir, records))
	st, err := transform.Run(t.Context(), cfg, job)
	if err != nil {
		t.Fatal(err)
	}
	listings, _, _, rejects := readOutputs(t, job)
	return transform.Result{Listings: listings, Rejects: rejects, Stats: st}
}

// leftovers lists the temporary files and folders a Run left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestRunWritesWhatNormalizeGives checks the stage end to end on several
// batches of records, the last one short: the three forms of the listings table and
// rejects.csv hold what Normalize gives for the same records, the counts
// are the same, and no temporary file (the spill file of duplicate
// detection, a half-written output) is left, with every Arrow buffer
// released.
func TestRunWritesWhatNormalizeGives(t *testing.T) {
	records := synth.Records(5000, 11)
	want, err := transform.Normalize(t.Context(), testConfig(), records)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	job := outputJob(dir, writeRaw(t, t.TempDir(), records))
	job.Alloc, job.BatchSize = mem, 2048
	st, err := transform.Run(t.Context(), testConfig(), job)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, want.Stats) {
		t.Errorf("counts %+v, Normalize's %+v", st, want.Stats)
	}
	arrow, parquet, dataset, rejects := readOutputs(t, job)
	for name, got := range map[string][]data.Listing{"listings.arrow": arrow, "listings.parquet": parquet} {
		if err := sameRows(got, want.Listings); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if len(dataset) != len(want.Listings) {
		t.Errorf("the partitioned dataset holds %d listings, want %d", len(dataset), len(want.Listings))
	}
	if err := sameRows(rejects, want.Rejects); err != nil {
		t.Errorf("rejects.csv: %v", err)
	}
	if len(want.Rejects) == 0 {
		t.Error("the synthetic records have no rejects: the test checks no rejects.csv")
	}
	if left := leftovers(t, dir); len(left) > 0 {
		t.Errorf("Run left %q in the output folder", left)
	}
}

// byURL is the order of the raw tables in the merge tests: any order will
// do, as long as each table is in it.
func byURL(a, b data.RawRecord) int {
	return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.RejectReason, b.RejectReason), cmp.Compare(a.Title, b.Title))
}

// TestRunMergesWorkers splits one scrape's records the way two workers
// sharing a queue split a crawl (each keeps its share in scrape order; a
// reject both met is in both), and checks that Run of the two tables
// writes byte for byte the files of the single table. Sources narrows the
// run to the sources named, in their order.
func TestRunMergesWorkers(t *testing.T) {
	records := synth.Records(3000, 4)
	sources := []string{}
	for _, r := range records {
		if !slices.Contains(sources, r.Source) {
			sources = append(sources, r.Source)
		}
	}
	if len(sources) < 2 {
		t.Fatalf("the synthetic records come from %d sources, want several", len(sources))
	}
	slices.Reverse(sources) // config order need not be the order of the records
	slices.SortStableFunc(records, func(a, b data.RawRecord) int {
		return cmp.Or(cmp.Compare(slices.Index(sources, a.Source), slices.Index(sources, b.Source)), byURL(a, b))
	})
	dir := t.TempDir()
	shares := make([][]data.RawRecord, 2)
	shared := 0
	for i, r := range records {
		shares[i%3%2] = append(shares[i%3%2], r)
		if r.RejectReason != "" && shared < 5 {
			shares[1-i%3%2] = append(shares[1-i%3%2], r)
			shared++
		}
	}
	if shared == 0 {
		t.Fatal("the synthetic records have no rejects to share between workers")
	}

	single := outputJob(filepath.Join(dir, "single"), writeRaw(t, filepath.Join(dir, "single"), records))
	single.Sources = sources
	merged := outputJob(filepath.Join(dir, "merged"),
		writeRaw(t, filepath.Join(dir, "a"), shares[0]), writeRaw(t, filepath.Join(dir, "b"), shares[1]))
	merged.Sources, merged.Order = sources, byURL
	if err := os.MkdirAll(filepath.Join(dir, "merged"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, job := range []transform.Job{single, merged} {
		if _, err := transform.Run(t.Context(), testConfig(), job); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"listings.arrow", "listings.parquet", "rejects.csv"} {
		want, err := os.ReadFile(filepath.Join(dir, "single", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "merged", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s of the merged workers differs from the single table's", name)
		}
	}

	one := outputJob(filepath.Join(dir, "one"), merged.Raw...)
	one.Sources, one.Order = sources[1:2], byURL
	if err := os.MkdirAll(filepath.Join(dir, "one"), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := transform.Run(t.Context(), testConfig(), one)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Sources) != 1 || st.Sources[0].Source != sources[1] || st.Records == 0 {
		t.Errorf("Run of source %q counted %+v", sources[1], st)
	}

	merged.Order = nil
	if _, err := transform.Run(t.Context(), testConfig(), merged); err == nil {
		t.Error("Run merged two tables with no record order")
	}
}

// TestRunLeavesOutputsOnFailure checks that a cancelled or failed Run
// leaves the files of the run before as they were, and no temporary file.
func TestRunLeavesOutputsOnFailure(t *testing.T) {
	dir := t.TempDir()
	raw := writeRaw(t, t.TempDir(), synth.Records(500, 2))
	job := outputJob(dir, raw)
	if _, err := transform.Run(t.Context(), testConfig(), job); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, path := range []string{job.ListingsArrow, job.ListingsParquet, job.Rejects} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		before[path] = b
	}
	notArrow := filepath.Join(t.TempDir(), "raw.arrow")
	if err := os.WriteFile(notArrow, []byte("not an Arrow file"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	badConfig := testConfig()
	badConfig.Currency.Rates["XYZ"] = 1
	tests := []struct {
		name string
		ctx  context.Context
		cfg  transform.Config
		raw  string
		is   error
	}{
		{"cancelled", cancelled, testConfig(), raw, context.Canceled},
		{"missing input", t.Context(), testConfig(), filepath.Join(dir, "none.arrow"), os.ErrNotExist},
		{"not Arrow", t.Context(), testConfig(), notArrow, nil},
		{"bad config", t.Context(), badConfig, raw, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			job.Raw = []string{tc.raw}
			_, err := transform.Run(tc.ctx, tc.cfg, job)
			if err == nil || tc.is != nil && !errors.Is(err, tc.is) {
				t.Fatalf("Run = %v, want an error (%v)", err, tc.is)
			}
			for path, want := range before {
				if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s changed (%v)", filepath.Base(path), err)
				}
			}
			if _, err := data.ReadListingsPartitioned(t.Context(), job.ListingsDataset, memory.DefaultAllocator); err != nil {
				t.Errorf("the dataset of the run before: %v", err)
			}
			if left := leftovers(t, dir); len(left) > 0 {
				t.Errorf("Run left %q in the output folder", left)
			}
		})
	}
}
