package scrape_test

import (
	"bytes"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// TestStoreDamage: a flipped byte in one stored body and four overwritten
// bytes in another record's head leave the rest of the store readable:
// offline, the first is a store_damaged reject and the second is missing;
// online, both are fetched again; every damaged page is counted, and
// CheckStore names them.
func TestStoreDamage(t *testing.T) {
	srv, hits := countingServer(t)
	cfg := testConfig(t)
	all := sources(srv.URL)
	src := []scrape.Source{all[0], all[2]} // one posting a page
	first, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	var postings []string
	for _, r := range first.Records {
		if r.RejectReason == "" {
			postings = append(postings, r.URL)
		}
	}
	if len(postings) < 3 {
		t.Fatalf("%d postings; the test needs three", len(postings))
	}
	flipped, headless := postings[0], postings[1]

	st, err := scrape.OpenStore(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.Lookup(flipped)
	_, body, err := st.Read(p)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	file := warcFiles(t, cfg.Store)[0]
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(raw, body)
	if at < 0 || bytes.Count(raw, body) != 1 {
		t.Fatalf("the body of %s is not stored once", flipped)
	}
	raw[at+len(body)/2] ^= 0x20
	head := bytes.Index(raw, []byte("WARC-Target-URI: "+headless+"\r\n"))
	length := head + bytes.Index(raw[head:], []byte("Content-Length: ")) + len("Content-Length: ")
	copy(raw[length:], "9x9x")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}

	check, err := scrape.CheckStore(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	if check.OK() || len(check.Damaged) != 1 || !strings.HasPrefix(check.Damaged[0], flipped+" (") || check.Unreadable != 1 {
		t.Errorf("CheckStore: %+v; want %s damaged and one record unreadable", check, flipped)
	}

	offline, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), src)
	if err != nil {
		t.Fatalf("offline over a damaged store: %v", err)
	}
	got := byURL(offline.Records)
	if r := got[flipped]; r.RejectCode != data.RejectCodeStoreDamaged {
		t.Errorf("offline, flipped body: %s %q, want a store_damaged reject", r.RejectCode, r.RejectReason)
	}
	if r := got[headless]; r.RejectCode != data.RejectCodeStore {
		t.Errorf("offline, damaged head: %s %q, want a store reject (not in the store)", r.RejectCode, r.RejectReason)
	}
	for _, u := range postings[2:] {
		if r := got[u]; r.RejectReason != "" {
			t.Errorf("offline, intact %s: %q", u, r.RejectReason)
		}
	}
	if s := offline.Stats[0].Damaged + offline.Stats[1].Damaged; s != 1 {
		t.Errorf("offline: Damaged = %d, want 1", s)
	}

	path := func(u string) string {
		parsed, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		return parsed.Path
	}
	before := map[string]int{}
	for _, u := range postings[:3] {
		before[u] = hits.of(path(u))
	}
	online, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if damaged, n, want := online.Stats[0].Damaged+online.Stats[1].Damaged, len(online.Records), len(first.Records); damaged != 1 || n != want {
		t.Errorf("online: %d damaged, %d records; want 1 and %d", damaged, n, want)
	}
	for u, want := range map[string]int{flipped: 1, headless: 1, postings[2]: 0} {
		if n := hits.of(path(u)) - before[u]; n != want {
			t.Errorf("online: %s fetched %d more times, want %d", u, n, want)
		}
	}
	again, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), src)
	if err != nil || again.Stats[0].Damaged+again.Stats[1].Damaged != 0 || sameRecords(again.Records, first.Records) != "" {
		t.Errorf("offline after the refetch: %+v, %v", again.Stats, err)
	}
}
