package data_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func writeTree(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, name := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestReplaceDir(t *testing.T) {
	parent := t.TempDir()
	dir, tmp := filepath.Join(parent, "slides"), filepath.Join(parent, ".tmp-slides-1")
	writeTree(t, dir, "old.png", "both.png")
	writeTree(t, tmp, "new.png", "both.png")
	if err := data.ReplaceDir(tmp, dir); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); len(got) != 2 || got[0] != "both.png" || got[1] != "new.png" {
		t.Errorf("slides holds %q, want the new files only", got)
	}
	if got := names(t, parent); len(got) != 1 {
		t.Errorf("the parent holds %q, want slides alone", got)
	}
}

// TestRecoverDirAfterKill: a kill between ReplaceDir's two renames leaves
// the old folder set aside and none in its place; RecoverDir (and the
// next ReplaceDir) puts it back whole.
func TestRecoverDirAfterKill(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "listings")
	writeTree(t, filepath.Join(parent, ".old-listings"), "quarter=2026Q1/region=EU/part-0.parquet")
	if err := data.RecoverDir(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "quarter=2026Q1/region=EU/part-0.parquet")); err != nil {
		t.Errorf("the old dataset is not back: %v", err)
	}
	// Killed after the new folder took its place: the old one goes.
	writeTree(t, filepath.Join(parent, ".old-listings"), "stale")
	if err := data.RecoverDir(dir); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); len(got) != 1 || got[0] != "listings" {
		t.Errorf("the parent holds %q, want listings alone", got)
	}
}
