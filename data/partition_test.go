package data_test

import (
	"cmp"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// manyListings spreads n listings over quarters and regions, including an
// undated one and a region name that needs escaping in a folder name.
func manyListings(n int) []data.Listing {
	quarters := []string{"2026Q1", "2026Q2", "2026Q3", ""}
	regions := []string{"Europe", "North America", "Middle East/Africa", data.RegionUnknown}
	out := make([]data.Listing, n)
	for i := range out {
		l := sampleListings()[i%2]
		l.URL = "https://x/" + strconv.Itoa(i)
		l.Quarter = quarters[i%len(quarters)]
		if l.Quarter == "" {
			l.PostedDate = ""
		} else {
			l.PostedDate = "2026-0" + strconv.Itoa(3*(i%3)+1) + "-15"
		}
		l.Region = regions[(i/3)%len(regions)]
		l.SalaryAnnualUSD = float64(40000 + i)
		if i%7 == 0 {
			l.SalaryAnnualUSD = math.NaN()
		}
		out[i] = l
	}
	return out
}

func byURL(ls []data.Listing) []data.Listing {
	out := slices.Clone(ls)
	slices.SortFunc(out, func(a, b data.Listing) int { return cmp.Compare(a.URL, b.URL) })
	return out
}

// TestPartitionedRoundTrip writes a hive-partitioned dataset and reads it
// back with the real Parquet reader: the same rows, each in the folder its
// quarter and region name.
func TestPartitionedRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	want := manyListings(20000)
	dir := filepath.Join(t.TempDir(), "listings")
	w, err := data.NewListingsPartitionedWriter(dir, mem)
	if err != nil {
		t.Fatal(err)
	}
	for chunk := range slices.Chunk(want, 3000) {
		if err := w.Write(chunk...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"quarter=2026Q3/region=Europe/part-0.parquet",
		"quarter=__HIVE_DEFAULT_PARTITION__/region=North America/part-0.parquet",
		"quarter=2026Q1/region=Middle East%2FAfrica/part-0.parquet",
	} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("partition file: %v", err)
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("dataset folder: %v, %v; want it readable by all, as its temporary folder was not", fi.Mode(), err)
	}
	got, err := data.ReadListingsPartitioned(t.Context(), dir, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || !same(byURL(got), byURL(want)) {
		t.Fatalf("partitioned round trip: got %d rows, want %d, or rows differ", len(got), len(want))
	}

	// A rewrite replaces the dataset, leaving no partition of the old one.
	w, err = data.NewListingsPartitionedWriter(dir, mem)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(want[:1]...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, err = data.ReadListingsPartitioned(t.Context(), dir, mem); err != nil || len(got) != 1 {
		t.Fatalf("after rewrite: %d rows, %v; want 1", len(got), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestReadPartitionedNamesBadFolder(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "quarter=2026Q1", "part-0.parquet")
	if err := os.MkdirAll(filepath.Dir(bad), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := data.ReadListingsPartitioned(t.Context(), dir, memory.DefaultAllocator)
	if err == nil || !strings.Contains(err.Error(), "quarter=2026Q1") {
		t.Fatalf("err = %v, want one naming the folder", err)
	}
}

// TestStreamManyBatches streams more than one record batch through the
// IPC and Parquet writers and readers.
func TestStreamManyBatches(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	want := manyListings(150000)
	dir := t.TempDir()
	type format struct {
		name  string
		write func(*os.File) (*data.Writer[data.Listing], error)
		read  func(*os.File) (*data.Reader[data.Listing], error)
	}
	for _, f := range []format{
		{"listings.arrow",
			func(f *os.File) (*data.Writer[data.Listing], error) { return data.NewListingsIPCWriter(f, mem) },
			func(f *os.File) (*data.Reader[data.Listing], error) { return data.NewListingsIPCReader(f, mem) }},
		{"listings.parquet",
			func(f *os.File) (*data.Writer[data.Listing], error) { return data.NewListingsParquetWriter(f, mem) },
			func(f *os.File) (*data.Reader[data.Listing], error) {
				return data.NewListingsParquetReader(t.Context(), f, mem)
			}},
	} {
		path := filepath.Join(dir, f.name)
		err := data.WriteFileAtomic(path, func(file *os.File) error {
			w, err := f.write(file)
			if err != nil {
				return err
			}
			for chunk := range slices.Chunk(want, 10000) {
				if err := w.Write(chunk...); err != nil {
					return err
				}
			}
			if w.Rows() != int64(len(want)) {
				t.Errorf("%s: Rows = %d, want %d", f.name, w.Rows(), len(want))
			}
			return w.Close()
		})
		if err != nil {
			t.Fatal(err)
		}
		file, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.read(file)
		if err != nil {
			t.Fatal(err)
		}
		var got []data.Listing
		batches := 0
		err = r.Each(func(b []data.Listing) error {
			batches++
			got = append(got, b...)
			return nil
		})
		r.Close()
		file.Close()
		if err != nil {
			t.Fatal(err)
		}
		if batches < 3 {
			t.Errorf("%s: %d batches, want the table split into several", f.name, batches)
		}
		if !same(got, want) {
			t.Errorf("%s: streamed rows differ", f.name)
		}
	}
}

// TestEmptyTableHasSchema: a stage with no rows still writes a readable
// table.
func TestEmptyTableHasSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raw.arrow")
	if err := data.WriteFileAtomic(path, func(f *os.File) error { return data.WriteRawIPC(f, memory.DefaultAllocator, nil) }); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := data.ReadRawIPC(f, memory.DefaultAllocator)
	if err != nil || len(got) != 0 {
		t.Fatalf("ReadRawIPC = %d rows, %v", len(got), err)
	}
}

func FuzzPartitionPath(f *testing.F) {
	for _, s := range []string{"Europe", "Middle East/Africa", "100%", "a=b", "", "Ünïcode ☃", "\x00\x1f"} {
		f.Add("2026Q3", s)
	}
	f.Fuzz(func(t *testing.T, quarter, region string) {
		if quarter == data.HiveDefaultPartition {
			return
		}
		rel := data.PartitionPath(quarter, region)
		q, r, err := data.ParsePartitionPath(rel)
		if err != nil {
			t.Fatalf("ParsePartitionPath(%q): %v", rel, err)
		}
		if q != quarter || r != region {
			t.Fatalf("round trip %q %q -> %q -> %q %q", quarter, region, rel, q, r)
		}
	})
}
