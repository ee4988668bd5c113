package scrape_test

import (
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// countingServer serves testdata/board on loopback and counts requests by path.
func countingServer(t *testing.T) (*httptest.Server, func(string) int) {
	t.Helper()
	var mu sync.Mutex
	hits := map[string]int{}
	files := http.FileServer(http.Dir("testdata/board"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func(p string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[p]
	}
}

func sources(base string) []scrape.Source {
	return []scrape.Source{
		{Name: "cloudjobs", Kind: scrape.KindJSONLD, StartURLs: []string{base + "/jobs/index.html"}, Links: "a.job-link", Next: "a[rel=next]"},
		{Name: "lever", Kind: scrape.KindLever, StartURLs: []string{base + "/v0/postings/acme-cloud?mode=json", base + "/v0/postings/broken?mode=json"}},
		{Name: "pyjobs", Kind: scrape.KindHTML, StartURLs: []string{base + "/py/index.html"}, Links: ".list-recent-jobs h2 a",
			Fields: scrape.Fields{Title: "h1.listing-title", Company: ".listing-company", Location: ".listing-location", Date: "time.listing-posted", Description: ".job-description"}},
	}
}

func testConfig(t *testing.T) scrape.Config {
	cfg := scrape.DefaultConfig()
	cfg.Delay = time.Millisecond
	cfg.Store = t.TempDir()
	return cfg
}

func byURL(recs []data.RawRecord) map[string]data.RawRecord {
	m := map[string]data.RawRecord{}
	for _, r := range recs {
		m[r.URL] = r
	}
	return m
}

func TestRunOverHTTP(t *testing.T) {
	srv, hits := countingServer(t)
	s := &scrape.Scraper{Config: testConfig(t)}
	res, err := s.Run(t.Context(), sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	got := byURL(res.Records)

	p1 := got[srv.URL+"/jobs/p/1.html"]
	if p1.Title != "Senior OpenStack Engineer, R&D" || p1.Company != "Northwind Cloud" || p1.Country != "DE" ||
		p1.PayMin != 60000 || p1.PayMax != 70000 || p1.PayCurrency != "EUR" || p1.PayPeriod != "year" ||
		p1.PostedDate != "2026-07-14" || p1.Description != "Run Nova. 5+ years." || p1.PageSHA256 == "" {
		t.Errorf("JSON-LD posting in @graph read as %+v", p1)
	}
	p2 := got[srv.URL+"/jobs/p/2.html"]
	if p2.Remote != "TELECOMMUTE" || p2.Country != "Canada" || p2.PayMin != 45 || p2.PayMax != 45 || p2.PayPeriod != "HOUR" {
		t.Errorf("remote JSON-LD posting read as %+v", p2)
	}
	wantRejects := map[string]string{
		srv.URL + "/jobs/p/3.html":                "broken JSON-LD",
		srv.URL + "/jobs/p/4.html":                "HTTP 404",
		srv.URL + "/admin/p/secret.html":          "disallowed by robots.txt",
		srv.URL + "/v0/postings/broken?mode=json": "not a postings array",
	}
	for u, want := range wantRejects {
		if r, ok := got[u]; !ok || !strings.Contains(r.RejectReason, want) {
			t.Errorf("reject for %s = %q, want reason containing %q", u, r.RejectReason, want)
		}
	}
	if n := hits("/admin/p/secret.html"); n != 0 {
		t.Errorf("robots.txt-disallowed page fetched %d times", n)
	}
	if n := hits("/jobs/p/2.html"); n != 1 {
		t.Errorf("page linked twice fetched %d times, want 1", n)
	}

	a1 := got["https://jobs.lever.example/acme-cloud/a1"]
	if a1.Company != "Acme Cloud" || a1.PayMin != 90000 || a1.PayPeriod != "per-year-salary" || a1.PostedDate != "1752451200000" || a1.Country != "CA" {
		t.Errorf("lever posting read as %+v", a1)
	}
	if a2 := got["https://jobs.lever.example/acme-cloud/a2"]; a2.Remote != "remote" || !math.IsNaN(a2.PayMin) {
		t.Errorf("lever posting without pay read as %+v", a2)
	}
	py := got[srv.URL+"/py/7/"]
	if py.Title != "Python Engineer" || py.Location != "London, United Kingdom" || py.PostedDate != "2026-09-02" ||
		!strings.Contains(py.Description, "£45,000 - £55,000 per annum") {
		t.Errorf("html posting read as %+v", py)
	}

	wantStats := map[string][2]int{"cloudjobs": {5, 3}, "lever": {3, 1}, "pyjobs": {1, 0}}
	for _, st := range res.Stats {
		if w := wantStats[st.Source]; st.Records != w[0] || st.Rejects != w[1] {
			t.Errorf("%s: %d records, %d rejects; want %d, %d", st.Source, st.Records, st.Rejects, w[0], w[1])
		}
	}
	if len(res.Records) != 9 {
		t.Errorf("got %d records, want 9", len(res.Records))
	}
}

// TestBundledMatchesHTTP checks that the bundled:// scheme reads pages
// exactly as a live crawl of the same files does.
func TestBundledMatchesHTTP(t *testing.T) {
	srv, _ := countingServer(t)
	live, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	bundled, err := (&scrape.Scraper{Config: testConfig(t), Bundled: os.DirFS("testdata")}).Run(t.Context(), sources("bundled://board"))
	if err != nil {
		t.Fatal(err)
	}
	if len(live.Records) != len(bundled.Records) {
		t.Fatalf("live crawl gave %d records, bundled %d", len(live.Records), len(bundled.Records))
	}
	for i := range live.Records {
		l, b := live.Records[i], bundled.Records[i]
		l.URL, b.URL = strings.TrimPrefix(l.URL, srv.URL), strings.TrimPrefix(b.URL, "bundled://board")
		if l.Title != b.Title || l.URL != b.URL || l.PageSHA256 != b.PageSHA256 || l.RejectReason != b.RejectReason {
			t.Errorf("record %d: live %+v, bundled %+v", i, l, b)
		}
	}
}

func TestRetriesTransientFailures(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`[{"id":"x","text":"Python Dev","hostedUrl":"https://x/1"}]`))
	}))
	defer srv.Close()
	src := []scrape.Source{{Name: "l", Kind: scrape.KindLever, StartURLs: []string{srv.URL + "/v0/postings/x"}}}
	res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || res.Records[0].RejectReason != "" || res.Stats[0].Retries != 2 {
		t.Fatalf("after two 503s: records %+v, stats %+v", res.Records, res.Stats)
	}

	zero := 0
	cfg := testConfig(t)
	cfg.Retries = &zero
	mu.Lock()
	calls = 0
	mu.Unlock()
	res, err = (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || !strings.Contains(res.Records[0].RejectReason, "HTTP 503") {
		t.Fatalf("without retries: records %+v", res.Records)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		src  scrape.Source
		want string
	}{
		{"unknown kind", scrape.Source{Name: "a", Kind: "rss", StartURLs: []string{"http://x/"}}, `sources[0].kind: "rss" is not one of`},
		{"no links", scrape.Source{Name: "a", Kind: "jsonld", StartURLs: []string{"http://x/"}}, "sources[0].links: missing"},
		{"bad scheme", scrape.Source{Name: "a", Kind: "lever", StartURLs: []string{"ftp://x/"}}, "sources[0].start_urls[0]"},
		{"relative file", scrape.Source{Name: "a", Kind: "lever", StartURLs: []string{"file://data/x.json"}}, "needs an absolute path"},
		{"no urls", scrape.Source{Name: "a", Kind: "lever"}, "sources[0].start_urls: none given"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := scrape.DefaultConfig().Validate([]scrape.Source{tc.src})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate() = %v, want error containing %q", err, tc.want)
			}
		})
	}
}
