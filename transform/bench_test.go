package transform_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/cputime"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/transform"
)

// BenchmarkNormalizeSynthetic1M streams 1,000,000 synthetic raw records
// (internal/synth) through one Normalizer in batches of 65,536, as
// cmd/jobmarket reads raw.arrow: pay, place, role, seniority and
// duplicates, pages already read, on up to GOMAXPROCS cores. Records are
// drawn with the timer stopped, so only normalization is timed. It
// reports records/s, records per CPU-second (which other work on the
// machine does not inflate, and which shows what a second core costs in
// coordination), and the heap still in use at the end per distinct
// posting: what duplicate detection must remember, the only state that
// grows.
//
// Give each -cpu its own run: with -benchtime 1x the testing package
// reports the first run of a -cpu list at the GOMAXPROCS of the list's
// last entry.
//
//	go test ./transform -run XXX -bench Synthetic1M -benchtime 1x -cpu 1 -count 3
//	go test ./transform -run XXX -bench Synthetic1M -benchtime 1x -cpu 2 -count 3
func BenchmarkNormalizeSynthetic1M(b *testing.B) {
	const total, batch = 1_000_000, 1 << 16
	b.StopTimer()
	for range b.N {
		n, err := transform.New(testConfig())
		if err != nil {
			b.Fatal(err)
		}
		g := synth.New(1)
		records := make([]data.RawRecord, batch)
		var listings []data.Listing
		var rejects []data.Reject
		var cpu, wall time.Duration
		for done := 0; done < total; done += len(records) {
			records = records[:min(batch, total-done)]
			for i := range records {
				records[i] = g.Next()
			}
			cpu0, wall0 := cputime.Used(), time.Now()
			b.StartTimer()
			listings, rejects, err = n.NormalizeBatch(b.Context(), records, listings[:0], rejects[:0])
			b.StopTimer()
			cpu, wall = cpu+cputime.Used()-cpu0, wall+time.Since(wall0)
			if err != nil {
				b.Fatal(err)
			}
		}
		// The last batch is dead here: only what the Normalizer keeps is in use.
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
	records := synth.Records(100_000, 2)
	cpu0, wall0 := cputime.Used(), time.Now()
	for b.Loop() {
		if _, err := transform.Normalize(b.Context(), testConfig(), records); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(records)*b.N)/time.Since(wall0).Seconds(), "records/s")
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(len(records)*b.N)/cpu.Seconds(), "records/cpu-s")
	}
}
