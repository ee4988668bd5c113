//go:build live

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// TestLiveExamples runs the scrape of every config in examples/live
// against the real boards: each must answer (validate --online), and
// each source must give postings. It needs the network and is never run
// in CI: go test -tags live -run TestLiveExamples ./cmd/jobmarket
func TestLiveExamples(t *testing.T) {
	dir, err := filepath.Abs("../../examples/live")
	if err != nil {
		t.Fatal(err)
	}
	configs, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(configs) == 0 {
		t.Fatalf("no live configs: %v", err)
	}
	t.Chdir(t.TempDir()) // the page store and outputs go there
	for _, config := range configs {
		t.Run(filepath.Base(config), func(t *testing.T) {
			if code, _, stderr := runCmd(t, "validate", "--online", "-c", config); code != exitOK {
				t.Fatalf("validate --online: exit %d: %s", code, stderr)
			}
			out := t.TempDir()
			code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out)
			if code != exitOK {
				t.Fatalf("scrape: exit %d (3: a source gave nothing): %s", code, stderr)
			}
			f, err := os.Open(filepath.Join(out, RawFile))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := data.ReadRawIPC(f, memory.DefaultAllocator)
			if err != nil {
				t.Fatal(err)
			}
			postings := 0
			for _, r := range recs {
				if r.RejectReason == "" {
					postings++
				}
			}
			t.Logf("%d records, %d postings", len(recs), postings)
			if postings == 0 {
				t.Error("no postings")
			}
		})
	}
}
