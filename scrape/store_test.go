package scrape_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
)

func warcFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.warc"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no WARC files in %s (%v)", dir, err)
	}
	return files
}

// TestStoreIsWARC: the store holds standard WARC records with the URL,
// status, headers, fetch time and body of every response.
func TestStoreIsWARC(t *testing.T) {
	srv, _ := countingServer(t)
	cfg := testConfig(t)
	before := time.Now()
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), sources(srv.URL)[:1])
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(warcFiles(t, cfg.Store)[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\n")) {
		t.Errorf("store file starts %q", raw[:40])
	}
	for _, want := range []string{"WARC-Type: response\r\n", "WARC-Target-URI: " + srv.URL + "/jobs/p/1.html\r\n",
		"Content-Type: application/http;msgtype=response\r\n", "HTTP/1.1 404 Not Found\r\n", "WARC-Payload-Digest: sha256:"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("store lacks %q", want)
		}
	}

	st, err := scrape.OpenStore(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, ok := st.Lookup(srv.URL + "/jobs/p/1.html")
	if !ok || p.Status != 200 || p.Fetched.Before(before.Add(-time.Second)) {
		t.Fatalf("stored p/1: %+v, %v", p, ok)
	}
	header, body, err := st.Read(p)
	if err != nil {
		t.Fatal(err)
	}
	file, _ := os.ReadFile("testdata/board/jobs/p/1.html")
	if !bytes.Equal(body, file) || !strings.HasPrefix(header.Get("Content-Type"), "text/html") {
		t.Errorf("stored body differs from the page, or header lost: %q", header)
	}
	if got := byURL(res.Records)[p.URL].PageSHA256; got != p.SHA256 {
		t.Errorf("record names page %s, store %s", got, p.SHA256)
	}
	// robots.txt, index.html (which the file server redirects to /jobs/),
	// /jobs/, page-2, three postings, one 404: every hop is kept.
	if n := st.Len(); n != 8 {
		t.Errorf("%d URLs stored, want 8", n)
	}
}

// TestStoreSkipsTornRecord: a record cut short by a crash is ignored
// when the store is opened; everything before it is kept.
func TestStoreSkipsTornRecord(t *testing.T) {
	srv, _ := countingServer(t)
	cfg := testConfig(t)
	if _, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), sources(srv.URL)); err != nil {
		t.Fatal(err)
	}
	st, err := scrape.OpenStore(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	want := st.Len()
	st.Close()
	name := warcFiles(t, cfg.Store)[0]
	for _, torn := range []string{
		"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n",
		"WARC/1.1\r\nWARC-Type: resp",
		"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: 2\r\n\r\nab\r\n",
	} {
		f, _ := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString(torn)
		f.Close()
		st, err := scrape.OpenStore(cfg.Store)
		if err != nil {
			t.Fatalf("after a torn record %q: %v", torn, err)
		}
		if st.Len() != want {
			t.Errorf("after a torn record %q: %d URLs, want %d", torn, st.Len(), want)
		}
		st.Close()
		// Later runs write new files, never after the torn record.
		os.Truncate(name, fileSize(t, name)-int64(len(torn)))
	}
	os.WriteFile(filepath.Join(cfg.Store, "0-garbage.warc"), []byte("not a warc\r\n"), 0o644)
	if _, err := scrape.OpenStore(cfg.Store); err == nil || !strings.Contains(err.Error(), "0-garbage.warc") {
		t.Errorf("a file that is not WARC opened with %v", err)
	}
}

func fileSize(t *testing.T, name string) int64 {
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestStoreOversizeAndAge: an over-size page is remembered, so a rerun
// with the same cap does not ask for it again, and one with a larger cap
// does; max_age makes old pages fetched again.
func TestStoreOversizeAndAge(t *testing.T) {
	big := strings.Repeat("x", 3000)
	srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/big":
			fmt.Fprintf(w, `[{"id":"b","text":"Big %s"}]`, big)
		default:
			fmt.Fprint(w, `[{"id":"s","text":"Small"}]`)
		}
	}))
	src := []scrape.Source{{Name: "l", Kind: scrape.KindLever, StartURLs: []string{srv.URL + "/big", srv.URL + "/small"}}}
	cfg := testConfig(t)
	cfg.MaxBodyBytes = 1000
	for i := range 2 {
		res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
		if err != nil {
			t.Fatal(err)
		}
		if r := byURL(res.Records)[srv.URL+"/big"]; !strings.Contains(r.RejectReason, "larger than max_body_bytes (1000 bytes)") {
			t.Errorf("run %d: big page: %q", i, r.RejectReason)
		}
	}
	if n := hits.of("/big"); n != 1 {
		t.Errorf("over-size page asked for %d times with the same cap, want 1", n)
	}
	cfg.MaxBodyBytes = 10000
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if r := byURL(res.Records)[srv.URL+"/big"]; hits.of("/big") != 2 || len(res.Records) != 2 || res.Stats[0].Rejects != 0 {
		t.Errorf("with a larger cap: %d requests, records %+v %+v", hits.of("/big"), r, res.Stats[0])
	}
	if n := hits.of("/small"); n != 1 {
		t.Errorf("small page asked for %d times, want 1", n)
	}
	time.Sleep(20 * time.Millisecond)
	cfg.MaxAge = 10 * time.Millisecond
	if _, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src); err != nil {
		t.Fatal(err)
	}
	if n := hits.of("/small"); n != 2 {
		t.Errorf("page older than max_age asked for %d times in all, want 2", n)
	}
}

// TestStoreFailureStopsRun: a page that cannot be stored must not be
// read, so the run stops with the store's error.
func TestStoreFailureStopsRun(t *testing.T) {
	cfg := testConfig(t)
	board := http.FileServer(http.Dir("testdata/board"))
	srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		os.RemoveAll(cfg.Store) // the disk is gone before the first page is stored
		board.ServeHTTP(w, r)
	}))
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), sources(srv.URL))
	if err == nil || !strings.Contains(err.Error(), "page store: store: open ") {
		t.Fatalf("Run error = %v, want the store's", err)
	}
	if hits.total() > 10 {
		t.Errorf("%d requests made after the store broke", hits.total())
	}
	for _, r := range res.Records {
		if r.RejectReason == "" {
			t.Errorf("%s read though it could not be stored", r.URL)
		}
	}
}
