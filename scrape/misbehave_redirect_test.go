package scrape_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// TestMisbehavingRedirects: every redirect hop is checked as a link is:
// a hop to another port of the same machine (another origin) or to a
// path robots.txt disallows is not followed, and each hop is a request
// against max_pages, counted in the summary as the requests made.
func TestMisbehavingRedirects(t *testing.T) {
	other, otherHits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, postingPage, "elsewhere")
	}))
	srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case p == "/jobs/":
			fmt.Fprint(w, `<a class="job-link" href="p/ok.html">x</a><a class="job-link" href="p/to-other-port.html">x</a>`+
				`<a class="job-link" href="p/to-private.html">x</a>`)
		case p == "/jobs/p/to-other-port.html":
			http.Redirect(w, r, other.URL+"/jobs/p/taken.html", http.StatusFound)
		case p == "/jobs/p/to-private.html":
			http.Redirect(w, r, "/private/p/secret.html", http.StatusMovedPermanently)
		case p == "/jobs/p/ok.html", p == "/private/p/secret.html":
			fmt.Fprintf(w, postingPage, p)
		case strings.HasPrefix(p, "/chain/"):
			var hop int
			fmt.Sscanf(p, "/chain/%d", &hop)
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", hop+1), http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	cfg := testConfig(t)
	src := []scrape.Source{{Name: "board", Kind: scrape.KindJSONLD, StartURLs: []string{srv.URL + "/jobs/"}, Links: "a.job-link"},
		{Name: "chain", Kind: scrape.KindJSONLD, StartURLs: []string{srv.URL + "/chain/0"}, Links: "a", MaxPages: ptr(3)}}
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	got := byURL(res.Records)
	for path, code := range map[string]string{"/jobs/p/to-other-port.html": data.RejectCodeOffSite, "/jobs/p/to-private.html": data.RejectCodeRobots,
		"/chain/0": data.RejectCodeLimit} {
		if r := got[srv.URL+path]; r.RejectCode != code {
			t.Errorf("%s: %s %q, want a %s reject", path, r.RejectCode, r.RejectReason, code)
		}
	}
	if r := got[srv.URL+"/jobs/p/ok.html"]; r.Title == "" {
		t.Errorf("ok.html read as %+v", r)
	}
	if n := otherHits.total(); n != 0 {
		t.Errorf("the other origin was asked %d times", n)
	}
	if n := hits.of("/private/p/secret.html"); n != 0 {
		t.Errorf("a path robots.txt disallows was asked %d times through a redirect", n)
	}
	chained := 0
	for i := range 30 {
		chained += hits.of(fmt.Sprintf("/chain/%d", i))
	}
	if st := res.Stats[1]; chained != 3 || st.Fetched != chained {
		t.Errorf("max_pages 3: %d requests made down the redirect chain, summary says %d fetched", chained, st.Fetched)
	}
	if st := res.Stats[0]; st.Fetched != hits.total()-hits.of("/robots.txt")-hits.of("/chain/0")-hits.of("/chain/1")-hits.of("/chain/2") {
		t.Errorf("board: summary says %d fetched; the server saw %d requests for pages", st.Fetched, hits.total())
	}
}

// TestMisbehavingRobots: as RFC 9309 says, a robots.txt answering 5xx or
// not at all disallows the whole host; one answering 4xx allows it.
func TestMisbehavingRobots(t *testing.T) {
	cases := []struct {
		name   string
		robots http.HandlerFunc
		allow  bool
	}{
		{"503", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) }, false},
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) }, false},
		{"hang-up", func(w http.ResponseWriter, r *http.Request) {
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
		}, false},
		{"404", http.NotFound, true},
		{"403", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					tc.robots(w, r)
					return
				}
				if r.URL.Path == "/jobs/" {
					fmt.Fprint(w, `<a href="/p/1.html">x</a>`)
					return
				}
				fmt.Fprintf(w, postingPage, "open")
			}))
			cfg := testConfig(t)
			cfg.Retries = 0
			res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{{Name: "s", Kind: scrape.KindJSONLD, StartURLs: []string{srv.URL + "/jobs/"}, Links: "a"}})
			if err != nil {
				t.Fatal(err)
			}
			asked := hits.total() - hits.of("/robots.txt")
			r := res.Records[0]
			if tc.allow && (asked != 2 || r.Title != "open") {
				t.Errorf("robots.txt %s: page asked %d times, read as %q %q; want it allowed", tc.name, asked, r.RejectCode, r.RejectReason)
			}
			if !tc.allow && (asked != 0 || r.RejectCode != data.RejectCodeRobots || !strings.Contains(r.RejectReason, "RFC 9309")) {
				t.Errorf("robots.txt %s: page asked %d times, reject %q %q; want it disallowed", tc.name, asked, r.RejectCode, r.RejectReason)
			}
		})
	}
}
