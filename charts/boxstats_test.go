package charts

import (
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func pay(usd ...float64) []PayPoint {
	out := make([]PayPoint, len(usd))
	for i, v := range usd {
		out[i] = PayPoint{Region: "Europe", Role: data.RoleOpenStack, AnnualUSD: v}
	}
	return out
}

// TestSummarize checks the quartiles (linear interpolation, as R's and
// NumPy's defaults), the Tukey whiskers and the outliers.
func TestSummarize(t *testing.T) {
	tests := []struct {
		name                      string
		in                        []PayPoint
		n                         int
		low, q1, median, q3, high float64
		outliers                  []float64
	}{
		{"odd", pay(5, 1, 3, 2, 4), 5, 1, 2, 3, 4, 5, nil},
		{"even interpolates", pay(10, 20, 30, 40), 4, 10, 17.5, 25, 32.5, 40, nil},
		{"outliers beyond 1.5 IQR", pay(1, 2, 3, 4, 5, 6, 7, 8, 9, 100, -3, math.NaN(), math.Inf(1)), 10, 1, 3.25, 5.5, 7.75, 9, []float64{100}},
		{"one posting", pay(70000), 1, 70000, 70000, 70000, 70000, 70000, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := summarize(tc.in)
			if b.N != tc.n {
				t.Fatalf("N = %d, want %d", b.N, tc.n)
			}
			got := []float64{b.Low, b.Q1, b.Median, b.Q3, b.High}
			want := []float64{tc.low, tc.q1, tc.median, tc.q3, tc.high}
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-9 {
					t.Errorf("five numbers = %v, want %v", got, want)
					break
				}
			}
			if len(b.Outliers) != len(tc.outliers) {
				t.Fatalf("outliers = %+v, want %v", b.Outliers, tc.outliers)
			}
			for i, o := range b.Outliers {
				if o.AnnualUSD != tc.outliers[i] {
					t.Errorf("outlier %d = %v, want %v", i, o.AnnualUSD, tc.outliers[i])
				}
			}
		})
	}
	if b := summarize(nil); b.N != 0 || !math.IsNaN(b.Median) {
		t.Errorf("empty group = %+v, want N 0 and NaN", b)
	}
}

// TestSummarizeCapsOutliers: with more outliers than a chart can carry,
// the box counts them all but draws only the farthest from the median,
// from both ends, in pay order.
func TestSummarizeCapsOutliers(t *testing.T) {
	var usd []float64
	for i := range 10000 {
		usd = append(usd, 90000+float64(i%100)) // the body
	}
	for i := range 300 {
		usd = append(usd, 200000+float64(i)*1000, 20000-float64(i)*10) // 600 outliers
	}
	b := summarize(pay(usd...))
	if b.OutlierCount != 600 || len(b.Outliers) != maxDrawnOutliers {
		t.Fatalf("OutlierCount %d, drawn %d; want 600 and %d", b.OutlierCount, len(b.Outliers), maxDrawnOutliers)
	}
	dist := func(v float64) float64 { return math.Abs(math.Log(v / b.Median)) }
	low, high, nearest := 0, 0, math.Inf(1)
	drawn := map[float64]bool{}
	for i, o := range b.Outliers {
		if i > 0 && o.AnnualUSD < b.Outliers[i-1].AnnualUSD {
			t.Fatalf("drawn outliers not in pay order at %d", i)
		}
		if o.AnnualUSD < b.Median {
			low++
		} else {
			high++
		}
		drawn[o.AnnualUSD] = true
		nearest = min(nearest, dist(o.AnnualUSD))
	}
	for _, v := range usd[10000:] {
		if !drawn[v] && dist(v) > nearest {
			t.Errorf("left out %v, farther from the median than a drawn outlier", v)
		}
	}
	if low == 0 || high == 0 {
		t.Errorf("drew %d low and %d high outliers, want both ends", low, high)
	}
	if note := outlierNote(b.OutlierCount, len(b.Outliers)); !strings.Contains(note, "600 outliers; the 100 farthest") {
		t.Errorf("note = %q", note)
	}
}

// TestPayBoxesOrder checks regions follow the premium rows, then any
// region only the postings name, and that "All regions" is left out.
func TestPayBoxesOrder(t *testing.T) {
	points := []PayPoint{
		{Region: "Zeta", Role: data.RolePython, AnnualUSD: 1},
		{Region: "Europe", Role: data.RoleOpenStack, AnnualUSD: 2},
		{Region: data.RegionAll, Role: data.RoleOpenStack, AnnualUSD: 3},
		{Region: "Europe", Role: data.RoleOther, AnnualUSD: 4},
	}
	regions := append(make([]string, 0, 10), data.RegionAll, "Asia", "Europe")
	boxes := payBoxes(points, regions)
	if len(boxes) != 2 || boxes[0].Region != "Europe" || boxes[1].Region != "Zeta" {
		t.Fatalf("payBoxes = %+v, want Europe then Zeta", boxes)
	}
	if boxes[0].OpenStack.N != 1 || boxes[0].Python.N != 0 {
		t.Errorf("Europe = %+v, want 1 OpenStack posting (the other role is ignored)", boxes[0])
	}
	if spare := regions[:4][3]; spare != "" {
		t.Errorf("payBoxes wrote %q into the caller's spare capacity", spare)
	}
}
