// Command boardgen writes the bundled synthetic job-board snapshot: three
// boards in three real formats (schema.org JSON-LD pages, a Lever postings
// API, python.org-style HTML pages), a README.md and the ground truth in
// truth.json.
//
//	cd data && go run ../internal/boardgen -seed 1 -out boards    # or: go generate ./data
//
// It deletes and rewrites the -out folder. Output depends only on -seed:
// the same seed gives byte-identical files. It is for demos and tests of
// the pipeline; nothing it writes describes the real job market.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives byte-identical output")
	out := flag.String("out", "boards", "folder to delete and rewrite")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "boardgen: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	t, err := build(*seed)
	if err == nil {
		err = t.write(*out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "boardgen:", err)
		os.Exit(1)
	}
}

// build generates the snapshot for a seed in memory.
func build(seed uint64) (tree, error) {
	postings, err := generate(seed)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	t := make(tree)
	renderCloud(t, postings)
	renderLever(t, postings)
	renderPy(t, postings)
	truth := newTruth(seed, postings)
	ind, err := marshalIndent(truth)
	if err != nil {
		return nil, err
	}
	t.add("truth.json", ind)
	t.add("README.md", readme(truth))
	return t, nil
}
