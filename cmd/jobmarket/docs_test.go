package main

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the defaults block of docs/config.md from DefaultPipeline")

const (
	configDoc     = "../../docs/config.md"
	defaultsBegin = "<!-- defaults: begin; written by `go test ./cmd/jobmarket -run TestConfigDocDefaults -update-docs` -->\n```yaml\n"
	defaultsEnd   = "```\n<!-- defaults: end -->"
)

// TestConfigDocDefaults keeps the defaults docs/config.md shows equal to
// the ones the program uses: the block is the resolved config of a file
// that sets nothing, as `jobmarket config` prints it.
func TestConfigDocDefaults(t *testing.T) {
	want, err := DefaultPipeline().recorded()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(configDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	begin := strings.Index(doc, defaultsBegin)
	end := strings.Index(doc, defaultsEnd)
	if begin < 0 || end < begin {
		t.Fatalf("%s has no defaults block (%q ... %q)", configDoc, defaultsBegin, defaultsEnd)
	}
	got := doc[begin+len(defaultsBegin) : end]
	if got == want {
		return
	}
	if *updateDocs {
		doc = doc[:begin+len(defaultsBegin)] + want + doc[end:]
		if err := os.WriteFile(configDoc, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the defaults in %s are not the program's; rerun with -update-docs and review the diff.\nprogram:\n%s", configDoc, want)
}
