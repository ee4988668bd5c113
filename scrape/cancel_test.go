package scrape_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

// TestCancelStopsWithinASecond: Ctrl-C must end a run within a second,
// whatever it is waiting for.
func TestCancelStopsWithinASecond(t *testing.T) {
	board := scrapetest.Board{Postings: 200}
	tests := []struct {
		name    string
		handler http.Handler
		setup   func(cfg *scrape.Config)
		src     func(base string) scrape.Source
		bundled fs.FS
	}{
		{
			// colly's own limit rules would sleep each queued request's
			// delay after the cancel: 200 pages × 2 s.
			name: "politeness delays", handler: board,
			setup: func(cfg *scrape.Config) { cfg.Delay = 2 * time.Second },
			src:   func(base string) scrape.Source { return board.Source("delays", base) },
		},
		{
			// colly asks for robots.txt without a context.
			name: "robots.txt that never answers",
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(20 * time.Second):
				case <-r.Context().Done():
				}
			}),
			src: func(base string) scrape.Source { return board.Source("robots", base) },
		},
		{
			name: "bundled snapshot",
			// Ten postings a listing page: a long chain of slow reads.
			bundled: slowFS{bigSnapshot(scrapetest.Board{Postings: 1000, PerPage: 10})},
			src:     func(string) scrape.Source { return board.Source("local", "bundled://board.example") },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := "http://unused.example"
			if tc.handler != nil {
				srv, _ := serve(t, tc.handler)
				base = srv.URL
			}
			cfg := testConfig(t)
			if tc.setup != nil {
				tc.setup(&cfg)
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan struct{})
			var res scrape.Result
			var err error
			go func() {
				defer close(done)
				res, err = (&scrape.Scraper{Config: cfg, Bundled: tc.bundled}).Run(ctx, []scrape.Source{tc.src(base)})
			}()
			time.Sleep(300 * time.Millisecond)
			cancel()
			cancelled := time.Now()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Run still busy 5 s after cancel")
			}
			if d := time.Since(cancelled); d > time.Second {
				t.Errorf("Run returned %s after cancel, want under 1 s", d.Round(time.Millisecond))
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run error = %v, want context.Canceled", err)
			}
			if st := res.Stats[0]; st.Responses >= 200 {
				t.Errorf("all %d pages read before a cancel at 300 ms", st.Responses)
			}
			for _, r := range res.Records {
				if strings.Contains(r.RejectReason, "context canceled") {
					t.Errorf("cancel recorded as a failure of %s: %s", r.URL, r.RejectReason)
				}
			}
		})
	}
}

// slowFS opens files slowly, like a cold disk, so that a crawl of it
// outlasts the moment the test cancels.
type slowFS struct{ fstest.MapFS }

func (s slowFS) Open(name string) (fs.File, error) {
	time.Sleep(20 * time.Millisecond)
	return s.MapFS.Open(name)
}

func (s slowFS) ReadFile(name string) ([]byte, error) {
	time.Sleep(20 * time.Millisecond)
	return s.MapFS.ReadFile(name)
}

// bigSnapshot renders a board into an in-memory file system, as a bundled
// snapshot.
func bigSnapshot(b scrapetest.Board) fstest.MapFS {
	fsys := fstest.MapFS{}
	get := func(path string) []byte {
		rec := &bodyRecorder{header: http.Header{}}
		req, _ := http.NewRequest(http.MethodGet, "http://x"+path, nil)
		b.ServeHTTP(rec, req)
		return rec.body.Bytes()
	}
	fsys["board.example/robots.txt"] = &fstest.MapFile{Data: get("/robots.txt")}
	fsys["board.example/jobs/index.html"] = &fstest.MapFile{Data: get("/jobs/")}
	for n := 2; n <= b.ListingPages(); n++ {
		fsys[fmt.Sprintf("board.example/jobs/page-%d.html", n)] = &fstest.MapFile{Data: get(fmt.Sprintf("/jobs/page-%d.html", n))}
	}
	for n := 1; n <= b.Postings; n++ {
		fsys[fmt.Sprintf("board.example/jobs/p/%d.html", n)] = &fstest.MapFile{Data: get(fmt.Sprintf("/jobs/p/%d.html", n))}
	}
	return fsys
}

type bodyRecorder struct {
	header http.Header
	body   bytes.Buffer
}

func (r *bodyRecorder) Header() http.Header         { return r.header }
func (r *bodyRecorder) WriteHeader(int)             {}
func (r *bodyRecorder) Write(b []byte) (int, error) { return r.body.Write(b) }
