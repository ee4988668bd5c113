package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyChecksPageStore: verify checks the page store a scrape used;
// a flipped byte in a stored body is a problem naming the page.
func TestVerifyChecksPageStore(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("scrape exited %d: %s", code, stderr)
	}
	code, stdout, _ := runCmd(t, "verify", "-c", config, out)
	if code != exitOK || !strings.Contains(stdout, "stored responses in 1 files match their digests") {
		t.Fatalf("verify of a fresh store: exit %d\n%s", code, stdout)
	}
	files, err := filepath.Glob(filepath.Join(filepath.Dir(config), "pages", "*.warc"))
	if err != nil || len(files) != 1 {
		t.Fatalf("store files %v, %v", files, err)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(raw, []byte("WARC-Type: response\r\n"))
	warcHead := at + bytes.Index(raw[at:], []byte("\r\n\r\n")) + 4
	body := warcHead + bytes.Index(raw[warcHead:], []byte("\r\n\r\n")) + 4
	raw[body+2] ^= 0x01
	if err := os.WriteFile(files[0], raw, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCmd(t, "verify", "-c", config, out)
	if code != exitFailed || !strings.Contains(stdout, "is damaged (body does not match its sha256)") {
		t.Errorf("verify of a damaged store: exit %d\n%s", code, stdout)
	}
}
