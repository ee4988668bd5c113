package scrape_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// gzipped compresses b.
func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombBoard serves decompression bombs (16 MB of zeros, 16 KB gzipped)
// under every label a server might give them, and one honest gzipped
// posting.
type bombBoard struct {
	bomb, posting []byte
}

func (b *bombBoard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/robots.txt":
		http.NotFound(w, r)
	case "/jobs/":
		fmt.Fprint(w, `<a class="job-link" href="p/encoded.html">x</a><a class="job-link" href="p/x-gzip.html">x</a>`+
			`<a class="job-link" href="p/octet.html">x</a><a class="job-link" href="p/fine.html">x</a><a class="job-link" href="p/broken.html">x</a>`)
	case "/jobs/p/encoded.html":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.bomb)
	case "/jobs/p/x-gzip.html", "/sitemap.xml.gz":
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(b.bomb)
	case "/jobs/p/octet.html":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(b.bomb)
	case "/jobs/p/fine.html":
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(b.posting)
	case "/jobs/p/broken.html":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(b.posting[:len(b.posting)/2])
	default:
		http.NotFound(w, r)
	}
}

// TestMisbehavingGzip: a gzip bomb, however labelled, is a too_large
// reject decompressed no further than max_body_bytes, online and again
// offline from the store; an honest gzipped page is read.
func TestMisbehavingGzip(t *testing.T) {
	board := &bombBoard{bomb: gzipped(t, make([]byte, 16<<20)), posting: gzipped(t, fmt.Appendf(nil, postingPage, "fine"))}
	srv, _ := serve(t, board)
	cfg := testConfig(t)
	cfg.MaxBodyBytes = 1 << 20
	src := []scrape.Source{{Name: "bombs", Kind: scrape.KindJSONLD, StartURLs: []string{srv.URL + "/jobs/"}, Links: "a.job-link",
		Sitemaps: []string{srv.URL + "/sitemap.xml.gz"}}}
	for _, offline := range []bool{false, true} {
		res, err := (&scrape.Scraper{Config: cfg, Offline: offline}).Run(t.Context(), src)
		if err != nil {
			t.Fatal(err)
		}
		got := byURL(res.Records)
		if r := got[srv.URL+"/jobs/p/fine.html"]; r.Title != "fine" {
			t.Errorf("offline %v: the gzipped posting read as %+v", offline, r)
		}
		for _, path := range []string{"/jobs/p/encoded.html", "/jobs/p/x-gzip.html", "/jobs/p/octet.html", "/sitemap.xml.gz"} {
			if r := got[srv.URL+path]; r.RejectCode != data.RejectCodeTooLarge || !strings.Contains(r.RejectReason, "max_body_bytes") {
				t.Errorf("offline %v: %s: %s %q, want a too_large reject", offline, path, r.RejectCode, r.RejectReason)
			}
		}
		if r := got[srv.URL+"/jobs/p/broken.html"]; r.RejectCode != data.RejectCodeBadGzip {
			t.Errorf("offline %v: cut-off gzip: %s %q, want bad_gzip", offline, r.RejectCode, r.RejectReason)
		}
	}
}
