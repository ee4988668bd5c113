package scrape_test

import (
	"math"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

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
	if n := hits.of("/admin/p/secret.html"); n != 0 {
		t.Errorf("robots.txt-disallowed page fetched %d times", n)
	}
	if n := hits.of("/jobs/p/2.html"); n != 1 {
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

	// The file server redirects each start URL's index.html to its
	// folder: that hop is a request too, counted in Fetched.
	want := map[string]scrape.SourceStats{
		"cloudjobs": {Records: 5, Rejects: 3, Fetched: 7, RobotsBlocked: 1, Failed: map[string]int{"HTTP 404": 1}},
		"lever":     {Records: 3, Rejects: 1, Fetched: 2},
		"pyjobs":    {Records: 1, Rejects: 0, Fetched: 3},
	}
	for _, st := range res.Stats {
		w := want[st.Source]
		if st.Records != w.Records || st.Rejects != w.Rejects || st.Fetched != w.Fetched || st.FromStore != 0 ||
			st.RobotsBlocked != w.RobotsBlocked || st.Failures() != len(w.Failed) || !st.Done || st.Queued != 0 {
			t.Errorf("%s: stats %+v; want %+v", st.Source, st, w)
		}
	}
	if len(res.Records) != 9 {
		t.Errorf("got %d records, want 9", len(res.Records))
	}
	if res.Err() != nil {
		t.Errorf("Err() = %v for a complete scrape", res.Err())
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

// TestStoreServesRerun checks "nothing fetched twice": a second run over
// the same store fetches nothing and gives the same records; Refresh
// fetches everything again; Offline re-reads the store with no network.
func TestStoreServesRerun(t *testing.T) {
	srv, hits := countingServer(t)
	cfg := testConfig(t)
	first, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	fetched := hits.total()

	second, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if n := hits.total() - fetched; n != 0 {
		t.Errorf("second run made %d requests, want 0", n)
	}
	if d := sameRecords(first.Records, second.Records); d != "" {
		t.Errorf("second run's records differ: %s", d)
	}
	for _, st := range second.Stats {
		if st.Fetched != 0 || st.FromStore == 0 {
			t.Errorf("%s: second run fetched %d, from store %d", st.Source, st.Fetched, st.FromStore)
		}
	}

	srv.Close() // offline: no network at all
	offline, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), sources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if d := sameRecords(first.Records, offline.Records); d != "" {
		t.Errorf("offline re-read differs: %s", d)
	}

	srv2, hits2 := countingServer(t)
	refreshed, err := (&scrape.Scraper{Config: cfg, Refresh: true}).Run(t.Context(), sources(srv2.URL))
	if err != nil {
		t.Fatal(err)
	}
	if hits2.of("/robots.txt") == 0 || hits2.of("/jobs/p/1.html") != 1 {
		t.Errorf("refresh fetched robots.txt %d times, p/1 %d times; want both fetched", hits2.of("/robots.txt"), hits2.of("/jobs/p/1.html"))
	}
	if len(refreshed.Records) != len(first.Records) {
		t.Errorf("refresh gave %d records, want %d", len(refreshed.Records), len(first.Records))
	}
}

// TestOfflineMissingPage: re-reading a store that lacks a page says so.
func TestOfflineMissingPage(t *testing.T) {
	res, err := (&scrape.Scraper{Config: testConfig(t), Offline: true}).Run(t.Context(), sources("http://127.0.0.1:1")[:1])
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || !strings.Contains(res.Records[0].RejectReason, "not in the page store") {
		t.Fatalf("offline run over an empty store: %+v", res.Records)
	}
}

func TestRetriesTransientFailures(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	src := []scrape.Source{{Name: "l", Kind: scrape.KindLever, StartURLs: []string{srv.URL + "/v0/postings/x"}}}
	res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || res.Records[0].RejectReason != "" || res.Stats[0].Retries != 2 {
		t.Fatalf("after two 503s: records %+v, stats %+v", res.Records, res.Stats)
	}

	cfg := testConfig(t)
	cfg.Retries = 0
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

// TestValidate checks that every config problem is a data.FieldError at
// its full pipeline.yaml path.
func TestValidate(t *testing.T) {
	api := []string{"http://x/"}
	tests := []struct {
		name string
		src  scrape.Source
		path string // of the FieldError wanted
		want string // part of its message
	}{
		{"unknown kind", scrape.Source{Name: "a", Kind: "rss", StartURLs: api}, "sources[0].kind", `"rss" is not one of ` + strings.Join(scrape.KindNames(), ", ")},
		{"no kind", scrape.Source{Name: "a", StartURLs: api}, "sources[0].kind", "missing"},
		{"no name", scrape.Source{Kind: "lever", StartURLs: api}, "sources[0].name", "missing"},
		{"no links", scrape.Source{Name: "a", Kind: "jsonld", StartURLs: api}, "sources[0].links", "missing"},
		{"bad scheme", scrape.Source{Name: "a", Kind: "lever", StartURLs: []string{"http://x/", "http://y/", "ftp://x/"}}, "sources[0].start_urls[2]", "scheme must be"},
		{"relative file", scrape.Source{Name: "a", Kind: "lever", StartURLs: []string{"file://data/x.json"}}, "sources[0].start_urls[0]", "needs an absolute path"},
		{"no urls", scrape.Source{Name: "a", Kind: "lever"}, "sources[0].start_urls", "none given"},
		{"no way in", scrape.Source{Name: "a", Kind: "jsonld"}, "sources[0].start_urls", "give start_urls with links, sitemaps or feeds"},
		{"bad selector", scrape.Source{Name: "a", Kind: "jsonld", StartURLs: api, Links: "a[href"}, "sources[0].links", `"a[href" is not a CSS selector`},
		{"bad match", scrape.Source{Name: "a", Kind: "jsonld", Sitemaps: []string{"http://x/s.xml"}, Match: "("}, "sources[0].match", "not a regular expression"},
		{"bad sitemap", scrape.Source{Name: "a", Kind: "jsonld", Sitemaps: []string{"http://x/s.xml", "x"}}, "sources[0].sitemaps[1]", "scheme must be"},
		{"html without title", scrape.Source{Name: "a", Kind: "html", Feeds: []string{"http://x/f.rss"}}, "sources[0].fields.title", "missing"},
		{"file without path", scrape.Source{Name: "a", Kind: "file"}, "sources[0].path", "missing"},
		{"file with urls", scrape.Source{Name: "a", Kind: "file", Path: "x.csv", StartURLs: api}, "sources[0].start_urls", "a file source does not read start_urls"},
		{"file format", scrape.Source{Name: "a", Kind: "file", Path: "x.xlsx"}, "sources[0].format", "cannot tell the format"},
		{"file column", scrape.Source{Name: "a", Kind: "file", Path: "x.csv", Columns: map[string]string{"salary": "Pay"}}, "sources[0].columns.salary", `"salary" is not one of`},
		{"path on a board", scrape.Source{Name: "a", Kind: "lever", StartURLs: api, Path: "x.csv"}, "sources[0].path", "a lever source does not read path"},
		{"links on an API", scrape.Source{Name: "a", Kind: "greenhouse", StartURLs: api, Links: "a"}, "sources[0].links", "a greenhouse source does not read links"},
		{"zero max_pages", scrape.Source{Name: "a", Kind: "lever", StartURLs: api, MaxPages: ptr(0)}, "sources[0].max_pages", "0 is less than 1"},
		{"negative max_depth", scrape.Source{Name: "a", Kind: "jsonld", StartURLs: api, Links: "a", MaxDepth: ptr(-1)}, "sources[0].max_depth", "-1 is negative"},
		{"bad date_order", scrape.Source{Name: "a", Kind: "lever", StartURLs: api, DateOrder: "ymd"}, "sources[0].date_order", `"ymd" is neither dmy`},
		{"bad pay pattern", scrape.Source{Name: "a", Kind: "lever", StartURLs: api, Pay: data.PaySettings{Ignore: []string{"65k", "/(/"}}}, "sources[0].pay.ignore[1]", "not a regular expression"},
		{"bad pay prefer", scrape.Source{Name: "a", Kind: "file", Path: "x.csv", Pay: data.PaySettings{Prefer: "board"}}, "sources[0].pay.prefer", `"board" is neither field nor text`},
		{"cards without card", scrape.Source{Name: "a", Kind: "html", StartURLs: api, Links: "a", Fields: scrape.Fields{Title: "h1"}, Cards: scrape.Cards{Title: "h3"}}, "sources[0].cards.card", "missing"},
		{"bad card selector", scrape.Source{Name: "a", Kind: "html", StartURLs: api, Fields: scrape.Fields{Title: "h1"}, Cards: scrape.Cards{Card: "li[", Title: "h3"}}, "sources[0].cards.card", "is not a CSS selector"},
		{"cards and links", scrape.Source{Name: "a", Kind: "html", StartURLs: api, Links: "a", Fields: scrape.Fields{Title: "h1"}, Cards: scrape.Cards{Card: "li"}}, "sources[0].links", "not both"},
		{"cards on jsonld", scrape.Source{Name: "a", Kind: "jsonld", StartURLs: api, Links: "a", Cards: scrape.Cards{Card: "li"}}, "sources[0].cards", "a jsonld source does not read cards"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := scrape.DefaultConfig().Validate([]scrape.Source{tc.src})
			if !hasFieldError(err, tc.path, tc.want) {
				t.Fatalf("Validate() = %v, want a FieldError at %s containing %q", err, tc.path, tc.want)
			}
		})
	}

	cfg := scrape.DefaultConfig()
	cfg.Delay = -scrape.DefaultDelay
	cfg.Timeout, cfg.ErrorBudget, cfg.Parallelism, cfg.MaxPages, cfg.UserAgent = -1, 0, 0, 0, ""
	err := cfg.Validate([]scrape.Source{{Name: "a", Kind: "lever", StartURLs: api}, {Name: "a", Kind: "lever", StartURLs: api}})
	for path, want := range map[string]string{"scrape.delay": "-500ms is negative", "scrape.timeout": "negative",
		"scrape.error_budget": "0 is less than 1", "scrape.parallelism": "0 is less than 1", "scrape.max_pages": "0 is less than 1",
		"scrape.user_agent": "empty", "sources[1].name": `"a" is used twice`} {
		if !hasFieldError(err, path, want) {
			t.Errorf("Validate() = %v, want a FieldError at %s containing %q", err, path, want)
		}
	}
	if err := scrape.DefaultConfig().Validate(nil); !hasFieldError(err, "sources", "none configured") {
		t.Errorf("no sources: %v", err)
	}

	// Zeros that mean something are taken as written.
	cfg = scrape.DefaultConfig()
	cfg.Delay, cfg.Retries, cfg.Timeout, cfg.MaxDepth, cfg.MaxAge, cfg.Robots = 0, 0, 0, 0, 0, false
	if err := cfg.Validate([]scrape.Source{{Name: "a", Kind: "greenhouse", StartURLs: []string{"https://boards-api.greenhouse.io/v1/boards/x/jobs?content=true"}},
		{Name: "b", Kind: "jsonld", StartURLs: api, Links: "a", MaxDepth: ptr(0)}}); err != nil {
		t.Errorf("greenhouse source with meaningful zeros: %v", err)
	}
}

// hasFieldError says whether err holds a data.FieldError at path whose
// cause contains want.
func hasFieldError(err error, path, want string) bool {
	for _, fe := range data.FieldErrors(err) {
		if fe.Path == path && strings.Contains(fe.Err.Error(), want) {
			return true
		}
	}
	return false
}

// TestDefaultConfig pins every crawl default to the values pipeline.yaml
// has always stated, since a config file is now decoded on top of
// DefaultConfig and a key left out takes its value from here.
func TestDefaultConfig(t *testing.T) {
	want := scrape.Config{UserAgent: "jobmarket/0.1 (+https://github.com/jobmarket/jobmarket)", Parallelism: 2,
		Delay: 500 * time.Millisecond, Robots: true, Retries: 3, MaxBodyBytes: 5242880, Timeout: 30 * time.Second,
		MaxPages: 50000, MaxDepth: 1000, ErrorBudget: 20, MaxAge: 0, Store: ".jobmarket/pages", Queue: "",
		SourceDeadline: 2 * time.Hour, RunDeadline: 6 * time.Hour}
	if got := scrape.DefaultConfig(); got != want {
		t.Errorf("DefaultConfig() = %+v\nwant %+v", got, want)
	}
}
