package charts

import (
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestMethodKind pins which rows play which part, and that every method
// analyze writes (the data.Method* constants) has one.
func TestMethodKind(t *testing.T) {
	tests := []struct {
		method string
		kind   rowKind
		label  string
	}{
		{data.MethodStratified, kindRaw, "Raw"},
		{data.MethodRaw, kindOther, "Raw, whole country mix"},
		{data.MethodRawBCA, kindOther, "Raw, BCa bootstrap of postings"},
		{data.MethodRawPercentile, kindOther, "Raw, percentile interval"},
		{data.MethodMedian, kindOther, "Ratio of medians"},
		{data.MethodAdjusted, kindAdjusted, "Adjusted"},
		{data.MethodPooled, kindPooled, "Pooled"},
		{data.MethodChange, kindChange, "Change"},
	}
	for _, tc := range tests {
		t.Run(tc.method, func(t *testing.T) {
			if got := methodKind(tc.method); got != tc.kind {
				t.Errorf("methodKind(%q) = %d, want %d", tc.method, got, tc.kind)
			}
			if got := methodLabel(tc.method); got != tc.label {
				t.Errorf("methodLabel(%q) = %q, want %q", tc.method, got, tc.label)
			}
		})
	}
	for _, m := range data.Methods() {
		if _, ok := methodKinds[m]; !ok {
			t.Errorf("method %q has no line in methodKinds", m)
		}
	}
}

// TestUnknownMethodIsAnError checks that a row whose method is not a
// data.Method* constant, in any part of a report, is refused rather than
// drawn as a guess: today's prefixes of older files, a misspelling, none.
func TestUnknownMethodIsAnError(t *testing.T) {
	good := data.Premium{Region: data.RegionAll, Quarter: data.QuarterAll, Method: data.MethodStratified, Premium: 0.1}
	for _, method := range []string{"ratio of geometric means; stratified percentile bootstrap (10000 resamples, seed 1)", "Raw", "RAW_BCA", "pooled", "", "something new"} {
		bad := good
		bad.Method = method
		for _, r := range []Report{
			{Premiums: []data.Premium{good, bad}},
			{Premiums: []data.Premium{good}, Trend: []data.Premium{bad}},
			{Premiums: []data.Premium{good}, Previous: Previous{Period: "2026Q2", Premiums: []data.Premium{bad}}},
		} {
			var sb strings.Builder
			err := Render(&sb, r)
			if err == nil || !strings.Contains(err.Error(), "unknown method") {
				t.Errorf("Render with method %q = %v, want an unknown method error", method, err)
			}
			if sb.Len() != 0 {
				t.Errorf("Render with method %q wrote %d bytes", method, sb.Len())
			}
			if _, err := Slides(r); err == nil {
				t.Errorf("Slides with method %q: no error", method)
			}
		}
	}
}

// TestRowsOfKindFirstWins checks that a second row of the same kind for a
// region and quarter is left out of the charts.
func TestRowsOfKindFirstWins(t *testing.T) {
	rows := []data.Premium{
		{Region: "Europe", Quarter: "all", Method: data.MethodStratified, Premium: 0.2},
		{Region: "Europe", Quarter: "all", Method: data.MethodRawPercentile, Premium: 0.3},
		{Region: "Europe", Quarter: "all", Method: data.MethodStratified, Premium: 0.4},
		{Region: "Europe", Quarter: "all", Method: data.MethodAdjusted, Premium: 0.1},
		{Region: "Europe", Quarter: "2026Q2/2026Q3", Method: data.MethodChange, Premium: 0.05},
	}
	raw := headlineRows(rows)
	if len(raw) != 1 || raw[0].Premium != 0.2 {
		t.Errorf("headlineRows = %+v, want the first raw_bca row alone", raw)
	}
	if adj := adjustedRows(rows); len(adj) != 1 || adj[0].Premium != 0.1 {
		t.Errorf("adjustedRows = %+v", adj)
	}
	if ch := changeRows(rows); len(ch) != 1 {
		t.Errorf("changeRows = %+v", ch)
	}
	if q := quarterRows(rows, "Europe"); len(q) != 0 {
		t.Errorf("quarterRows took a change row as a quarter: %+v", q)
	}
}

// TestMethodNotesInConstantOrder checks the methods table lists methods
// in the order of the constants, whatever order rows came in.
func TestMethodNotesInConstantOrder(t *testing.T) {
	rows := []data.Premium{{Method: data.MethodChange}, {Method: data.MethodAdjusted}, {Method: data.MethodStratified}, {Method: data.MethodAdjusted}}
	var got []string
	for _, n := range methodNotes(rows) {
		got = append(got, n.Method)
	}
	if want := []string{data.MethodStratified, data.MethodAdjusted, data.MethodChange}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("methodNotes = %v, want %v", got, want)
	}
}
