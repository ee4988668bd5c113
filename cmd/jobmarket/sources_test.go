package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/scrape"
)

func TestSourcesAndClean(t *testing.T) {
	config, out := demoConfig(t)
	store := filepath.Join(filepath.Dir(config), "pages")
	code, stdout, stderr := runCmd(t, "sources", "-c", config)
	if code != exitOK {
		t.Fatalf("sources before a scrape: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "page store "+store+": empty") {
		t.Errorf("sources before a scrape:\n%s", stdout)
	}
	if code, _, stderr := runCmd(t, "scrape", "-q", "-c", config, "-o", out, "--only-source", "lever"); code != exitOK {
		t.Fatalf("scrape: exit %d: %s", code, stderr)
	}
	s, err := scrape.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	pages := s.Len()
	s.Close()
	code, stdout, stderr = runCmd(t, "sources", "-c", config)
	if code != exitOK {
		t.Fatalf("sources: exit %d: %s", code, stderr)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(stdout, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			rows[f[0]] = f
		}
	}
	if lever := rows["lever"]; len(lever) < 4 || lever[1] != "lever" || lever[3] != strconv.Itoa(pages) {
		t.Errorf("lever row = %q, want kind lever and %d stored pages\n%s", lever, pages, stdout)
	}
	if cloud := rows["cloudjobs"]; len(cloud) < 4 || cloud[3] != "—" {
		t.Errorf("cloudjobs row = %q, want no stored pages\n%s", cloud, stdout)
	}

	code, stdout, _ = runCmd(t, "clean", "-c", config)
	if code != exitOK || !strings.Contains(stdout, "nothing removed: give --yes") {
		t.Fatalf("clean without --yes: exit %d: %s", code, stdout)
	}
	if names, _, _ := storeFiles(store); len(names) == 0 {
		t.Fatal("clean without --yes removed the store")
	}
	code, stdout, _ = runCmd(t, "clean", "-c", config, "--yes")
	if code != exitOK || !strings.Contains(stdout, "removed 1 files") {
		t.Fatalf("clean --yes: exit %d: %s", code, stdout)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Errorf("the store folder is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, RawFile)); err != nil {
		t.Errorf("clean touched the output folder: %v", err)
	}
}

func TestCleanKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "pages")
	for name, body := range map[string]string{"a.warc": "WARC/1.1\r\n", "notes.txt": "mine"} {
		if err := os.MkdirAll(store, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(store, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(dir, "pipeline.yaml")
	if err := os.WriteFile(config, []byte("sources:\n  - {name: mine, kind: file, path: mine.csv}\nscrape:\n  store: "+store+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCmd(t, "clean", "-c", config, "--yes"); code != exitOK || !strings.Contains(stdout, "10 B") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(store, "notes.txt")); err != nil {
		t.Errorf("clean removed a file the store did not write: %v", err)
	}
	if _, err := os.Stat(filepath.Join(store, "a.warc")); !os.IsNotExist(err) {
		t.Errorf("a.warc is still there: %v", err)
	}
}

func TestOwnerOfPages(t *testing.T) {
	srcs := []scrape.Source{
		{Name: "a", StartURLs: []string{"https://boards-api.greenhouse.io/v1/boards/alpha/jobs?content=true"}},
		{Name: "b", StartURLs: []string{"https://boards-api.greenhouse.io/v1/boards/beta/jobs?content=true"}},
		{Name: "c", Feeds: []string{"https://example.com/jobs/feed/"}},
	}
	tests := []struct {
		page string
		want int
	}{
		{"https://boards-api.greenhouse.io/v1/boards/beta/jobs/123", 1},
		{"https://boards-api.greenhouse.io/v1/boards/alpha/jobs?content=true", 0},
		{"https://example.com/jobs/42/", 2},
		{"https://elsewhere.org/jobs/1", -1},
	}
	for _, tc := range tests {
		if got := ownerOf(srcs, tc.page); got != tc.want {
			t.Errorf("ownerOf(%s) = %d, want %d", tc.page, got, tc.want)
		}
	}
}

func TestSourcesMaskSecrets(t *testing.T) {
	t.Setenv("JOBMARKET_TEST_BOARD_KEY", "s3cr3t-value")
	config := writeConfig(t, `sources:
  - name: keyed
    kind: greenhouse
    start_urls: ["https://boards-api.greenhouse.io/v1/boards/${JOBMARKET_TEST_BOARD_KEY}/jobs"]
  - name: param
    kind: lever
    start_urls: ["https://api.lever.co/v0/postings/acme?mode=json&api_key=abc123"]
`)
	code, stdout, stderr := runCmd(t, "sources", "-c", config)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, secret := range []string{"s3cr3t-value", "abc123"} {
		if strings.Contains(stdout, secret) {
			t.Errorf("sources shows %s:\n%s", secret, stdout)
		}
	}
	if !strings.Contains(stdout, "${JOBMARKET_TEST_BOARD_KEY}") || !strings.Contains(stdout, "api_key=%2A%2A%2A") {
		t.Errorf("sources does not show the URLs as written and masked:\n%s", stdout)
	}
}
