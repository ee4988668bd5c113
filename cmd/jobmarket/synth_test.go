package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// TestSynthRunsEveryStage: `jobmarket synth` writes a table and a config
// on which `jobmarket run` goes through every stage, scrape included, and
// every output says the data are synthetic.
func TestSynthRunsEveryStage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synth")
	code, stdout, stderr := runCmd(t, "synth", "-n", "3000", "-o", dir, "--seed", "3")
	if code != exitOK || !strings.Contains(stdout, "wrote 3000 synthetic records") {
		t.Fatalf("synth exited %d: %s%s", code, stdout, stderr)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, SynthConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(cfg), "# SYNTHETIC") || !strings.Contains(string(cfg), "synthetic: true") {
		t.Errorf("config does not say it is synthetic:\n%.300s", cfg)
	}
	code, stdout, stderr = runCmd(t, "run", "-q", "-c", filepath.Join(dir, SynthConfigFile))
	if code != exitOK || !strings.Contains(stdout, "SYNTHETIC") || !strings.Contains(stdout, "All regions") {
		t.Fatalf("run on the synthetic input exited %d: %s%s", code, stdout, stderr)
	}
	m, err := readManifest(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Synthetic || m.Stages["scrape"].Counts["records"] != 3000 {
		t.Errorf("manifest: synthetic %v, %d records; want true and 3000", m.Synthetic, m.Stages["scrape"].Counts["records"])
	}
	if code, _, _ := runCmd(t, "synth", "-n", "-5"); code != exitUsage {
		t.Errorf("synth -n -5 exited %d, want %d", code, exitUsage)
	}
}

// TestPageSetCountsAFileOnce: the rows of a file source are one page
// however many URLs they carry, so the set does not grow with the table.
func TestPageSetCountsAFileOnce(t *testing.T) {
	p := newPageSet()
	for _, u := range []string{"https://a.example/1", "https://a.example/2", "file:///t.parquet#row=3"} {
		p.add(&data.RawRecord{Kind: scrape.KindFile, URL: u, PageSHA256: "abc"})
	}
	p.add(&data.RawRecord{Kind: scrape.KindJSONLD, URL: "https://b.example/1", PageSHA256: "def"})
	p.add(&data.RawRecord{Kind: scrape.KindJSONLD, URL: "https://b.example/1", PageSHA256: "def"})
	if len(p) != 2 {
		t.Errorf("pages = %v, want the file once and the crawled page once", p)
	}
	if d := p.digest("store"); !strings.HasPrefix(d.Path, "pages (2 stored") {
		t.Errorf("digest path %q", d.Path)
	}
}
