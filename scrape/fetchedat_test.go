package scrape_test

import (
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
)

// TestFetchedAt: every record of a page fetched over HTTP carries when it
// was fetched, to read "3 days ago" by; a run served from the page store
// and an offline re-read carry the first fetch's time, not their own.
func TestFetchedAt(t *testing.T) {
	srv, _ := countingServer(t)
	cfg := testConfig(t)
	src := sources(srv.URL)[:1]
	before := time.Now().UTC().Truncate(time.Second)
	first, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now().UTC()
	time.Sleep(1100 * time.Millisecond) // a refetch would show a later second
	again, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	offline, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Records) == 0 {
		t.Fatal("no records")
	}
	stored, replayed := byURL(again.Records), byURL(offline.Records)
	for _, r := range first.Records {
		if r.RejectReason != "" {
			continue
		}
		at, err := time.Parse(time.RFC3339, r.FetchedAt)
		if err != nil || at.Before(before) || at.After(after) {
			t.Errorf("%s: fetched_at %q, want RFC 3339 between %s and %s", r.URL, r.FetchedAt, before, after)
		}
		if got := stored[r.URL].FetchedAt; got != r.FetchedAt {
			t.Errorf("%s: served from the store with fetched_at %q, want the first fetch's %q", r.URL, got, r.FetchedAt)
		}
		if got := replayed[r.URL].FetchedAt; got != r.FetchedAt {
			t.Errorf("%s: re-read offline with fetched_at %q, want %q", r.URL, got, r.FetchedAt)
		}
	}
}
