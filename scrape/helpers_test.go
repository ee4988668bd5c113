package scrape_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// TestMain keeps the crawl's log lines out of test output; set
// JOBMARKET_TEST_LOG=1 to see them.
func TestMain(m *testing.M) {
	if os.Getenv("JOBMARKET_TEST_LOG") == "" {
		slog.SetDefault(slog.New(slog.DiscardHandler))
	}
	os.Exit(m.Run())
}

// hitCounter counts requests by path.
type hitCounter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (h *hitCounter) count(path string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hits == nil {
		h.hits = map[string]int{}
	}
	h.hits[path]++
}

func (h *hitCounter) of(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[path]
}

func (h *hitCounter) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, c := range h.hits {
		n += c
	}
	return n
}

// serve runs handler on loopback, counting requests by path.
func serve(t testing.TB, handler http.Handler) (*httptest.Server, *hitCounter) {
	t.Helper()
	hits := &hitCounter{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.count(r.URL.Path)
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, hits
}

// countingServer serves testdata/board.
func countingServer(t testing.TB) (*httptest.Server, *hitCounter) {
	return serve(t, http.FileServer(http.Dir("testdata/board")))
}

func sources(base string) []scrape.Source {
	return []scrape.Source{
		{Name: "cloudjobs", Kind: scrape.KindJSONLD, StartURLs: []string{base + "/jobs/index.html"}, Links: "a.job-link", Next: "a[rel=next]"},
		{Name: "lever", Kind: scrape.KindLever, StartURLs: []string{base + "/v0/postings/acme-cloud?mode=json", base + "/v0/postings/broken?mode=json"}},
		{Name: "pyjobs", Kind: scrape.KindHTML, StartURLs: []string{base + "/py/index.html"}, Links: ".list-recent-jobs h2 a",
			Fields: scrape.Fields{Title: "h1.listing-title", Company: ".listing-company", Location: ".listing-location", Date: "time.listing-posted", Description: ".job-description"}},
	}
}

// testConfig has politeness delays off (loopback) and a fresh store.
func testConfig(t testing.TB) scrape.Config {
	cfg := scrape.DefaultConfig()
	cfg.Delay = time.Duration(0)
	cfg.Store = t.TempDir()
	return cfg
}

func ptr[T any](v T) *T { return &v }

func byURL(recs []data.RawRecord) map[string]data.RawRecord {
	m := map[string]data.RawRecord{}
	for _, r := range recs {
		m[r.URL] = r
	}
	return m
}

// sameRecords reports the first difference between two record lists, or "".
func sameRecords(a, b []data.RawRecord) string {
	if len(a) != len(b) {
		return "lengths differ"
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.URL != y.URL || x.Title != y.Title || x.PageSHA256 != y.PageSHA256 || x.RejectReason != y.RejectReason ||
			x.Description != y.Description || x.Company != y.Company {
			return x.URL + " vs " + y.URL
		}
	}
	return ""
}

// httpFiles serves testdata/board, telling seen each User-Agent.
func httpFiles(seen func(userAgent string)) http.Handler {
	files := http.FileServer(http.Dir("testdata/board"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen(r.UserAgent())
		files.ServeHTTP(w, r)
	})
}
