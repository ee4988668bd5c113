package analyze_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// checkRows holds for every row, whatever the input: no infinite number,
// a note wherever an estimate or its interval is missing, and both files
// write (JSON would reject an infinity).
func checkRows(t *testing.T, rows []data.Premium) {
	t.Helper()
	for _, p := range rows {
		for _, v := range []float64{p.Premium, p.CILow, p.CIHigh, p.LogGap, p.SE, p.PValue, p.PHolm, p.Explained, p.Unexplained, p.MedianOpenStackUSD, p.MedianPythonUSD} {
			if math.IsInf(v, 0) {
				t.Errorf("%s/%s/%s: infinite number in %+v", p.Region, p.Quarter, p.Method, p)
			}
		}
		missing := math.IsNaN(p.Premium) || math.IsNaN(p.CILow) || math.IsNaN(p.CIHigh)
		if missing && p.Note == "" {
			t.Errorf("%s/%s/%s: estimate or interval missing without a note: %+v", p.Region, p.Quarter, p.Method, p)
		}
		if !missing && !(p.CILow <= p.CIHigh) {
			t.Errorf("%s/%s/%s: interval %v..%v", p.Region, p.Quarter, p.Method, p.CILow, p.CIHigh)
		}
	}
	var csv, js bytes.Buffer
	if err := data.WritePremiumsCSV(&csv, rows); err != nil {
		t.Errorf("csv: %v", err)
	}
	if err := data.WritePremiumsJSON(&js, rows); err != nil {
		t.Errorf("json: %v", err)
	}
	if strings.Contains(strings.ToLower(csv.String()), "nan") || !json.Valid(js.Bytes()) {
		t.Errorf("NaN written as a number or invalid JSON")
	}
}

func TestBadInput(t *testing.T) {
	repeat := func(n int, l data.Listing) []data.Listing {
		out := make([]data.Listing, n)
		for i := range out {
			out[i] = l
		}
		return out
	}
	concat := func(parts ...[]data.Listing) []data.Listing {
		var out []data.Listing
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	os := func(usd float64) data.Listing { return listing("Europe", "2026Q3", data.RoleOpenStack, usd) }
	py := func(usd float64) data.Listing { return listing("Europe", "2026Q3", data.RolePython, usd) }
	cases := []struct {
		name     string
		regions  []string
		listings []data.Listing
		// region/quarter/method → a word the note must hold ("" for none)
		want map[[3]string]string
		// the raw premium of Europe/all, when it is published
		premium float64
	}{
		{name: "no listings", regions: []string{"Europe"},
			want: map[[3]string]string{{"Europe", "all", data.MethodRawBCA}: "withheld: 0 OpenStack and 0 Python",
				{"Europe", "all", data.MethodPooled}: "withheld"}},
		{name: "one of each", regions: []string{"Europe"}, listings: []data.Listing{os(120000), py(100000)},
			want: map[[3]string]string{{"Europe", "all", data.MethodRawBCA}: "withheld: 1 OpenStack and 1 Python"}},
		{name: "no OpenStack", regions: []string{"Europe"}, listings: repeat(50, py(100000)),
			want: map[[3]string]string{{"Europe", "all", data.MethodMedian}: "withheld: 0 OpenStack postings"}},
		{name: "all pay equal", regions: []string{"Europe"}, listings: concat(repeat(40, os(100000)), repeat(40, py(100000))),
			want: map[[3]string]string{{"Europe", "all", data.MethodRawBCA}: "interval withheld: every resample gives the same value",
				{"Europe", "all", data.MethodRaw}: "no residual spread", {"Europe", "all", data.MethodAdjusted}: "no residual spread"},
			premium: 0},
		{name: "equal within groups", regions: []string{"Europe"}, listings: concat(repeat(40, os(117000)), repeat(40, py(100000))),
			want:    map[[3]string]string{{"Europe", "all", data.MethodRawPercentile}: "interval withheld"},
			premium: 0.17},
		{name: "NaN, Inf, zero and negative pay", regions: []string{"Europe"},
			listings: concat(repeat(40, os(117000)), repeat(40, py(100000)), []data.Listing{os(math.NaN()), py(math.Inf(1)), py(0), os(-5), py(math.Inf(-1))}),
			want: map[[3]string]string{{"Europe", "all", data.MethodRawBCA}: "left out 5 postings whose pay is not a positive finite number",
				{"All regions", "2026Q3", data.MethodMedian}: "left out 5 postings"},
			premium: 0.17},
		{name: "missing region", regions: []string{"Europe", "Atlantis"},
			listings: concat(repeat(40, os(117000)), repeat(40, listing("", "2026Q3", data.RolePython, 1))),
			want:     map[[3]string]string{{"Atlantis", "all", data.MethodRawBCA}: "withheld: 0 OpenStack and 0 Python"}},
		{name: "no regions configured", regions: nil, listings: concat(repeat(40, os(117000)), repeat(40, py(100000))),
			want: map[[3]string]string{{"All regions", "all", data.MethodRawBCA}: "withheld: 0 OpenStack and 0 Python",
				{"All regions", "all", data.MethodPooled}: "fewer than 3 regions"}},
		{name: "region named twice", regions: []string{"Europe", "Europe"}, listings: concat(repeat(40, os(117000)), repeat(40, py(100000))),
			premium: 0.17},
		{name: "unknown quarter", regions: []string{"Europe"},
			listings: concat(repeat(40, listing("Europe", "", data.RoleOpenStack, 117000)), repeat(40, listing("Europe", "", data.RolePython, 100000))),
			premium:  0.17},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := analyze.Run(t.Context(), cfgIndependent(), analyze.Input{Regions: tc.regions, Listings: analyze.SliceStream(tc.listings)})
			if err != nil {
				t.Fatal(err)
			}
			checkRows(t, res.Premiums)
			for key, word := range tc.want {
				if p := row(t, res.Premiums, key[0], key[1], key[2]); !strings.Contains(p.Note, word) {
					t.Errorf("%v: note %q, want it to say %q", key, p.Note, word)
				}
			}
			if tc.premium != 0 || tc.name == "all pay equal" {
				if p := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodRawBCA); math.Abs(p.Premium-tc.premium) > 1e-12 {
					t.Errorf("premium %v, want %v", p.Premium, tc.premium)
				}
			}
			seen := map[[3]string]bool{}
			for _, p := range res.Premiums {
				k := [3]string{p.Region, p.Quarter, p.Method}
				if seen[k] {
					t.Errorf("row %v twice", k)
				}
				seen[k] = true
			}
		})
	}
}
