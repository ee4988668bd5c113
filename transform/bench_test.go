package transform_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/cputime"
	"github.com/jobmarket/jobmarket/transform"
)

// BenchmarkNormalizeSynthetic1M streams 1,000,000 synthetic raw records
// (see synth) through one Normalizer: pay, place, role, seniority and
// duplicates, pages already read. Records are drawn in batches with the
// timer stopped, so only normalization is timed. It reports records/s,
// records per CPU-second (which other work on the machine does not
// inflate), and the heap still in use at the end per distinct posting:
// what duplicate detection must remember, the only state that grows.
//
//	go test ./transform -run XXX -bench Synthetic1M -benchtime 1x -cpu 1
func BenchmarkNormalizeSynthetic1M(b *testing.B) {
	const total, batch = 1_000_000, 10_000
	b.StopTimer()
	for range b.N {
		n, err := transform.New(testConfig())
		if err != nil {
			b.Fatal(err)
		}
		s := newSynth(1)
		records := make([]data.RawRecord, batch)
		var cpu, wall time.Duration
		listings := 0
		for done := 0; done < total; done += batch {
			for i := range records {
				records[i] = s.next(done + i)
			}
			cpu0, wall0 := cputime.Used(), time.Now()
			b.StartTimer()
			for i := range records {
				if _, _, ok := n.Normalize(&records[i]); ok {
					listings++
				}
			}
			b.StopTimer()
			cpu, wall = cpu+cputime.Used()-cpu0, wall+time.Since(wall0)
		}
		st := n.Stats()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(total)/wall.Seconds(), "records/s")
		if cpu > 0 {
			b.ReportMetric(float64(total)/cpu.Seconds(), "records/cpu-s")
		}
		b.ReportMetric(float64(ms.HeapInuse)/float64(st.Listings-st.Duplicates), "heap-B/posting")
		b.ReportMetric(float64(st.Duplicates), "duplicates")
		runtime.KeepAlive(n)
	}
	b.StartTimer()
}

// BenchmarkRunSynthetic100k times Run, which also keeps every listing.
func BenchmarkRunSynthetic100k(b *testing.B) {
	records := syntheticRecords(100_000, 2)
	cpu0, wall0 := cputime.Used(), time.Now()
	for b.Loop() {
		if _, err := transform.Run(b.Context(), testConfig(), records); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(records)*b.N)/time.Since(wall0).Seconds(), "records/s")
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(len(records)*b.N)/cpu.Seconds(), "records/cpu-s")
	}
}
