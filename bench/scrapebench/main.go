// Command scrapebench serves a synthetic loopback job board and crawls it
// with jobmarket's scraper, so that bench/scrape_vs_scrapy.sh can compare
// the scraper with Scrapy on the very same pages in one run.
//
//	scrapebench serve   -postings 4900            # prints the board's URL, serves until killed
//	scrapebench crawl   -url URL -store DIR       # a fresh crawl, every page stored
//	scrapebench reparse -url URL -store DIR       # re-read the stored crawl, no network
//
// crawl and reparse print one line of JSON: pages, seconds, pages_per_s.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: scrapebench serve|crawl|reparse [flags]")
		os.Exit(2)
	}
	cmd := os.Args[1]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	postings := fs.Int("postings", 4900, "posting pages on the board (plus one listing page per 50)")
	addr := fs.String("addr", "127.0.0.1:0", "serve: address to listen on")
	base := fs.String("url", "", "crawl, reparse: the board's URL")
	store := fs.String("store", "", "crawl, reparse: page store folder")
	parallelism := fs.Int("parallelism", 16, "crawl: requests in flight (Scrapy's default CONCURRENT_REQUESTS is 16)")
	cpuprofile := fs.String("cpuprofile", "", "crawl, reparse: write a CPU profile to `file`")
	fs.Parse(os.Args[2:])
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	board := scrapetest.Board{Postings: *postings}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch cmd {
	case "serve":
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			fail(err)
		}
		fmt.Printf("http://%s\n", ln.Addr())
		os.Stdout.Sync()
		fail(http.Serve(ln, board))
	case "crawl", "reparse":
		if *base == "" || *store == "" {
			fail(fmt.Errorf("%s needs -url and -store", cmd))
		}
		cfg := scrape.DefaultConfig()
		cfg.Delay, cfg.Parallelism, cfg.Store = 0, *parallelism, *store // politeness delays off; robots.txt on
		s := &scrape.Scraper{Config: cfg, Offline: cmd == "reparse", Log: slog.New(slog.DiscardHandler)}
		start := time.Now()
		res, err := s.Run(ctx, []scrape.Source{board.Source("loopback", *base)})
		secs := time.Since(start).Seconds()
		if err != nil {
			fail(err)
		}
		st := res.Stats[0]
		if st.Responses != board.Pages() {
			fail(fmt.Errorf("read %d pages, the board has %d (%+v)", st.Responses, board.Pages(), st))
		}
		json.NewEncoder(os.Stdout).Encode(map[string]any{"pages": st.Responses, "postings": st.Postings(),
			"seconds": secs, "pages_per_s": float64(st.Responses) / secs})
	default:
		fail(fmt.Errorf("unknown command %q", cmd))
	}
}

func fail(err error) {
	pprof.StopCPUProfile()
	fmt.Fprintln(os.Stderr, "scrapebench:", err)
	os.Exit(1)
}
