package data_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

func sampleListings() []data.Listing {
	return []data.Listing{
		{Source: "cloudjobs", URL: "https://x/1", PostedDate: "2026-07-14", Quarter: "2026Q3", Title: "OpenStack Engineer, R&D",
			Company: "Northwind", Location: "Berlin", Country: "DE", Region: "Europe", Remote: true,
			SalaryMin: 60000, SalaryMax: 70000, SalaryCurrency: "EUR", SalaryPeriod: "YEAR", SalaryAnnualUSD: 70200,
			SalarySource: data.PaySourceEmployer, Role: data.RoleOpenStack},
		{Source: "pyjobs", URL: "https://x/2", Title: "Python Dev", Region: data.RegionUnknown,
			SalaryMin: math.NaN(), SalaryMax: 180000, SalaryAnnualUSD: math.NaN(), SalaryNote: "no pay: x",
			Role: data.RolePython, DuplicateOf: "https://x/1", Notes: "unknown place: location \"Atlantis\""},
	}
}

// same compares listings treating NaN as equal to NaN.
func same(a, b []data.Listing) bool {
	norm := func(ls []data.Listing) []data.Listing {
		out := make([]data.Listing, len(ls))
		for i, l := range ls {
			for _, f := range []*float64{&l.SalaryMin, &l.SalaryMax, &l.SalaryAnnualUSD} {
				if math.IsNaN(*f) {
					*f = -1
				}
			}
			out[i] = l
		}
		return out
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func TestListingsRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	want := sampleListings()
	dir := t.TempDir()

	arrowPath := filepath.Join(dir, "listings.arrow")
	if err := data.WriteFileAtomic(arrowPath, func(f *os.File) error { return data.WriteListingsIPC(f, mem, want) }); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(arrowPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := data.ReadListingsIPC(f, mem)
	if err != nil {
		t.Fatal(err)
	}
	if !same(got, want) {
		t.Errorf("Arrow round trip:\n got %+v\nwant %+v", got, want)
	}

	pqPath := filepath.Join(dir, "listings.parquet")
	if err := data.WriteFileAtomic(pqPath, func(f *os.File) error { return data.WriteListingsParquet(f, mem, want) }); err != nil {
		t.Fatal(err)
	}
	pf, err := os.Open(pqPath)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	got, err = data.ReadListingsParquet(t.Context(), pf, mem)
	if err != nil {
		t.Fatal(err)
	}
	if !same(got, want) {
		t.Errorf("Parquet round trip:\n got %+v\nwant %+v", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if fi, err := os.Stat(pqPath); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("listings.parquet: %v, %v; want it readable by all, as its temporary file was not", fi.Mode(), err)
	}
}

// TestReadListingsNamesMissingColumn checks that a file from another tool
// fails with the column it lacks, not a panic.
func TestReadListingsNamesMissingColumn(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{{Name: "url", Type: arrow.BinaryTypes.String}}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).Append("https://x/1")
	rec := b.NewRecord()
	defer rec.Release()
	path := filepath.Join(t.TempDir(), "other.arrow")
	err := data.WriteFileAtomic(path, func(f *os.File) error {
		w, err := ipc.NewFileWriter(f, ipc.WithSchema(schema), ipc.WithAllocator(mem))
		if err != nil {
			return err
		}
		if err := w.Write(rec); err != nil {
			return err
		}
		return w.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := data.ReadListingsIPC(f, mem); err == nil || !strings.Contains(err.Error(), `missing column "source"`) {
		t.Fatalf("ReadListingsIPC = %v, want missing column error", err)
	}
}

func TestPremiumsRoundTrip(t *testing.T) {
	want := []data.Premium{
		{Region: data.RegionAll, Quarter: data.QuarterAll, NOpenStack: 100, NPython: 120, MedianOpenStackUSD: 117000,
			MedianPythonUSD: 100000, Premium: 0.17, CILow: 0.1, CIHigh: 0.24, Confidence: 0.95, Method: "m",
			LogGap: 0.157, SE: 0.03, PValue: 0.0001, PHolm: 0.0005, Explained: 0.05, Unexplained: 0.107, NClusters: 42, Detail: "d, \"q\""},
		{Region: "Middle East & Africa", Quarter: "2026Q3", NOpenStack: 9, NPython: 12, MedianOpenStackUSD: math.NaN(),
			MedianPythonUSD: 1, Premium: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(), Confidence: 0.95, Method: "m", Note: "withheld, \"few\"",
			LogGap: math.NaN(), SE: math.NaN(), PValue: math.NaN(), PHolm: math.NaN(), Explained: math.NaN(), Unexplained: math.NaN()},
	}
	var csvBuf, jsonBuf bytes.Buffer
	if err := data.WritePremiumsCSV(&csvBuf, want); err != nil {
		t.Fatal(err)
	}
	if err := data.WritePremiumsJSON(&jsonBuf, want); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(jsonBuf.String(), `"premium": null`) {
		t.Errorf("withheld premium not written as null:\n%s", jsonBuf.String())
	}
	fromCSV, err := data.ReadPremiumsCSV(&csvBuf)
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := data.ReadPremiumsJSON(&jsonBuf)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]data.Premium{"csv": fromCSV, "json": fromJSON} {
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
		}
		for i := range want {
			if !samePremium(got[i], want[i]) {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", name, i, got[i], want[i])
			}
		}
	}
}

// samePremium compares rows treating NaN as equal to NaN.
func samePremium(a, b data.Premium) bool {
	nums := func(p data.Premium) []float64 {
		return []float64{p.MedianOpenStackUSD, p.MedianPythonUSD, p.Premium, p.CILow, p.CIHigh, p.Confidence,
			p.LogGap, p.SE, p.PValue, p.PHolm, p.Explained, p.Unexplained}
	}
	an, bn := nums(a), nums(b)
	for i := range an {
		if an[i] != bn[i] && !(math.IsNaN(an[i]) && math.IsNaN(bn[i])) {
			return false
		}
	}
	return a.Region == b.Region && a.Quarter == b.Quarter && a.NOpenStack == b.NOpenStack &&
		a.NPython == b.NPython && a.Method == b.Method && a.Note == b.Note &&
		a.NClusters == b.NClusters && a.Detail == b.Detail
}

// TestPremiumsCSVLegacy reads a file written before the log_gap column:
// the later fields must read as "does not apply", not as zeros.
func TestPremiumsCSVLegacy(t *testing.T) {
	const legacy = "region,quarter,n_openstack,n_python,median_openstack_usd,median_python_usd,premium,ci_low,ci_high,confidence,method,note\n" +
		"All regions,all,40,50,117000,100000,0.17,0.1,0.24,0.95,m,\n"
	got, err := data.ReadPremiumsCSV(strings.NewReader(legacy))
	if err != nil {
		t.Fatal(err)
	}
	want := data.Premium{Region: data.RegionAll, Quarter: data.QuarterAll, NOpenStack: 40, NPython: 50,
		MedianOpenStackUSD: 117000, MedianPythonUSD: 100000, Premium: 0.17, CILow: 0.1, CIHigh: 0.24, Confidence: 0.95, Method: "m",
		LogGap: math.NaN(), SE: math.NaN(), PValue: math.NaN(), PHolm: math.NaN(), Explained: math.NaN(), Unexplained: math.NaN()}
	if len(got) != 1 || !samePremium(got[0], want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if _, err := data.ReadPremiumsCSV(strings.NewReader("region,quarter\nx,y\n")); err == nil {
		t.Error("a 2-column file read without error")
	}
}

func TestRejectsRoundTrip(t *testing.T) {
	want := []data.Reject{{Source: "a", URL: "https://x/1", Stage: "scrape", Reason: "broken JSON-LD: line 1, \"x\""}}
	var buf bytes.Buffer
	if err := data.WriteRejectsCSV(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := data.ReadRejectsCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
