package scrape_test

import (
	"encoding/hex"
	"math"
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
}

var kindCases = []kindCase{
	{
		name: "jsonld listing pages",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindJSONLD, StartURLs: []string{base + "/jobs/index.html"}, Links: "a.job-link", Next: "a[rel=next]"}
		},
		postings: map[string]string{"/jobs/p/1.html": "Senior OpenStack Engineer, R&D", "/jobs/p/2.html": "Python Developer"},
		rejects:  map[string]string{"/jobs/p/3.html": "broken JSON-LD", "/jobs/p/4.html": "HTTP 404", "/admin/p/secret.html": "robots.txt"},
	},
	{
		name: "jsonld sitemap",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindJSONLD, Sitemaps: []string{base + "/sitemap.xml"}, Match: `/p/\d+\.html$`}
		},
		postings: map[string]string{"/jobs/p/1.html": "Senior OpenStack Engineer, R&D", "/jobs/p/2.html": "Python Developer"},
		rejects:  map[string]string{"https://elsewhere.example/jobs/p/9.html": "leaves the source's domains"},
	},
	{
		name: "lever",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindLever, StartURLs: []string{base + "/v0/postings/acme-cloud?mode=json", base + "/v0/postings/broken?mode=json"}}
		},
		postings: map[string]string{"https://jobs.lever.example/acme-cloud/a1": "OpenStack Operator", "https://jobs.lever.example/acme-cloud/a2": "Python Engineer"},
		rejects:  map[string]string{"/v0/postings/broken?mode=json": "not a postings array"},
	},
	{
		name: "greenhouse",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindGreenhouse, StartURLs: []string{
				base + "/v1/boards/northwind-cloud/jobs?content=true", base + "/v1/boards/empty-board/jobs?content=true"}}
		},
		postings: map[string]string{
			"https://boards.greenhouse.example/northwind-cloud/jobs/4012001": "OpenStack Cloud Engineer",
			"https://boards.greenhouse.example/northwind-cloud/jobs/4012002": "Python Developer",
			"https://boards.greenhouse.example/northwind-cloud/jobs/4012003": "Site Reliability Engineer",
		},
		rejects: map[string]string{
			"https://boards.greenhouse.example/northwind-cloud/jobs/4012004": "greenhouse job 4 (id 4012004) has no title",
			"/v1/boards/empty-board/jobs?content=true":                       `not a job board: no "jobs" array`,
		},
		check: func(t *testing.T, got map[string]data.RawRecord, _ string) {
			j1 := got["https://boards.greenhouse.example/northwind-cloud/jobs/4012001"]
			if j1.Company != "Northwind Cloud" || j1.Location != "Boston, MA" || j1.PostedDate != "2026-07-30T09:00:00-04:00" ||
				j1.Description != "Run Nova and Neutron at scale. The base salary range for this role is $150,000 - $180,000 per year." {
				t.Errorf("greenhouse job 1: %+v", j1)
			}
			j2 := got["https://boards.greenhouse.example/northwind-cloud/jobs/4012002"]
			if j2.Company != "Northwind Cloud" || j2.PayText != "CA$110,000 – CA$130,000" || j2.Description != "Django & Celery." || j2.PostedDate != "2026-08-01T08:00:00Z" {
				t.Errorf("greenhouse job 2: %+v", j2)
			}
			j3 := got["https://boards.greenhouse.example/northwind-cloud/jobs/4012003"]
			if j3.PayMin != 90000 || j3.PayMax != 110000 || j3.PayCurrency != "EUR" || j3.PaySource != data.PaySourceEmployer {
				t.Errorf("greenhouse job 3: %+v", j3)
			}
		},
	},
	{
		name: "html listing pages",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindHTML, StartURLs: []string{base + "/py/index.html"}, Links: ".list-recent-jobs h2 a", Fields: pyFields}
		},
		postings: map[string]string{"/py/7/": "Python Engineer"},
	},
	{
		name: "html feed",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindHTML, Feeds: []string{base + "/py/feed.rss"}, Fields: pyFields}
		},
		postings: map[string]string{"/py/7/": "Python Engineer"},
		rejects:  map[string]string{"/py/8/": "HTTP 404"},
	},
	{
		name: "file",
		src: func(string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindFile, Path: "testdata/listings.csv", Columns: map[string]string{
				"title": "Job Title", "company": "Employer", "location": "City", "country": "Country", "pay_min": "Salary Min",
				"pay_max": "Salary Max", "pay_currency": "Currency", "pay_period": "Per", "posted_date": "Posted", "url": "Link"}}
		},
		postings: map[string]string{"https://example.org/jobs/1": "OpenStack Engineer", "https://example.org/jobs/2": "Python Developer",
			"https://example.org/jobs/3": "Senior Python Engineer", "#row=6": "Cloud Engineer (OpenStack)"},
		rejects: map[string]string{"https://example.org/jobs/4": "row 5 (line 6): no title"},
		check: func(t *testing.T, got map[string]data.RawRecord, _ string) {
			r1 := got["https://example.org/jobs/1"]
			if r1.Company != "Northwind Cloud" || r1.PayMin != 60000 || r1.PayMax != 75000 || r1.PayCurrency != "EUR" ||
				r1.PayPeriod != "YEAR" || r1.PostedDate != "2026-07-14" || r1.Country != "DE" || r1.PaySource != data.PaySourceEmployer {
				t.Errorf("file row 2: %+v", r1)
			}
			if r3 := got["https://example.org/jobs/3"]; !math.IsNaN(r3.PayMin) || r3.PaySource != "" {
				t.Errorf("file row without pay: %+v", r3)
			}
		},
	},
}

// TestConformance runs every source kind through the same checks, over
// HTTP and over the bundled:// scheme.
func TestConformance(t *testing.T) {
	srv, _ := countingServer(t)
	abs, _ := os.Getwd()
	fileBase := "file://" + abs + "/testdata/listings.csv"
	for _, tc := range kindCases {
		t.Run(tc.name, func(t *testing.T) {
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
			if len(src.StartURLs)+len(src.Sitemaps)+len(src.Feeds) == 0 {
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
