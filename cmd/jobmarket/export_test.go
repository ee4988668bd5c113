package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// exportFolder writes a config and an output folder holding listings, and
// returns the config's path.
func exportFolder(t *testing.T, rows []data.Listing) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(out, ListingsArrowFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := data.WriteListingsIPC(f, memory.DefaultAllocator, rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "pipeline.yaml")
	if err := os.WriteFile(config, []byte("output: "+out+"\nsources:\n  - {name: board, kind: file, path: board.csv}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return config
}

func exportRows() []data.Listing {
	return []data.Listing{
		{Source: "board", URL: "https://example.com/1", PostedDate: "2026-07-02", Quarter: "2026Q3", Title: "=HYPERLINK(\"http://evil\",\"x\")",
			Company: "@SUM(A1:A9)", Location: "-2+3", Country: "DE", Region: "Europe", SalaryMin: 70000, SalaryMax: 90000,
			SalaryCurrency: "EUR", SalaryPeriod: "YEAR", SalaryAnnualUSD: 86400, SalarySource: data.PaySourceEmployer,
			SalaryText: "+49 30 1234", Role: data.RoleOpenStack, Notes: "\tindented", Seniority: "senior"},
		{Source: "board", URL: "https://example.com/2", Title: "Python Developer", Company: "Acme", Location: "Berlin", Country: "DE",
			Region: "Europe", SalaryMin: math.NaN(), SalaryMax: math.NaN(), SalaryAnnualUSD: math.NaN(), Role: data.RolePython,
			SalaryNote: "no pay stated", SalaryCode: data.SalaryCodeNoPay, Notes: "\rcarriage"},
	}
}

func TestListingColumnsFollowTheSchema(t *testing.T) {
	fields := data.ListingsSchema().Fields()
	if len(fields) != len(listingColumns) {
		t.Fatalf("export writes %d columns, the listings table has %d", len(listingColumns), len(fields))
	}
	for i, f := range fields {
		if listingColumns[i].name != f.Name {
			t.Errorf("column %d: export writes %q, the table has %q", i, listingColumns[i].name, f.Name)
		}
	}
}

func TestExportCSVNeutralizesFormulas(t *testing.T) {
	config := exportFolder(t, exportRows())
	code, stdout, stderr := runCmd(t, "export", "-c", config)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d CSV rows, want a header and 2", len(recs))
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	tests := []struct{ column, want string }{
		{"title", `'=HYPERLINK("http://evil","x")`},
		{"company", "'@SUM(A1:A9)"},
		{"location", "'-2+3"},
		{"salary_text", "'+49 30 1234"},
		{"notes", "'\tindented"},
		{"salary_min", "70000"},
		{"salary_annual_usd", "86400"},
		{"remote", "false"},
	}
	for _, tc := range tests {
		if got := recs[1][col[tc.column]]; got != tc.want {
			t.Errorf("%s = %q, want %q", tc.column, got, tc.want)
		}
	}
	if got := recs[2][col["salary_min"]]; got != "" {
		t.Errorf("missing pay = %q, want an empty cell", got)
	}
	if got := recs[2][col["notes"]]; got != "'\rcarriage" {
		t.Errorf("notes = %q, want the carriage return quoted", got)
	}
}

func TestExportFilterAndFile(t *testing.T) {
	config := exportFolder(t, exportRows())
	file := filepath.Join(t.TempDir(), "python.jsonl")
	code, _, stderr := runCmd(t, "export", "-c", config, "--format", "jsonl", "--filter", "role=Python", "--filter", "country=de", "-o", file)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "wrote "+file+" (1 listings)") {
		t.Errorf("export does not say what it wrote: %s", stderr)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(raw), []byte("\n"))
	if len(lines) != 1 {
		t.Fatalf("%d lines, want the one Python listing:\n%s", len(lines), raw)
	}
	var got map[string]any
	if err := json.Unmarshal(lines[0], &got); err != nil {
		t.Fatal(err)
	}
	if got["role"] != "python" || got["salary_min"] != nil || got["notes"] != "\rcarriage" || got["remote"] != false {
		t.Errorf("JSON line = %v", got)
	}
}

func TestExportUsage(t *testing.T) {
	config := exportFolder(t, exportRows())
	for _, args := range [][]string{
		{"--format", "xlsx"},
		{"--filter", "role"},
		{"--filter", "pay=1"},
	} {
		code, _, stderr := runCmd(t, append([]string{"export", "-c", config}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, args[0]) {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	code, _, stderr := runCmd(t, "export", "-c", config, "--dir", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "jobmarket transform") {
		t.Errorf("no listings: exit %d, %s", code, stderr)
	}
}

func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"role=openstack", "region=Europe", "role", "=x", "pay=1", " country = DE", "notes=a=b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := parseFilter(s)
		if err != nil {
			return
		}
		name, value, _ := strings.Cut(s, "=")
		if listingColumns[flt.column].name != strings.TrimSpace(name) || flt.value != value {
			t.Fatalf("parseFilter(%q) = column %s value %q", s, listingColumns[flt.column].name, flt.value)
		}
	})
}
