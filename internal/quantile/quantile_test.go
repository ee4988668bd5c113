package quantile_test

import (
	"testing"

	"github.com/jobmarket/jobmarket/internal/quantile"
)

func TestType7(t *testing.T) {
	oneToTen := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		sorted []float64
		p      float64
		want   float64
	}{
		{oneToTen, 0.5, 5.5}, // numpy's default, not gonum's LinInterp (5.0)
		{oneToTen, 0.25, 3.25},
		{oneToTen, 0, 1},
		{oneToTen, 1, 10},
		{[]float64{42}, 0.9, 42},
	}
	for _, tc := range tests {
		if got := quantile.Type7(tc.sorted, tc.p); got != tc.want {
			t.Errorf("Type7(%v, %v) = %v, want %v", tc.sorted, tc.p, got, tc.want)
		}
	}
}
