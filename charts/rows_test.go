package charts

import (
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestMethodKind pins which rows play which part: today's raw method, the
// names the statistics work uses, and a method nobody has named yet.
func TestMethodKind(t *testing.T) {
	tests := []struct {
		method string
		kind   rowKind
		label  string
	}{
		{"ratio of geometric means; stratified percentile bootstrap (10000 resamples, seed 1)", kindRaw, "Raw"},
		{"", kindRaw, ""},
		{"raw_bca", kindRaw, "Raw"},
		{"raw_percentile", kindOther, "Raw, percentile interval"},
		{"median", kindOther, "Ratio of medians"},
		{"adjusted", kindAdjusted, "Adjusted"},
		{"Adjusted OLS, cluster-robust", kindAdjusted, "Adjusted"},
		{"pooled_eb", kindPooled, "Pooled"},
		{"change", kindChange, "Change"},
		{"something new", kindRaw, "something new"},
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
}

// TestRowsOfKindFirstWins checks that a second row of the same kind for a
// region and quarter is left out of the charts, so a method added later
// without a line in methodKinds cannot draw a second headline estimate.
func TestRowsOfKindFirstWins(t *testing.T) {
	rows := []data.Premium{
		{Region: "Europe", Quarter: "all", Method: "raw_bca", Premium: 0.2},
		{Region: "Europe", Quarter: "all", Method: "raw_percentile", Premium: 0.3},
		{Region: "Europe", Quarter: "all", Method: "brand new", Premium: 0.4},
		{Region: "Europe", Quarter: "all", Method: "adjusted", Premium: 0.1},
		{Region: "Europe", Quarter: "2026Q2/2026Q3", Method: "change", Premium: 0.05},
	}
	raw := headlineRows(rows)
	if len(raw) != 1 || raw[0].Premium != 0.2 {
		t.Errorf("headlineRows = %+v, want the raw_bca row alone", raw)
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
