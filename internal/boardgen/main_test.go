package main

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// readDir reads every file under dir into a tree.
func readDir(dir string) (tree, error) {
	got := make(tree)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		got[filepath.ToSlash(rel)] = data
		return err
	})
	return got, err
}

// diffTrees reports files missing, extra or different in got, at most a few.
func diffTrees(t *testing.T, want, got tree, hint string) {
	t.Helper()
	var problems []string
	for _, p := range want.paths() {
		g, ok := got[p]
		switch {
		case !ok:
			problems = append(problems, "missing "+p)
		case !bytes.Equal(g, want[p]):
			problems = append(problems, "differs "+p)
		}
	}
	for _, p := range got.paths() {
		if _, ok := want[p]; !ok {
			problems = append(problems, "extra "+p)
		}
	}
	if len(problems) > 0 {
		t.Errorf("%d files differ (%s); first: %q", len(problems), hint, problems[:min(5, len(problems))])
	}
}

// TestGenerationIsDeterministic generates seed 1 twice and compares every
// file byte by byte. The first run is written to t.TempDir() and read back,
// the second stays in memory: writing is a plain copy of the bytes, and
// writing the ~8,000 files and folders twice takes seconds on a slow disk.
func TestGenerationIsDeterministic(t *testing.T) {
	first, err := build(1)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "boards")
	if err := first.write(dir); err != nil {
		t.Fatal(err)
	}
	written, err := readDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := build(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(second) < 5000 {
		t.Fatalf("only %d files generated", len(second))
	}
	diffTrees(t, second, written, "two runs with seed 1")
}

func TestOtherSeedDiffers(t *testing.T) {
	one, err := build(1)
	if err != nil {
		t.Fatal(err)
	}
	two, err := build(2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(one["truth.json"], two["truth.json"]) {
		t.Fatal("seeds 1 and 2 gave the same truth.json")
	}
}

// committedSnapshot is data/boards, seen from this package's folder.
const committedSnapshot = "../../data/boards"

// TestCommittedSnapshotIsFresh keeps data/boards exactly what the generator
// writes, so nobody edits it by hand.
func TestCommittedSnapshotIsFresh(t *testing.T) {
	want, err := build(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(committedSnapshot); err != nil {
		t.Fatalf("data/boards is missing: git checkout data/boards, then go generate ./data (%v)", err)
	}
	got, err := readDir(committedSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	diffTrees(t, want, got, "data/boards is stale or hand-edited: run go generate ./data")
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := (tree{"a.txt": []byte("x")}).write(dir); err == nil {
		t.Fatal("write replaced a folder it did not create")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatalf("foreign file lost: %v", err)
	}
}

func TestQuarter(t *testing.T) {
	for _, tc := range []struct{ day, want string }{
		{"2025-10-01", "2025Q4"}, {"2025-12-31", "2025Q4"}, {"2026-01-01", "2026Q1"},
		{"2026-03-31", "2026Q1"}, {"2026-04-01", "2026Q2"}, {"2026-07-14", "2026Q3"}, {"2026-09-30", "2026Q3"},
	} {
		if got := quarter(day(t, tc.day)); got != tc.want {
			t.Errorf("quarter(%s) = %s, want %s", tc.day, got, tc.want)
		}
	}
}

func TestAnnualUSD(t *testing.T) {
	for _, tc := range []struct {
		name string
		pay  pay
		want float64
		ok   bool
	}{
		{"range midpoint", pay{shapeRange, 100000, 120000, "USD", "YEAR"}, 110000, true},
		{"hourly", pay{shapeSingle, 60, 60, "USD", "HOUR"}, 124800, true},
		{"up to, monthly EUR", pay{shapeUpTo, 0, 5000, "EUR", "MONTH"}, 5000 * 12 * 1.08, true},
		{"from, daily GBP", pay{shapeFrom, 450, 0, "GBP", "DAY"}, 450 * 260 * 1.27, true},
		{"weekly AUD", pay{shapeRange, 2000, 2200, "AUD", "WEEK"}, 2100 * 52 * 0.66, true},
		{"JPY", pay{shapeRange, 8000000, 10000000, "JPY", "YEAR"}, 9000000 * 0.0067, true},
		{"one-time", pay{shapeRange, 5000, 10000, "USD", periodOneTime}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.pay.annualUSD()
			if ok != tc.ok || math.Abs(got-tc.want) > 1e-6 {
				t.Fatalf("annualUSD() = %v, %v; want %v, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestSampleArithmetic checks the truth rows on a tiny hand-made case with
// every kind of posting the sample must leave out.
func TestSampleArithmetic(t *testing.T) {
	us, de, in := countryByCode("US"), countryByCode("DE"), countryByCode("IN")
	c := &company{name: "Northwind Cloud", lever: true}
	mk := func(rl role, ctry *country, date string, p *pay) *posting {
		return &posting{board: boardCloud, company: c, role: rl, country: ctry, date: day(t, date), pay: p}
	}
	usd := func(lo, hi int64) *pay { return &pay{shapeRange, lo, hi, "USD", "YEAR"} }
	broken := mk(roleOpenStack, us, "2026-07-15", usd(500000, 600000))
	broken.special = specialTruncated
	unknown := mk(roleOpenStack, nil, "2026-07-16", usd(500000, 600000))
	unknown.place = "Atlantis"
	copied := mk(rolePython, us, "2026-08-01", &pay{shapeSingle, 90000, 90000, "USD", "YEAR"})
	copied.copyOn = boardLever
	postings := []*posting{
		mk(roleOpenStack, us, "2026-07-14", usd(100000, 120000)),                           // 110,000
		mk(roleOpenStack, us, "2025-11-02", &pay{shapeSingle, 60, 60, "USD", "HOUR"}),      // 124,800
		mk(rolePython, us, "2026-07-01", &pay{shapeSingle, 100000, 100000, "USD", "YEAR"}), // 100,000
		mk(rolePython, de, "2026-02-10", &pay{shapeUpTo, 0, 5000, "EUR", "MONTH"}),         // 64,800
		mk(roleOpenStack, de, "2026-02-11", &pay{shapeFrom, 70000, 0, "EUR", "YEAR"}),      // 75,600
		copied, // 90,000, counted once
		mk(rolePython, us, "2026-07-02", usd(1, 2)), // outlier
		mk(roleOpenStack, us, "2026-07-03", nil),    // no pay
		mk(roleOpenStack, in, "2026-07-04", &pay{shapeRange, 5000, 10000, "INR", periodOneTime}),
		mk(roleOther, us, "2026-07-05", usd(300000, 300000)),
		broken, unknown,
	}

	rows := sample(postings)
	if got, want := len(rows), 6*5; got != want {
		t.Fatalf("%d rows, want %d", got, want)
	}
	find := func(region, q string) sampleRow {
		i := slices.IndexFunc(rows, func(r sampleRow) bool { return r.Region == region && r.Quarter == q })
		if i < 0 {
			t.Fatalf("no row %s %s", region, q)
		}
		return rows[i]
	}
	for _, tc := range []struct {
		region, quarter string
		nOS, nPy        int
		premium         float64 // NaN: null
	}{
		{regionAll, "all", 3, 3, math.Cbrt(110000*124800*75600/(100000*64800*90000.0)) - 1},
		{regionNA, "all", 2, 2, math.Sqrt(110000*124800/(100000*90000.0)) - 1},
		{regionEU, "all", 1, 1, 75600/64800.0 - 1},
		{regionEU, "2026Q1", 1, 1, 75600/64800.0 - 1},
		{regionNA, "2026Q3", 1, 2, 110000/math.Sqrt(100000*90000.0) - 1},
		{regionNA, "2025Q4", 1, 0, math.NaN()},
		{regionMEA, "all", 0, 0, math.NaN()},
		{regionAPAC, "all", 0, 0, math.NaN()},
	} {
		row := find(tc.region, tc.quarter)
		if row.NOpenStack != tc.nOS || row.NPython != tc.nPy {
			t.Errorf("%s %s: n = %d/%d, want %d/%d", tc.region, tc.quarter, row.NOpenStack, row.NPython, tc.nOS, tc.nPy)
		}
		switch {
		case math.IsNaN(tc.premium) && row.Premium != nil:
			t.Errorf("%s %s: premium %v, want null", tc.region, tc.quarter, *row.Premium)
		case !math.IsNaN(tc.premium) && (row.Premium == nil || math.Abs(*row.Premium-tc.premium) > 1e-12):
			t.Errorf("%s %s: premium %v, want %v", tc.region, tc.quarter, row.Premium, tc.premium)
		}
	}
	if rows[0].Region != regionAll || rows[0].Quarter != "all" || rows[6].Region != regionAll || rows[6].Quarter != "2025Q4" {
		t.Errorf("rows out of order: %+v, %+v", rows[0], rows[6])
	}

	got := countPostings(postings)
	want := truthCounts{Postings: 11, PublishedRecords: 12, BrokenPages: 1, Duplicates: 1,
		WithoutPay: 1, Outliers: 1, UnknownPlace: 1, PerBoard: perBoard{Cloudjobs: 12, Lever: 1}}
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
