package scrape_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// TestFileSourceConfined: a saved listing page read through file:// may
// link anywhere on the machine; only regular files under the folder its
// start URL names are read, within the body cap, and nothing else is
// copied into the page store.
func TestFileSourceConfined(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site", "jobs")
	if err := os.MkdirAll(filepath.Join(site, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(dir, "secret.html")
	write(outside, fmt.Sprintf(postingPage, "s3cr3t"))
	write(filepath.Join(site, "p", "ok.html"), fmt.Sprintf(postingPage, "ok"))
	write(filepath.Join(site, "p", "big.html"), strings.Repeat("x", 2<<10))
	for link, target := range map[string]string{"escape.html": outside, "zero.html": "/dev/zero"} {
		if err := os.Symlink(target, filepath.Join(site, "p", link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(site, "p", "fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	hrefs := []string{"p/ok.html", "/etc/passwd", "../../../../../../../../../etc/hostname", "file:///proc/self/environ", "file:///dev/zero",
		"p/escape.html", "p/zero.html", "p/fifo.html", "p/big.html", "../../secret.html"}
	var links strings.Builder
	for _, h := range hrefs {
		fmt.Fprintf(&links, `<a class="job-link" href="%s">x</a>`, h)
	}
	write(filepath.Join(site, "index.html"), links.String())

	cfg := testConfig(t)
	cfg.MaxBodyBytes = 1 << 10
	start := "file://" + filepath.ToSlash(site) + "/index.html"
	src := []scrape.Source{{Name: "saved", Kind: scrape.KindJSONLD, StartURLs: []string{start}, Links: "a.job-link"}}
	began := time.Now()
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
	got := byURL(res.Records)
	at := func(p string) string { return "file://" + filepath.ToSlash(p) }
	if r := got[at(filepath.Join(site, "p", "ok.html"))]; r.Title != "ok" {
		t.Errorf("the page inside the folder read as %+v", r)
	}
	want := map[string]string{
		"file:///etc/passwd": data.RejectCodeOutsideRoot, "file:///etc/hostname": data.RejectCodeOutsideRoot,
		"file:///proc/self/environ": data.RejectCodeOutsideRoot, "file:///dev/zero": data.RejectCodeOutsideRoot,
		at(filepath.Join(site, "p", "escape.html")): data.RejectCodeOutsideRoot, at(filepath.Join(site, "p", "zero.html")): data.RejectCodeOutsideRoot,
		at(filepath.Join(site, "p", "fifo.html")): data.RejectCodeOutsideRoot, at(outside): data.RejectCodeOutsideRoot,
		at(filepath.Join(site, "p", "big.html")): data.RejectCodeTooLarge,
	}
	for u, code := range want {
		if r := got[u]; r.RejectCode != code || r.RejectReason == "" {
			t.Errorf("%s: %s %q, want a %s reject with a reason", u, r.RejectCode, r.RejectReason, code)
		}
	}
	if n := len(res.Records); n != 1+len(want) {
		t.Errorf("%d records, want %d", n, 1+len(want))
	}
	st, err := scrape.OpenStore(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, p := range st.Pages() {
		if !strings.HasPrefix(p.URL, "file://"+filepath.ToSlash(site)+"/") {
			t.Errorf("%s was copied into the page store", p.URL)
		}
		if _, body, err := st.Read(p); err == nil && strings.Contains(string(body), "s3cr3t") {
			t.Errorf("%s: the page store holds the secret", p.URL)
		}
	}
}

// TestFileTableNotRegular: a file source naming a fifo or a device is a
// reject at once, not a read that blocks or never ends.
func TestFileTableNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "rows.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), []scrape.Source{{Name: "f", Kind: scrape.KindFile, Path: path, Format: "csv"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Records) != 1 || !strings.Contains(res.Records[0].RejectReason, "not a regular file") {
			t.Errorf("%s: %+v", path, res.Records)
		}
	}
}
