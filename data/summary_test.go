package data_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestSummaryRoundTrip writes analysis.json and reads it back, with and
// without a period.
func TestSummaryRoundTrip(t *testing.T) {
	q, _ := data.ParseQuarter("2026Q3")
	settings := data.AnalysisSettings{Confidence: 0.9, Bootstrap: 500, Seed: 3, MinGroupSize: 30,
		Controls: []string{"seniority"}, MinEmployers: 5}
	for _, s := range []data.Summary{
		{Synthetic: true, DataFrom: "2025-10-01", DataTo: "2026-09-30",
			Funnel: []data.Funnel{{Source: "a", Fetched: 3, Parsed: 2}}, Settings: &settings, Regions: []string{"Europe"}},
		{DataFrom: "2026-07-01", DataTo: "2026-09-30", Settings: &settings, Regions: []string{"Europe"},
			Period: &q, Previous: &data.PreviousSpan{Span: q.Previous(), Note: "no postings in 2026Q2"}},
	} {
		var buf bytes.Buffer
		if err := data.WriteSummary(&buf, s); err != nil {
			t.Fatal(err)
		}
		got, err := data.ReadSummary(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("read back %+v, want %+v", got, s)
		}
	}
}

// TestSummaryWithoutSettings checks that an analysis.json of an older
// jobmarket, which recorded no settings, is told apart.
func TestSummaryWithoutSettings(t *testing.T) {
	old := `{"synthetic": true, "data_from": "2025-10-01", "data_to": "2026-09-30", "funnel": []}`
	s, err := data.ReadSummary(strings.NewReader(old))
	if !errors.Is(err, data.ErrNoSettings) || s.DataFrom != "2025-10-01" {
		t.Errorf("ReadSummary = %+v, %v; want the summary and ErrNoSettings", s, err)
	}
}

// TestInEstimate checks the rule of which listings the estimates take.
func TestInEstimate(t *testing.T) {
	base := data.Listing{Region: "Europe", Role: data.RoleOpenStack, SalaryAnnualUSD: 1e5, SalarySource: data.PaySourceEmployer}
	regions := []string{"Europe"}
	tests := []struct {
		name  string
		edit  func(*data.Listing)
		board bool
		want  bool
	}{
		{"in", func(*data.Listing) {}, false, true},
		{"other region", func(l *data.Listing) { l.Region = "Asia" }, false, false},
		{"no role", func(l *data.Listing) { l.Role = "" }, false, false},
		{"repeat", func(l *data.Listing) { l.DuplicateOf = "u" }, false, false},
		{"outlier", func(l *data.Listing) { l.SalaryNote = data.SalaryNoteOutlier }, false, false},
		{"no pay", func(l *data.Listing) { l.SalaryAnnualUSD = 0 }, false, false},
		{"board estimate", func(l *data.Listing) { l.SalarySource = data.PaySourceBoard }, false, false},
		{"board estimate let in", func(l *data.Listing) { l.SalarySource = data.PaySourceBoard }, true, true},
	}
	for _, tc := range tests {
		l := base
		tc.edit(&l)
		if got := (data.AnalysisSettings{IncludeBoardEstimates: tc.board}).InEstimate(&l, regions); got != tc.want {
			t.Errorf("%s: InEstimate = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestMethods checks the method constants' order and that anything else
// is refused.
func TestMethods(t *testing.T) {
	for i, m := range data.Methods() {
		if r, ok := data.MethodRank(m); !ok || r != i {
			t.Errorf("MethodRank(%q) = %d, %v; want %d", m, r, ok, i)
		}
	}
	if r, _ := data.MethodRank(data.MethodStratified); r != 0 {
		t.Errorf("stratified comes %d, want first", r)
	}
	rows := []data.Premium{{Method: data.MethodRaw}, {Region: "Europe", Quarter: "all", Method: "raw_cr1"}}
	if err := data.CheckMethods(rows); err == nil || !strings.Contains(err.Error(), `row 2 (Europe, all): unknown method "raw_cr1"`) {
		t.Errorf("CheckMethods = %v", err)
	}
	if err := data.CheckMethods(rows[:1]); err != nil {
		t.Errorf("CheckMethods of known methods = %v", err)
	}
}
