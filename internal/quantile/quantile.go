// Package quantile holds the one quantile definition jobmarket publishes,
// so the analysis and the charts cannot disagree about a quartile.
package quantile

import "math"

// Type7 is the p-quantile of sorted values by linear interpolation between
// order statistics (Hyndman & Fan type 7, numpy's default): for 1..10 the
// median is 5.5, so intervals compare with scipy's (gonum's stat.Quantile
// offers only the empirical inverse and its own LinInterp, which give 5.0).
// sorted must be non-empty and ascending.
func Type7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}
