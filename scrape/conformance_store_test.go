package scrape_test

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/jobmarket/jobmarket/scrape"
)

// flaky answers the first request of every path but robots.txt with 503
// and Retry-After: 0, then passes requests on: each page is had only by
// retrying.
type flaky struct {
	next http.Handler
	mu   sync.Mutex
	seen map[string]bool
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.RequestURI()
	f.mu.Lock()
	first := !f.seen[key] && r.URL.Path != "/robots.txt"
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	f.seen[key] = true
	f.mu.Unlock()
	if first {
		w.Header().Set("Retry-After", "0")
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	f.next.ServeHTTP(w, r)
}

var retriesNote = regexp.MustCompile(` after \d+ retries$`)

// TestConformanceStore runs every kind's conformance cases through a
// server that fails each first request (the crawl retries), then again on
// the same page store (a resume: nothing is fetched again), then offline
// with the server gone (a re-parse): all three give the same records.
func TestConformanceStore(t *testing.T) {
	for _, k := range scrape.Kinds() {
		for _, tc := range conformance[k.Name] {
			if k.Name == scrape.KindFile {
				continue // nothing fetched, nothing stored
			}
			t.Run(tc.name, func(t *testing.T) {
				var h http.Handler = http.FileServer(http.Dir("testdata/board"))
				if tc.handler != nil {
					h = tc.handler
				}
				srv, hits := serve(t, &flaky{next: h})
				src := tc.src(srv.URL)
				cfg := testConfig(t)
				first, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{src})
				if err != nil {
					t.Fatal(err)
				}
				if st := first.Stats[0]; st.Retries == 0 {
					t.Errorf("no retries counted: %+v", st)
				}
				for _, r := range first.Records {
					if strings.Contains(r.RejectReason, "503") {
						t.Errorf("%s: not retried: %s", r.URL, r.RejectReason)
					}
				}
				// A page that failed for good failed after the retries; read
				// again from the store, it fails without them.
				for i := range first.Records {
					first.Records[i].RejectReason = retriesNote.ReplaceAllString(first.Records[i].RejectReason, "")
				}
				asked := hits.total()
				again, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{src})
				if err != nil {
					t.Fatal(err)
				}
				if n := hits.total() - asked; n != 0 {
					t.Errorf("resume on the same store asked the server %d times", n)
				}
				if d := sameRecords(first.Records, again.Records); d != "" {
					t.Errorf("resume: records differ at %s", d)
				}
				srv.Close()
				offline, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), []scrape.Source{src})
				if err != nil {
					t.Fatal(err)
				}
				if d := sameRecords(first.Records, offline.Records); d != "" {
					t.Errorf("offline: records differ at %s", d)
				}
				checkInvariants(t, src, offline)
			})
		}
	}
}
