package scrape_test

import (
	"encoding/hex"
	"net/http"
	"os"
	"slices"
	"strings"
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
	board, _ := countingServer(t)
	abs, _ := os.Getwd()
	fileBase := "file://" + abs + "/testdata/listings.csv"
	var cases []kindCase
	for _, k := range scrape.Kinds() {
		cases = append(cases, conformance[k.Name]...)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := board
			if tc.handler != nil {
				srv, _ = serve(t, tc.handler)
			}
			src := tc.src(srv.URL)
			res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), []scrape.Source{src})
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
			if len(src.StartURLs)+len(src.Sitemaps)+len(src.Feeds) == 0 || tc.handler != nil {
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
