package analyze

import "math"

// holm adjusts p-values for testing them all at once, controlling the
// chance of any false "premium" among the regions (Holm 1979): sorted
// ascending, the i-th (from 0) of m is multiplied by m − i, and the
// adjusted values are made non-decreasing and capped at 1. NaN entries are
// not in the family and stay NaN.
func holm(p []float64) []float64 {
	out := make([]float64, len(p))
	var order []int
	for i, v := range p {
		out[i] = math.NaN()
		if !math.IsNaN(v) {
			order = append(order, i)
		}
	}
	// Stable insertion sort: families are a handful of regions.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && p[order[j]] < p[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	running := 0.0
	for i, idx := range order {
		running = math.Max(running, math.Min(1, float64(len(order)-i)*p[idx]))
		out[idx] = running
	}
	return out
}
