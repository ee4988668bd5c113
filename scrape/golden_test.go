package scrape_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestBundledDemoGolden pins the records the shipped pipeline.yaml gets
// from the bundled snapshot: the demo's estimates are checked against the
// generator's ground truth, so a change to what the scraper reads must be
// seen, and accepted with -update. (data/boardgen rewriting the snapshot
// needs -update too.)
func TestBundledDemoGolden(t *testing.T) {
	var p struct {
		Sources []scrape.Source `yaml:"sources"`
	}
	if err := yaml.Unmarshal(data.DefaultPipeline, &p); err != nil {
		t.Fatal(err)
	}
	boards, err := fs.Sub(data.Boards, "boards")
	if err != nil {
		t.Fatal(err)
	}
	cfg := scrape.DefaultConfig()
	cfg.Store = t.TempDir()
	res, err := (&scrape.Scraper{Config: cfg, Bundled: boards}).Run(t.Context(), p.Sources)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	codes := map[string]int{}
	for _, r := range res.Records {
		// The reject code is pinned apart (below) and left out of the
		// hash, so that the hash still shows every other field unchanged
		// since before the code existed; so is the fetch time, which
		// local pages do not have.
		if r.RejectCode != "" {
			codes[r.RejectCode]++
		}
		r.RejectCode = ""
		// NaN is no JSON number: pay fields are written as text.
		type plain data.RawRecord
		line, err := json.Marshal(struct {
			plain
			PayMin, PayMax string
		}{plain(r), num(r.PayMin), num(r.PayMax)})
		if err != nil {
			t.Fatal(err)
		}
		if r.FetchedAt != "" {
			t.Errorf("%s: fetched_at %q on a bundled page", r.URL, r.FetchedAt)
		}
		h.Write(bytes.Replace(line, []byte(`,"RejectCode":"","FetchedAt":""`), nil, 1))
		h.Write([]byte("\n"))
	}
	var got strings.Builder
	for _, st := range res.Stats {
		fmt.Fprintf(&got, "%s: %d records, %d rejects, %d pages\n", st.Source, st.Records, st.Rejects, st.Responses)
	}
	fmt.Fprintf(&got, "records sha256: %x\n", h.Sum(nil))
	for _, code := range slices.Sorted(maps.Keys(codes)) {
		fmt.Fprintf(&got, "reject code %s: %d\n", code, codes[code])
	}
	const golden = "testdata/bundled.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the bundled demo's records changed:\n got %s\nwant %s(run with -update if intended)", got.String(), want)
	}
}

func num(f float64) string {
	if math.IsNaN(f) {
		return ""
	}
	return fmt.Sprint(f)
}
