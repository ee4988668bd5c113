package scrape_test

import (
	"bytes"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

var pyFields = scrape.Fields{Title: "h1.listing-title", Company: ".listing-company", Location: ".listing-location",
	Date: "time.listing-posted", Description: ".job-description"}

// kindCase is one source kind's way into testdata/board and what it must
// find there. URLs are relative to the board's base unless absolute.
type kindCase struct {
	name     string
	src      func(base string) scrape.Source
	postings map[string]string // URL → title
	rejects  map[string]string // URL → part of the reason
	check    func(t *testing.T, got map[string]data.RawRecord, base string)
	// handler, when set, serves the case instead of testdata/board (and
	// the case is not run again over bundled://).
	handler http.Handler
}

// conformance holds every kind's cases, by kind name; each kind's test
// file registers its own with conformanceCase.
var conformance = map[string][]kindCase{}

func conformanceCase(kind string, c kindCase) bool {
	conformance[kind] = append(conformance[kind], c)
	return true
}

// TestEveryKindHasConformance fails for a registered kind that no
// conformance case covers: a new kind brings its case in its test file.
func TestEveryKindHasConformance(t *testing.T) {
	for _, k := range scrape.Kinds() {
		if len(conformance[k.Name]) == 0 {
			t.Errorf("kind %s has no conformance case: register one with conformanceCase in its test file", k.Name)
		}
	}
	for name := range conformance {
		if _, ok := scrape.LookupKind(name); !ok {
			t.Errorf("conformance case for kind %s, which is not registered", name)
		}
	}
}

// TestConformance runs every registered source kind's cases through the
// same checks, over HTTP and over the bundled:// scheme.
func TestConformance(t *testing.T) {
	files := http.FileServer(http.Dir("testdata/board"))
	abs, _ := os.Getwd()
	fileBase := "file://" + abs + "/testdata/listings.csv"
	var cases []kindCase
	for _, k := range scrape.Kinds() {
		cases = append(cases, conformance[k.Name]...)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			handler := http.Handler(files)
			if tc.handler != nil {
				handler = tc.handler
			}
			srv, hits := serve(t, handler)
			src := tc.src(srv.URL)
			cfg := testConfig(t)
			res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{src})
			if err != nil {
				t.Fatal(err)
			}
			base := srv.URL
			if src.Kind == scrape.KindFile {
				base = fileBase
			}
			full := func(u string) string {
				if strings.Contains(u, "://") {
					return u
				}
				return base + u
			}
			got := byURL(res.Records)
			for u, title := range tc.postings {
				if r, ok := got[full(u)]; !ok || r.Title != title || r.RejectReason != "" {
					t.Errorf("posting %s: %+v, want title %q", u, r, title)
				}
			}
			for u, reason := range tc.rejects {
				if r, ok := got[full(u)]; !ok || !strings.Contains(r.RejectReason, reason) {
					t.Errorf("reject %s: %q, want %q", u, r.RejectReason, reason)
				}
			}
			if len(res.Records) != len(tc.postings)+len(tc.rejects) {
				t.Errorf("%d records, want %d postings and %d rejects", len(res.Records), len(tc.postings), len(tc.rejects))
			}
			checkInvariants(t, src, res)
			if tc.check != nil {
				tc.check(t, got, base)
			}
			if len(src.StartURLs)+len(src.Sitemaps)+len(src.Feeds) == 0 {
				return
			}
			checkStoreAndRetries(t, tc, cfg, res, srv, hits, handler)
			if tc.handler != nil {
				return
			}
			bundled, err := (&scrape.Scraper{Config: testConfig(t), Bundled: os.DirFS("testdata")}).Run(t.Context(), []scrape.Source{tc.src("bundled://board")})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, src, bundled)
			if len(bundled.Records) != len(res.Records) {
				t.Fatalf("bundled: %d records, HTTP %d", len(bundled.Records), len(res.Records))
			}
			for i, b := range bundled.Records {
				l := res.Records[i]
				if strings.TrimPrefix(b.URL, "bundled://board") != strings.TrimPrefix(l.URL, srv.URL) || b.Title != l.Title || b.PageSHA256 != l.PageSHA256 {
					t.Errorf("bundled record %d: %s %q, HTTP %s %q", i, b.URL, b.Title, l.URL, l.Title)
				}
			}
		})
	}
}

// checkStoreAndRetries runs a crawled case three more times. Over the
// first run's page store, a second run asks the server nothing and an
// offline run needs no server, and both read the same records. On a fresh
// store against a server that fails every request once (503), the retries
// read the same records again.
func checkStoreAndRetries(t *testing.T, tc kindCase, cfg scrape.Config, first scrape.Result, srv *httptest.Server, hits *hitCounter, handler http.Handler) {
	t.Helper()
	base := srv.URL
	asked := hits.total()
	again, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{tc.src(base)})
	if err != nil {
		t.Fatal(err)
	}
	if n := hits.total() - asked; n != 0 || again.Stats[0].Fetched != 0 {
		t.Errorf("second run over the store asked the server %d times, stats %+v", n, again.Stats[0])
	}
	if d := sameRecords(first.Records, again.Records); d != "" {
		t.Errorf("second run over the store read other records: %s", d)
	}
	srv.Close() // offline: no network at all
	offline, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), []scrape.Source{tc.src(base)})
	if err != nil {
		t.Fatal(err)
	}
	if d := sameRecords(first.Records, offline.Records); d != "" {
		t.Errorf("offline re-read differs: %s", d)
	}

	flaky, _ := serve(t, &failOnce{next: handler})
	cfg = testConfig(t)
	retried, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{tc.src(flaky.URL)})
	if err != nil {
		t.Fatal(err)
	}
	if len(retried.Records) != len(first.Records) || retried.Stats[0].Retries == 0 {
		t.Fatalf("with every request failing once: %d records (want %d), stats %+v", len(retried.Records), len(first.Records), retried.Stats[0])
	}
	for i, r := range retried.Records {
		f := first.Records[i]
		if strings.TrimPrefix(r.URL, flaky.URL) != strings.TrimPrefix(f.URL, base) || r.Title != f.Title || r.RejectCode != f.RejectCode {
			t.Errorf("with retries, record %d: %s %q %q; first run %s %q %q", i, r.URL, r.Title, r.RejectCode, f.URL, f.Title, f.RejectCode)
		}
	}
}

// failOnce answers 503 to the first of each distinct request (method,
// URL and body; robots.txt aside), then hands them to next.
type failOnce struct {
	next http.Handler
	mu   sync.Mutex
	seen map[string]bool
}

func (f *failOnce) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	key := r.Method + " " + r.URL.RequestURI() + " " + string(body)
	f.mu.Lock()
	first := !f.seen[key] && r.URL.Path != "/robots.txt"
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	f.seen[key] = true
	f.mu.Unlock()
	if first {
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return
	}
	f.next.ServeHTTP(w, r)
}

// checkInvariants holds for every kind: records name their source and
// kind, postings name the page they came from, URLs are unique and in
// order, and the counts add up.
func checkInvariants(t *testing.T, src scrape.Source, res scrape.Result) {
	t.Helper()
	st := res.Stats[0]
	rejects := 0
	for i, r := range res.Records {
		if r.Source != src.Name || r.Kind != src.Kind {
			t.Errorf("record %s: source %q kind %q", r.URL, r.Source, r.Kind)
		}
		if (r.RejectReason != "") != (r.RejectCode != "") || (r.RejectCode != "" && !knownRejectCodes[r.RejectCode]) {
			t.Errorf("record %s: reject reason %q with code %q", r.URL, r.RejectReason, r.RejectCode)
		}
		if r.RejectReason != "" {
			rejects++
			continue
		}
		if sha, err := hex.DecodeString(r.PageSHA256); err != nil || len(sha) != 32 || r.Title == "" {
			t.Errorf("posting %s: page hash %q, title %q", r.URL, r.PageSHA256, r.Title)
		}
		if i > 0 && res.Records[i-1].URL >= r.URL {
			t.Errorf("records out of order or repeated at %s", r.URL)
		}
	}
	if st.Records != len(res.Records) || st.Rejects != rejects || !st.Done || st.Queued != 0 {
		t.Errorf("stats %+v for %d records, %d rejects", st, len(res.Records), rejects)
	}
	if !slices.IsSortedFunc(res.Records, func(a, b data.RawRecord) int { return strings.Compare(a.URL, b.URL) }) {
		t.Error("records not sorted by URL")
	}
}

// knownRejectCodes are the codes the scrape stage may set.
var knownRejectCodes = map[string]bool{
	data.RejectCodeNoJSONLD: true, data.RejectCodeBadJSON: true, data.RejectCodeBadXML: true, data.RejectCodeNotHTML: true,
	data.RejectCodeNoTitle: true, data.RejectCodeNoLinks: true, data.RejectCodeBadLink: true, data.RejectCodeBadRow: true,
	data.RejectCodeFile: true, data.RejectCodeTooLarge: true, data.RejectCodeRobots: true, data.RejectCodeOffSite: true,
	data.RejectCodeFetch: true, data.RejectCodeStore: true, data.RejectCodeLimit: true, data.RejectCodeGivenUp: true,
}
