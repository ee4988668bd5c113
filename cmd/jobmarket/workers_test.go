package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/scrape/redisq/redistest"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

// TestWorkersShareOneCrawl is the path past one machine end to end: two
// `jobmarket scrape` processes with their own output folders and page
// stores share one Redis queue on a loopback board; every page is fetched
// once in all, and `jobmarket transform --input` of the two folders gives
// byte for byte the tables of one scrape of the same board.
func TestWorkersShareOneCrawl(t *testing.T) {
	queue := redistest.Start(t) + "?crawl=workers-test"
	board := scrapetest.Board{Postings: 200, PerPage: 20}
	var mu sync.Mutex
	hits := map[string]int{}
	robots := 0
	bothUp := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		if r.URL.Path == "/robots.txt" {
			if robots++; robots == 2 {
				close(bothUp)
			}
		}
		mu.Unlock()
		if r.URL.Path != "/robots.txt" {
			// Until both workers are up, so that both take part.
			select {
			case <-bothUp:
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		}
		board.ServeHTTP(w, r)
	}))
	defer srv.Close()

	dir := t.TempDir()
	demo, err := os.ReadFile("../../pipeline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// config writes the demo config with the board as its only source.
	config := func(name, queue string) string {
		text := string(demo)
		text = text[:strings.Index(text, "\nsources:\n")] +
			"\nsources:\n  - {name: board, kind: jsonld, start_urls: [\"" + srv.URL + "/jobs/\"], links: a.job-link, next: \"a[rel=next]\"}\n" +
			"scrape:\n  queue: \"" + queue + "\"\n  delay: 5ms\n  store: " + filepath.Join(dir, name, "pages") + "\n"
		path := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	workers := []string{filepath.Join(dir, "w1"), filepath.Join(dir, "w2")}
	var wg sync.WaitGroup
	for i, out := range workers {
		cfg := config(filepath.Base(out), queue)
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "scrape", "-q", "-c", cfg, "-o", out)
			cmd.Env = append(os.Environ(), "JOBMARKET_BE_MAIN=1")
			var log bytes.Buffer
			cmd.Stdout, cmd.Stderr = &log, &log
			if err := cmd.Run(); err != nil {
				t.Errorf("worker %d: %v\n%s", i+1, err, log.String())
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	mu.Lock()
	for path, n := range hits {
		if path != "/robots.txt" && n != 1 {
			t.Errorf("%s fetched %d times by the two workers, want once", path, n)
		}
	}
	if pages := len(hits) - 1; pages != board.Pages() {
		t.Errorf("the workers fetched %d pages, want all %d", pages, board.Pages())
	}
	mu.Unlock()
	for i, out := range workers {
		m, err := readManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if m.Stages["scrape"].Counts["board.fetched"] == 0 {
			t.Errorf("worker %d fetched nothing: %v", i+1, m.Stages["scrape"].Counts)
		}
	}

	single := filepath.Join(dir, "single")
	singleCfg := config("single", "")
	for _, args := range [][]string{
		{"scrape", "-q", "-c", singleCfg, "-o", single},
		{"transform", "-q", "-c", singleCfg, "-o", single},
		{"transform", "-q", "-c", singleCfg, "-o", filepath.Join(dir, "merged"), "--input", workers[0], "--input", workers[1]},
	} {
		if code, _, stderr := runCmd(t, args...); code != exitOK {
			t.Fatalf("%s exited %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	for _, name := range []string{ListingsArrowFile, ListingsParquetFile, RejectsFile} {
		want, err := os.ReadFile(filepath.Join(single, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "merged", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s merged from the two workers differs from one scrape's", name)
		}
	}
	m, err := readManifest(filepath.Join(dir, "merged"))
	if err != nil {
		t.Fatal(err)
	}
	if in := m.Stages["transform"].Inputs; len(in) != 2 || m.Stages["transform"].Counts["listings"] != board.Postings {
		t.Errorf("merged transform recorded inputs %+v and %d listings, want both workers' raw.arrow and %d", in, m.Stages["transform"].Counts["listings"], board.Postings)
	}
}
