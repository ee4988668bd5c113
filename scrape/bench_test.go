package scrape_test

import (
	"io/fs"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

// loopbackBoard is the board the speed targets are set on: about 5,000
// listing and JSON-LD posting pages.
var loopbackBoard = scrapetest.Board{Postings: 4900}

// benchRuns runs the scraper b.N times, on a fresh store each time if
// freshStore, and reports pages read per second.
func benchRuns(b *testing.B, s *scrape.Scraper, srcs []scrape.Source, freshStore bool) {
	b.Helper()
	pages := 0
	for b.Loop() {
		b.StopTimer()
		if freshStore {
			s.Config.Store = b.TempDir()
		}
		b.StartTimer()
		res, err := s.Run(b.Context(), srcs)
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range res.Stats {
			pages += st.Responses
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkScrapeBundled crawls the demo snapshot built into the binary,
// as `jobmarket scrape` does with the shipped pipeline.yaml, storing every
// page.
func BenchmarkScrapeBundled(b *testing.B) {
	var p struct {
		Sources []scrape.Source `yaml:"sources"`
	}
	if err := yaml.Unmarshal(data.DefaultPipeline, &p); err != nil {
		b.Fatal(err)
	}
	boards, err := fs.Sub(data.Boards, "boards")
	if err != nil {
		b.Fatal(err)
	}
	benchRuns(b, &scrape.Scraper{Config: scrape.DefaultConfig(), Bundled: boards}, p.Sources, true)
}

// BenchmarkScrapeLoopback crawls a loopback board over real HTTP with
// politeness delays off (robots.txt still honoured), storing every page.
func BenchmarkScrapeLoopback(b *testing.B) {
	srv, _ := serve(b, loopbackBoard)
	cfg := scrape.DefaultConfig()
	cfg.Delay, cfg.Parallelism = time.Duration(0), 16
	benchRuns(b, &scrape.Scraper{Config: cfg}, []scrape.Source{loopbackBoard.Source("loopback", srv.URL)}, true)
}

// BenchmarkReparse re-reads a stored scrape of the loopback board with
// no network, as after a parser fix.
func BenchmarkReparse(b *testing.B) {
	srv, _ := serve(b, loopbackBoard)
	cfg := scrape.DefaultConfig()
	cfg.Delay, cfg.Parallelism, cfg.Store = time.Duration(0), 16, b.TempDir()
	srcs := []scrape.Source{loopbackBoard.Source("loopback", srv.URL)}
	if _, err := (&scrape.Scraper{Config: cfg}).Run(b.Context(), srcs); err != nil {
		b.Fatal(err)
	}
	srv.Close()
	benchRuns(b, &scrape.Scraper{Config: cfg, Offline: true}, srcs, false)
}
