package scrape_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// TestPostRequests follows the path a kind whose API lists by POST takes
// (the testpost kind): the first run POSTs and stores every page, a
// second run serves them from the store, an offline re-read needs no
// server at all, robots.txt blocks a POST, and max_pages counts POSTs.
func TestPostRequests(t *testing.T) {
	srv, hits := serve(t, postAPI{})
	cfg := testConfig(t)
	src := []scrape.Source{{Name: "p", Kind: "testpost", StartURLs: []string{srv.URL + "/wday/cxs/acme/ext/jobs"}}}
	want := "Cloud Engineer|Python Developer|OpenStack Operator" // by URL: /job/1, /job/2, /job/3
	titles := func(res scrape.Result) []string {
		var out []string
		for _, r := range res.Records {
			out = append(out, r.Title)
		}
		return out
	}

	first, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(first), "|"); got != want {
		t.Fatalf("first run: %q, want %q", got, want)
	}
	if n, st := hits.of("/wday/cxs/acme/ext/jobs"), first.Stats[0]; n != 2 || st.Fetched != 2 {
		t.Fatalf("first run: %d POSTs, stats %+v; want 2 (offsets 0 and 2)", n, st)
	}

	store, err := scrape.OpenStore(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	u := srv.URL + "/wday/cxs/acme/ext/jobs"
	p, ok := store.Lookup(scrape.RequestKey(http.MethodPost, u, []byte(`{"limit":2,"offset":2}`)))
	_, asGet := store.Lookup(u)
	store.Close()
	if !ok || p.Method != http.MethodPost || p.Status != http.StatusOK || asGet {
		t.Fatalf("stored POST: %+v, %v; stored as a GET too: %v", p, ok, asGet)
	}

	again, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if n, st := hits.of("/wday/cxs/acme/ext/jobs"), again.Stats[0]; n != 2 || st.FromStore != 2 || sameRecords(first.Records, again.Records) != "" {
		t.Errorf("second run: %d POSTs in all, stats %+v; want both pages from the store", n, st)
	}

	srv.Close() // nothing left to ask
	offline, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameRecords(first.Records, offline.Records); d != "" || offline.Stats[0].FromStore != 2 {
		t.Errorf("offline re-read differs (%s): %+v", d, offline.Stats[0])
	}
}

func TestPostRobotsAndLimits(t *testing.T) {
	srv, hits := serve(t, postAPI{})
	blocked, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(),
		[]scrape.Source{{Name: "p", Kind: "testpost", StartURLs: []string{srv.URL + "/blocked/jobs"}}})
	if err != nil {
		t.Fatal(err)
	}
	if n := hits.of("/blocked/jobs"); n != 0 || len(blocked.Records) != 1 || blocked.Records[0].RejectCode != data.RejectCodeRobots ||
		blocked.Stats[0].RobotsBlocked != 1 {
		t.Errorf("robots.txt: %d POSTs made, records %+v", n, blocked.Records)
	}

	one := 1
	limited, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(),
		[]scrape.Source{{Name: "p", Kind: "testpost", StartURLs: []string{srv.URL + "/wday/cxs/acme/ext/jobs"}, MaxPages: &one}})
	if err != nil {
		t.Fatal(err)
	}
	limits := 0
	for _, r := range limited.Records {
		if r.RejectCode == data.RejectCodeLimit && strings.HasPrefix(r.RejectReason, "max_pages (1) reached") {
			limits++
		}
	}
	if n := hits.of("/wday/cxs/acme/ext/jobs"); n != 1 || limits != 1 || limited.Stats[0].Postings() != 2 {
		t.Errorf("max_pages 1: %d POSTs, %d limit rejects, records %+v", n, limits, limited.Records)
	}
}
