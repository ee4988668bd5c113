// Package bench_test measures the transform stage on the bundled synthetic
// snapshot, scraped from the boards built into the binary, and checks the
// sample it makes against the generator's ground truth.
//
//	go test ./bench -run Transform -bench TransformSnapshot -cpu 1
package bench_test

import (
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/cputime"
	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/transform"
)

// shippedConfig is the part of the shipped pipeline.yaml the transform
// stage and its input need, read leniently on top of the defaults: other
// blocks are other stages'.
type shippedConfig struct {
	Sources          []scrape.Source `yaml:"sources"`
	transform.Config `yaml:",inline"`
}

var snapshot struct {
	once    sync.Once
	cfg     transform.Config
	records []data.RawRecord
	err     error
}

// snapshotRecords scrapes the bundled snapshot once per test binary.
func snapshotRecords(tb testing.TB) (transform.Config, []data.RawRecord) {
	tb.Helper()
	snapshot.once.Do(func() {
		sc := shippedConfig{Config: transform.DefaultConfig()}
		if snapshot.err = yaml.Unmarshal(data.DefaultPipeline, &sc); snapshot.err != nil {
			return
		}
		snapshot.cfg = sc.Config
		boards, err := fs.Sub(data.Boards, "boards")
		if err != nil {
			snapshot.err = err
			return
		}
		s := &scrape.Scraper{Config: scrape.DefaultConfig(), Bundled: boards, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		s.Config.Store = tb.TempDir() // the pages are read once; the records stay in memory
		res, err := s.Run(tb.Context(), sc.Sources)
		snapshot.records, snapshot.err = res.Records, err
	})
	if snapshot.err != nil {
		tb.Fatalf("scrape the bundled snapshot: %v", snapshot.err)
	}
	return snapshot.cfg, snapshot.records
}

// TestTransformSnapshotMatchesGroundTruth checks the transform stage on its
// own, through transform.Run and its files as `jobmarket transform` runs
// it, against truth.json: the postings that enter the estimate (usable
// employer pay, OpenStack or Python, not a repeat, a configured region)
// must be exactly the generator's sample, group by group, so the raw
// premium per region and quarter equals the truth's to rounding.
func TestTransformSnapshotMatchesGroundTruth(t *testing.T) {
	cfg, records := snapshotRecords(t)
	res := runStage(t, cfg, records)
	type group struct {
		n      [2]int
		sumLog [2]float64
	}
	groups := map[[2]string]*group{}
	analysis, regions := analyze.DefaultConfig(), cfg.Regions.Names()
	for _, l := range res.Listings {
		if !analysis.InEstimate(l, regions) {
			continue
		}
		role := map[data.Role]int{data.RoleOpenStack: 0, data.RolePython: 1}
		g, ok := role[l.Role]
		if !ok {
			continue
		}
		for _, key := range [][2]string{{data.RegionAll, "all"}, {data.RegionAll, l.Quarter}, {l.Region, "all"}, {l.Region, l.Quarter}} {
			if groups[key] == nil {
				groups[key] = &group{}
			}
			groups[key].n[g]++
			groups[key].sumLog[g] += math.Log(l.SalaryAnnualUSD)
		}
	}
	raw, err := data.Boards.ReadFile("boards/truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Sample []struct {
			Region     string   `json:"region"`
			Quarter    string   `json:"quarter"`
			NOpenStack int      `json:"n_openstack"`
			NPython    int      `json:"n_python"`
			Premium    *float64 `json:"premium"`
		} `json:"sample"`
		Counts struct {
			Duplicates int `json:"duplicates"`
		} `json:"counts"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	for _, want := range truth.Sample {
		g := groups[[2]string{want.Region, want.Quarter}]
		if g == nil {
			t.Errorf("%s/%s: no postings", want.Region, want.Quarter)
			continue
		}
		if g.n[0] != want.NOpenStack || g.n[1] != want.NPython {
			t.Errorf("%s/%s: n = %d/%d, ground truth %d/%d", want.Region, want.Quarter, g.n[0], g.n[1], want.NOpenStack, want.NPython)
		}
		premium := math.Exp(g.sumLog[0]/float64(g.n[0])-g.sumLog[1]/float64(g.n[1])) - 1
		if want.Premium != nil && math.Abs(premium-*want.Premium) > 1e-9 {
			t.Errorf("%s/%s: premium %.6f, ground truth %.6f", want.Region, want.Quarter, premium, *want.Premium)
		}
	}
	if res.Stats.Duplicates != truth.Counts.Duplicates || res.Stats.NearDuplicates != 0 {
		t.Errorf("%d duplicates (%d by text), ground truth %d", res.Stats.Duplicates, res.Stats.NearDuplicates, truth.Counts.Duplicates)
	}
}

// runStage runs transform.Run on records written to a raw.arrow and reads
// back listings.arrow.
func runStage(t *testing.T, cfg transform.Config, records []data.RawRecord) transform.Result {
	t.Helper()
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.arrow")
	err := data.WriteFileAtomic(raw, func(f *os.File) error { return data.WriteRawIPC(f, memory.DefaultAllocator, records) })
	if err != nil {
		t.Fatal(err)
	}
	job := transform.Job{Raw: []string{raw}, ListingsArrow: filepath.Join(dir, "listings.arrow"),
		ListingsParquet: filepath.Join(dir, "listings.parquet"), Rejects: filepath.Join(dir, "rejects.csv")}
	st, err := transform.Run(t.Context(), cfg, job)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(job.ListingsArrow)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listings, err := data.ReadListingsIPC(f, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	return transform.Result{Listings: listings, Stats: st}
}

// BenchmarkTransformSnapshot times transform.Normalize (Run's work without
// its files) on the scraped snapshot
// (7,500 records: pay, place, role, seniority, duplicates; pages already
// read). records/cpu-s counts CPU time, which other work on the machine
// does not inflate.
func BenchmarkTransformSnapshot(b *testing.B) {
	cfg, records := snapshotRecords(b)
	b.ReportAllocs()
	cpu0, wall0 := cputime.Used(), time.Now()
	for b.Loop() {
		if _, err := transform.Normalize(b.Context(), cfg, records); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, len(records)*b.N, cputime.Used()-cpu0, time.Since(wall0))
}

func reportRate(b *testing.B, records int, cpu, wall time.Duration) {
	b.ReportMetric(float64(records)/wall.Seconds(), "records/s")
	if cpu > 0 {
		b.ReportMetric(float64(records)/cpu.Seconds(), "records/cpu-s")
	}
}
