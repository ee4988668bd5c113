package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// TestTransformWiring checks what `jobmarket transform` wires around
// transform.Run (whose batching, merging and files the transform package
// tests): the manifest's counts and inputs, --only-source, and --input. For
// --input it splits one scrape's raw.arrow the way two workers sharing a
// queue split a crawl (each keeps its share in scrape order; a reject both
// met is in both): the merge gives byte for byte the tables of the single
// scrape only if the command hands Run the sources in config order and
// scrape's record order.
func TestTransformWiring(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "scrape", "-q", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("scrape exited %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "transform", "-q", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("transform exited %d: %s", code, stderr)
	}
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	st := m.Stages["transform"]
	if len(st.Inputs) != 1 || st.Inputs[0].Path != RawFile || st.Counts["records"] == 0 ||
		st.Counts["listings"]+st.Counts["rejects"] != st.Counts["records"] || st.Counts["lever.listings"] == 0 {
		t.Errorf("transform recorded inputs %+v and counts %v", st.Inputs, st.Counts)
	}
	if len(st.Outputs) != 3 {
		t.Errorf("transform recorded outputs %+v, want listings.arrow, listings.parquet, rejects.csv", st.Outputs)
	}
	f, err := os.Open(filepath.Join(out, RawFile))
	if err != nil {
		t.Fatal(err)
	}
	records, err := data.ReadRawIPC(f, memory.DefaultAllocator)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	workers := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	shares := make([][]data.RawRecord, 2)
	shared := 0
	for i, r := range records {
		shares[i%3%2] = append(shares[i%3%2], r)
		if r.RejectReason != "" && shared < 5 {
			shares[1-i%3%2] = append(shares[1-i%3%2], r)
			shared++
		}
	}
	if shared == 0 {
		t.Fatal("the demo scrape has no rejects to share between workers")
	}
	for w, recs := range shares {
		if err := os.MkdirAll(workers[w], 0o755); err != nil {
			t.Fatal(err)
		}
		err := data.WriteFileAtomic(filepath.Join(workers[w], RawFile), func(f *os.File) error {
			return data.WriteRawIPC(f, memory.DefaultAllocator, recs)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := runCmd(t, "transform", "-q", "-c", config, "-o", merged, "--input", workers[0], "--input", workers[1]); code != exitOK {
		t.Fatalf("transform --input exited %d: %s", code, stderr)
	}
	for _, name := range []string{ListingsArrowFile, ListingsParquetFile, RejectsFile} {
		single, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(merged, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(single, got) {
			t.Errorf("%s of the merged workers differs from the single scrape's", name)
		}
	}

	if m, err := readManifest(merged); err != nil {
		t.Error(err)
	} else if in := m.Stages["transform"].Inputs; len(in) != 2 || in[0].Path != filepath.Join(workers[0], RawFile) {
		t.Errorf("transform --input recorded inputs %+v, want both workers' raw.arrow", in)
	}

	only := filepath.Join(dir, "only")
	if code, _, stderr := runCmd(t, "transform", "-q", "-c", config, "-o", only, "--only-source", "lever", "--input", out); code != exitOK {
		t.Fatalf("transform --only-source exited %d: %s", code, stderr)
	}
	if m, err := readManifest(only); err != nil {
		t.Error(err)
	} else if c := m.Stages["transform"].Counts; c["lever.listings"] != st.Counts["lever.listings"] || c["listings"] != c["lever.listings"] {
		t.Errorf("transform --only-source lever counted %v", c)
	}

	if code, _, stderr := runCmd(t, "transform", "-q", "-c", config, "-o", merged, "--input", filepath.Join(dir, "none")); code != exitUsage || !strings.Contains(stderr, "no raw.arrow there") {
		t.Errorf("transform --input of a folder without raw.arrow exited %d, want %d (usage) naming the file: %s", code, exitUsage, stderr)
	}
	if code, _, stderr := runCmd(t, "analyze", "-q", "-c", config, "-o", out, "--input", workers[0]); code != exitUsage {
		t.Errorf("analyze --input exited %d, want %d (usage): %s", code, exitUsage, stderr)
	}
}
