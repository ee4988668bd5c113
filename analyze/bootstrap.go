package analyze

import (
	"math"
	"slices"
)

// replicates holds one row's bootstrap distribution of postings: for each
// resample (in draw order) the log gap of mean log pay, OpenStack over
// Python.
type replicates struct {
	gap []float64
}

// bootstrap resamples the postings of the two groups of a row b times,
// each within itself (stratified, so every resample keeps the row's group
// sizes), OpenStack first in each round.
func bootstrap(s *sampler, os, py *group, b int) replicates {
	r := replicates{gap: make([]float64, b)}
	cOS, cPy := make([]int32, len(os.freq)), make([]int32, len(py.freq))
	for i := range b {
		os.resample(s, cOS)
		py.resample(s, cPy)
		r.gap[i] = os.meanOf(cOS) - py.meanOf(cPy)
	}
	return r
}

// acceleration is the BCa acceleration of a statistic that is a signed sum
// of group mean logs, Σ sign_j · mean_j, from its jackknife: leaving out
// posting i of group j moves the statistic by −sign_j·(x_i − mean_j)/(n_j −
// 1), so the jackknife influence values are U = sign_j·(x_i − mean_j)
// exactly and cost one pass over the distinct values. Groups combine as in
// scipy.stats.bootstrap (Efron & Tibshirani 1993, eq. 14.15, per sample):
//
//	a = Σ_j Σ_i U³/n_j³ / (6 · (Σ_j Σ_i U²/n_j²)^{3/2})
func acceleration(groups []*group, signs []float64) float64 {
	var num, den float64
	for j, g := range groups {
		n := float64(g.n)
		var s2, s3 float64
		for k, f := range g.freq {
			d := g.logs[k] - g.meanLog
			s2 += float64(f) * d * d
			s3 += float64(f) * d * d * d
		}
		num += signs[j] * s3 / (n * n * n)
		den += s2 / (n * n)
	}
	if den == 0 {
		return 0
	}
	return num / (6 * math.Pow(den, 1.5))
}

// spread is the sample standard deviation (n − 1) of x, the bootstrap
// standard error when x holds replicates; NaN below two values.
func spread(x []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	ss := 0.0
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(len(x)-1))
}

// sorted returns a sorted copy of x.
func sorted(x []float64) []float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return s
}
