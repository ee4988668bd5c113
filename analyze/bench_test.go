package analyze

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/cputime"
)

// The benchmarks report cpu-s/op (user + system CPU of the process) beside
// ns/op, since this machine's cores are shared and wall time alone swings.
//
//	go test ./analyze -run '^$' -bench 'RowLarge|RunLarge' -benchtime 1x

// maxRSS is the peak resident set of the process, bytes (Linux reports KiB).
func maxRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Maxrss) * 1024
}

// measure runs f b.N times and reports CPU seconds per run.
func measure(b *testing.B, f func()) {
	b.Helper()
	runtime.GC()
	b.ResetTimer()
	start := cputime.Used()
	for range b.N {
		f()
	}
	b.StopTimer()
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkRowLarge is one comparison of 1,000,000 Python and 100,000
// OpenStack listings with every estimator of a default row: the median's
// interval, the stratified, raw and adjusted fits with clustered errors
// (the posting bootstrap of Config.IndependentRows is off by default).
func BenchmarkRowLarge(b *testing.B) {
	listings := synthListings(1_000_000, 100_000, 0.15, 1)
	for i := range listings {
		listings[i].Region, listings[i].Quarter = "R", "2026Q3"
	}
	cfg := DefaultConfig()
	measure(b, func() {
		s, err := collect(cfg, []string{"R"}, listings)
		if err != nil {
			b.Fatal(err)
		}
		e := estimateCell(cfg, s, "R", data.QuarterAll, s.rows[1][0], newScratch(s), false)
		if e.bcaErr != nil || e.adjErr != nil || math.IsNaN(e.raw.se) {
			b.Fatal(e.bcaErr, e.adjErr)
		}
	})
}

// BenchmarkRunLarge is the whole analysis of 1,000,000 Python and 100,000
// OpenStack listings in 5 regions and 4 quarters: 30 region × quarter
// rows, each with every estimator of the default config, the pooled rows
// and the change rows.
func BenchmarkRunLarge(b *testing.B) {
	listings := synthListings(1_000_000, 100_000, 0.15, 1)
	cfg := DefaultConfig()
	measure(b, func() {
		if _, err := Run(b.Context(), cfg, Input{Regions: synthRegionNames(), Listings: SliceStream(listings)}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkStream10M streams 10,000,000 listings (one at a time, as a
// reader of row groups would) through a Sample and estimates, with 1,000
// resamples to keep the run short (memory does not grow
// with them), and reports the process's peak resident set.
//
//	go test ./analyze -run '^$' -bench Stream10M -benchtime 1x
func BenchmarkStream10M(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Bootstrap = 1000
	measure(b, func() {
		s, err := NewSample(cfg, synthRegionNames())
		if err != nil {
			b.Fatal(err)
		}
		g := newSynth(0.15, 1)
		for i := range 10_000_000 {
			l := g.next(i%11 == 0)
			s.Add(&l)
		}
		if _, err := s.Estimate(b.Context()); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(maxRSS()/(1<<20), "peak-RSS-MiB")
}

// BenchmarkBootstrapFiles times the raw premium's interval on the data
// bench/bootstrap_vs_scipy.sh writes for scipy: from the pay values to the
// interval, 10,000 resamples, percentile on 10,000 + 100,000 values and
// BCa on 100,000 + 1,000,000. It is skipped unless BOOTSTRAP_BENCH_DATA
// names the folder holding openstack_110k.f64 and the like (little-endian
// float64).
func BenchmarkBootstrapFiles(b *testing.B) {
	dir := os.Getenv("BOOTSTRAP_BENCH_DATA")
	if dir == "" {
		b.Skip("set BOOTSTRAP_BENCH_DATA (see bench/bootstrap_vs_scipy.sh)")
	}
	for _, tc := range []struct {
		name, size string
		bca        bool
	}{{"percentile", "110k", false}, {"bca", "110k", true}, {"bca", "1100k", true}} {
		osPay, pyPay := readFloats(b, filepath.Join(dir, "openstack_"+tc.size+".f64")), readFloats(b, filepath.Join(dir, "python_"+tc.size+".f64"))
		b.Run(tc.name+"/"+tc.size, func(b *testing.B) {
			measure(b, func() {
				gOS, gPy := twoGroups(osPay, pyPay)
				reps := bootstrap(newSampler(rowRand(1, "bench", "all", streamBootstrap)), gOS, gPy, 10_000)
				gaps := sorted(reps.gap)
				if tc.bca {
					a := acceleration([]*group{gOS, gPy}, []float64{1, -1})
					_, _, err := bcaInterval(gaps, gOS.meanLog-gPy.meanLog, a, 0.95)
					if err != nil {
						b.Fatal(err)
					}
				} else if _, _, err := percentileInterval(gaps, 0.95); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func readFloats(b *testing.B, path string) []float64 {
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]float64, len(raw)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return out
}

// BenchmarkResample compares the resampling schemes on the groups of the
// large benchmark (30 rows, OpenStack and Python): the plan's choice per
// group, and each scheme forced on every group where it applies. It is
// what the cost constants in group.go and poisson.go were set from.
//
//	go test ./analyze -run '^$' -bench Resample -benchtime 20x
func BenchmarkResample(b *testing.B) {
	s, err := collect(DefaultConfig(), synthRegionNames(), synthListings(1_000_000, 100_000, 0.15, 1))
	if err != nil {
		b.Fatal(err)
	}
	scr := newScratch(s)
	var groups []*group
	for r := range s.rows {
		for q := range s.rows[r] {
			var ids [2][]int32
			for _, i := range s.rows[r][q] {
				k := 1
				if s.openstack[i] {
					k = 0
				}
				ids[k] = append(ids[k], s.valueID[i])
			}
			groups = append(groups, newGroup(ids[0], s.values, s.logs, scr.valueCount), newGroup(ids[1], s.values, s.logs, scr.valueCount))
		}
	}
	planned := make([]*poissonScheme, len(groups))
	for i, g := range groups {
		planned[i] = g.poisson
	}
	counts := make([]int32, len(s.values))
	smp := newSampler(rowRand(1, "bench", "resample", streamBootstrap))
	const rounds = 100 // per group in a row, as a row's bootstrap does: its tables stay in cache
	for _, scheme := range []string{"plan", "chain", "poisson"} {
		for i, g := range groups {
			switch scheme {
			case "plan":
				g.poisson = planned[i]
			case "chain":
				g.poisson = nil
			case "poisson":
				g.poisson = newPoissonScheme(g)
			}
		}
		b.Run(scheme, func(b *testing.B) {
			for range b.N {
				for _, g := range groups {
					for range rounds {
						g.resample(smp, counts[:len(g.freq)])
					}
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N*rounds), "ms/round-of-60-groups")
		})
	}
}
