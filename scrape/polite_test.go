package scrape_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

// politeServer serves a board with a slow page handler and robots as its
// robots.txt.
type politeServer struct {
	robots string
	board  scrapetest.Board
}

func (p *politeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		fmt.Fprint(w, p.robots)
		return
	}
	time.Sleep(30 * time.Millisecond) // a slow page: parallel requests overlap
	p.board.ServeHTTP(w, r)
}

// startRecorder is the network under the scraper: it sees each request
// when the politeness gate lets it go, which is what the rules govern
// (times seen by the server also carry the scheduler's noise).
type startRecorder struct {
	mu       sync.Mutex
	starts   []time.Time
	inFlight int
	maxIn    int
}

func (s *startRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	page := req.URL.Path != "/robots.txt"
	if page {
		s.mu.Lock()
		s.starts = append(s.starts, time.Now())
		s.inFlight++
		s.maxIn = max(s.maxIn, s.inFlight)
		s.mu.Unlock()
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		// In flight until the body is read, as the gate counts it.
		body, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body, err = io.NopCloser(bytes.NewReader(body)), rerr
	}
	if page {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}
	return resp, err
}

// meanGap is the average time between two request starts: scheduling
// noise moves single starts, not the pace.
func (s *startRecorder) meanGap() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	starts := slices.SortedFunc(slices.Values(s.starts), func(a, b time.Time) int { return a.Compare(b) })
	if len(starts) < 2 {
		return 0
	}
	return starts[len(starts)-1].Sub(starts[0]) / time.Duration(len(starts)-1)
}

func TestPoliteness(t *testing.T) {
	board := scrapetest.Board{Postings: 8}
	tests := []struct {
		name        string
		robots      string
		delay       time.Duration
		parallelism int
		minGap      time.Duration
		maxIn       int
		requests    int
	}{
		// The delay spaces starts; a response slower than the delay (a
		// loaded machine) may overlap the next start, up to parallelism.
		{name: "delay between starts", robots: "User-agent: *\nDisallow:\n", delay: 60 * time.Millisecond, parallelism: 2, minGap: 60 * time.Millisecond, maxIn: 2, requests: 9},
		{name: "parallelism bound", robots: "User-agent: *\nDisallow:\n", parallelism: 2, maxIn: 2, requests: 9},
		{name: "robots.txt crawl-delay", robots: "User-agent: *\nCrawl-delay: 0.08\n", parallelism: 4, minGap: 80 * time.Millisecond, maxIn: 1, requests: 9},
		{name: "rules for our agent", robots: "User-agent: *\nDisallow:\n\nUser-agent: jobmarket\nDisallow: /jobs/p/\n", parallelism: 2, maxIn: 2, requests: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := serve(t, &politeServer{robots: tc.robots, board: board})
			rec := &startRecorder{}
			cfg := testConfig(t)
			cfg.Delay, cfg.Parallelism = tc.delay, tc.parallelism
			res, err := (&scrape.Scraper{Config: cfg, Network: rec}).Run(t.Context(), []scrape.Source{board.Source("b", srv.URL)})
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.starts) != tc.requests {
				t.Fatalf("%d requests, want %d (stats %+v)", len(rec.starts), tc.requests, res.Stats[0])
			}
			if tc.minGap > 0 && rec.meanGap() < tc.minGap {
				t.Errorf("requests started %s apart on average, want at least %s", rec.meanGap(), tc.minGap)
			}
			if rec.maxIn > tc.maxIn {
				t.Errorf("%d requests in flight, want at most %d", rec.maxIn, tc.maxIn)
			}
		})
	}
}

// TestHostsSharedAcrossSources: two sources on one host share its
// parallelism, so adding a source does not double the load on a board.
func TestHostsSharedAcrossSources(t *testing.T) {
	board := scrapetest.Board{Postings: 10}
	srv, _ := serve(t, &politeServer{robots: "User-agent: *\nDisallow:\n", board: board})
	rec := &startRecorder{}
	cfg := testConfig(t)
	cfg.Parallelism = 1
	a, b := board.Source("a", srv.URL), board.Source("b", srv.URL)
	b.StartURLs = []string{srv.URL + "/jobs/index.html"}
	if _, err := (&scrape.Scraper{Config: cfg, Network: rec}).Run(t.Context(), []scrape.Source{a, b}); err != nil {
		t.Fatal(err)
	}
	if rec.maxIn != 1 {
		t.Errorf("%d requests in flight across two sources, want 1", rec.maxIn)
	}
}
