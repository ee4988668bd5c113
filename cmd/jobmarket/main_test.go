package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// demoConfig writes the repository's pipeline.yaml to a temporary folder
// with the page store moved there too, and returns its path and the
// output folder to use.
func demoConfig(t *testing.T) (config, out string) {
	t.Helper()
	raw, err := os.ReadFile("../../pipeline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if strings.Contains(string(raw), "\nscrape:") {
		t.Fatal("pipeline.yaml sets scrape: keys; this test appends its own scrape section")
	}
	// The last section, so tests can add keys after "\nscrape:\n".
	cfg := string(raw) + "\nscrape:\n  store: " + filepath.Join(dir, "pages") + "\n"
	config = filepath.Join(dir, "pipeline.yaml")
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return config, filepath.Join(dir, "out")
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(t.Context(), args, &o, &e)
	return code, o.String(), e.String()
}

func TestPipelineYAMLIsTheBuiltInDefault(t *testing.T) {
	raw, err := os.ReadFile("../../pipeline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, data.DefaultPipeline) {
		t.Fatal("pipeline.yaml and data/pipeline.yaml differ: copy pipeline.yaml to data/pipeline.yaml")
	}
}

type truthRow struct {
	Region     string   `json:"region"`
	Quarter    string   `json:"quarter"`
	NOpenStack int      `json:"n_openstack"`
	NPython    int      `json:"n_python"`
	Premium    *float64 `json:"premium"`
}

// TestDemoMatchesGroundTruth runs the whole pipeline on the bundled
// snapshot and checks every published premium against the generator's own
// ground truth for the generated sample.
func TestDemoMatchesGroundTruth(t *testing.T) {
	config, out := demoConfig(t)
	code, stdout, stderr := runCmd(t, "run", "-c", config, "-o", out)
	if code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	for _, want := range []string{"SYNTHETIC DEMO DATA", "All regions", "North America", "Report: " + filepath.Join(out, ReportFile),
		"Under classify.definition mention instead"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("run output lacks %q:\n%s", want, stdout)
		}
	}
	// The sensitivity rows are one line under the table, not rows of it.
	if n := strings.Count(stdout, "\nNorth America "); n != 1 {
		t.Errorf("the summary has %d North America rows, want 1:\n%s", n, stdout)
	}

	truthJSON, err := data.Boards.ReadFile("boards/truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Sample []truthRow `json:"sample"`
	}
	if err := json.Unmarshal(truthJSON, &truth); err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]truthRow{}
	for _, r := range truth.Sample {
		want[[2]string{r.Region, r.Quarter}] = r
	}
	f, err := os.Open(filepath.Join(out, PremiumCSVFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := data.ReadPremiumsCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	checked, sensitivity := 0, 0
	for _, p := range got {
		if p.Definition != data.DefinitionCore {
			// The ground truth's roles are the core ones; under mention,
			// the postings that list OpenStack join the OpenStack group.
			if w := want[[2]string{p.Region, p.Quarter}]; p.Definition != data.DefinitionMention || p.NOpenStack <= w.NOpenStack {
				t.Errorf("%s/%s: sensitivity row under %q has %d OpenStack postings, want more than the %d core ones",
					p.Region, p.Quarter, p.Definition, p.NOpenStack, w.NOpenStack)
			}
			sensitivity++
			continue
		}
		if p.Method != data.MethodRaw {
			continue
		}
		w, ok := want[[2]string{p.Region, p.Quarter}]
		if !ok {
			t.Errorf("%s/%s: no ground truth row", p.Region, p.Quarter)
			continue
		}
		if p.NOpenStack != w.NOpenStack || p.NPython != w.NPython {
			t.Errorf("%s/%s: n = %d/%d, ground truth %d/%d", p.Region, p.Quarter, p.NOpenStack, p.NPython, w.NOpenStack, w.NPython)
		}
		if p.NOpenStack < analyze.DefaultMinGroupSize || p.NPython < analyze.DefaultMinGroupSize ||
			p.NEmployersOpenStack < analyze.DefaultMinEmployers || p.NEmployersPython < analyze.DefaultMinEmployers {
			if !math.IsNaN(p.Premium) || p.Note == "" {
				t.Errorf("%s/%s: small groups must be withheld with a note, got %v %q", p.Region, p.Quarter, p.Premium, p.Note)
			}
			continue
		}
		checked++
		if w.Premium == nil {
			t.Errorf("%s/%s: premium %.4f, ground truth has none", p.Region, p.Quarter, p.Premium)
		} else if math.Abs(p.Premium-*w.Premium) > 0.001 {
			t.Errorf("%s/%s: premium %.4f, ground truth %.4f", p.Region, p.Quarter, p.Premium, *w.Premium)
		}
		if !(p.CILow < p.Premium && p.Premium < p.CIHigh) {
			t.Errorf("%s/%s: interval %v–%v does not bracket %v", p.Region, p.Quarter, p.CILow, p.CIHigh, p.Premium)
		}
	}
	if checked < 15 {
		t.Errorf("only %d rows had both groups large enough; the demo should exercise most regions", checked)
	}
	if sensitivity == 0 {
		t.Errorf("no sensitivity rows under the mention definition")
	}

	checkTables(t, out)
	report, err := os.ReadFile(filepath.Join(out, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(report, []byte("Synthetic demo data")) {
		t.Error("report.html does not say the demo data is synthetic")
	}
}

// checkTables reads the listings back with real Arrow and Parquet readers
// and checks that every raw record became exactly one listing or reject.
func checkTables(t *testing.T, out string) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	fromArrow, err := data.ReadListingsIPC(open(ListingsArrowFile), mem)
	if err != nil {
		t.Fatal(err)
	}
	fromParquet, err := data.ReadListingsParquet(context.Background(), open(ListingsParquetFile), mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromArrow) != len(fromParquet) || len(fromArrow) < 5000 {
		t.Fatalf("listings.arrow has %d rows, listings.parquet %d", len(fromArrow), len(fromParquet))
	}
	for i := range fromArrow {
		a, p := fromArrow[i], fromParquet[i]
		if a.URL != p.URL || a.Region != p.Region || a.Role != p.Role || a.DuplicateOf != p.DuplicateOf ||
			!(a.SalaryAnnualUSD == p.SalaryAnnualUSD || math.IsNaN(a.SalaryAnnualUSD) && math.IsNaN(p.SalaryAnnualUSD)) {
			t.Fatalf("row %d differs between Arrow and Parquet:\n%+v\n%+v", i, a, p)
		}
	}
	// The hive-partitioned dataset holds the same rows, each in the folder
	// of its quarter and region.
	fromDataset, err := data.ReadListingsPartitioned(t.Context(), filepath.Join(out, ListingsDatasetDir), mem)
	if err != nil {
		t.Fatal(err)
	}
	key := func(l data.Listing) string {
		return l.Source + " " + l.URL + " " + l.Quarter + " " + l.Region + " " + l.Title
	}
	want := map[string]int{}
	for _, l := range fromArrow {
		want[key(l)]++
	}
	for _, l := range fromDataset {
		want[key(l)]--
	}
	for k, n := range want {
		if n != 0 {
			t.Fatalf("partitioned dataset and listings.arrow differ at %q (%+d)", k, n)
		}
	}
	if len(fromDataset) != len(fromArrow) {
		t.Fatalf("partitioned dataset has %d rows, listings.arrow %d", len(fromDataset), len(fromArrow))
	}
	raw, err := data.ReadRawIPC(open(RawFile), mem)
	if err != nil {
		t.Fatal(err)
	}
	rejects, err := data.ReadRejectsCSV(open(RejectsFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != len(fromArrow)+len(rejects) {
		t.Errorf("%d raw records, but %d listings + %d rejects", len(raw), len(fromArrow), len(rejects))
	}
}

// TestStagesRerun runs each stage on its own and checks that rerunning
// analyze on the same inputs gives a byte-identical premium table.
func TestStagesRerun(t *testing.T) {
	config, out := demoConfig(t)
	code, _, stderr := runCmd(t, "analyze", "-c", config, "-o", out)
	if code != exitUsage || !strings.Contains(stderr, "run `jobmarket transform` first") {
		t.Fatalf("analyze before transform: exit %d, %s", code, stderr)
	}
	for _, stage := range []string{"scrape", "transform", "analyze", "report"} {
		if code, _, stderr := runCmd(t, stage, "-c", config, "-o", out); code != exitOK {
			t.Fatalf("%s exited %d: %s", stage, code, stderr)
		}
	}
	first, err := os.ReadFile(filepath.Join(out, PremiumCSVFile))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "analyze", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("second analyze exited %d: %s", code, stderr)
	}
	second, err := os.ReadFile(filepath.Join(out, PremiumCSVFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("rerunning analyze changed premium_by_region.csv")
	}
	var m Manifest
	raw, err := os.ReadFile(filepath.Join(out, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"scrape", "transform", "analyze", "report"} {
		s, ok := m.Stages[stage]
		if !ok || len(s.Outputs) == 0 || len(s.Inputs) == 0 {
			t.Errorf("manifest lacks inputs or outputs of %s: %+v", stage, s)
		}
	}
	if !m.Synthetic || m.Seed != 1 || !strings.Contains(m.Config, "bootstrap: 10000") {
		t.Errorf("manifest = synthetic %v, seed %d, config %q", m.Synthetic, m.Seed, m.Config)
	}
}
