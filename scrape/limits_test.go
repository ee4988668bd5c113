package scrape_test

import (
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

func TestCrawlLimits(t *testing.T) {
	board := scrapetest.Board{Postings: 100, PerPage: 10}
	tests := []struct {
		name               string
		maxPages, maxDepth int // per source; 0: not set
		cfgPages           int // scrape-wide; 0: the default
		requests           int
		reason             string
	}{
		{name: "max_pages", maxPages: 15, requests: 15, reason: "max_pages (15) reached: this link and"},
		{name: "scrape-wide max_pages", cfgPages: 12, requests: 12, reason: "max_pages (12) reached"},
		// Depth 0 is /jobs/, 1 its postings and page 2, 2 page 2's postings.
		{name: "max_depth", maxDepth: 1, requests: 12, reason: "max_depth (1) reached: this link and"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, hits := serve(t, board)
			cfg := testConfig(t)
			if tc.cfgPages > 0 {
				cfg.MaxPages = tc.cfgPages
			}
			src := board.Source("b", srv.URL)
			if tc.maxPages > 0 {
				src.MaxPages = &tc.maxPages
			}
			if tc.maxDepth > 0 {
				src.MaxDepth = &tc.maxDepth
			}
			res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{src})
			if err != nil {
				t.Fatal(err)
			}
			if n := hits.total() - hits.of("/robots.txt"); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			st := res.Stats[0]
			limits := 0
			for _, r := range res.Records {
				if strings.HasPrefix(r.RejectReason, tc.reason) {
					limits++
				}
			}
			if limits != 1 || st.Skipped == 0 || st.Responses != tc.requests {
				t.Errorf("%d limit rejects (want 1), stats %+v", limits, st)
			}
		})
	}
}
