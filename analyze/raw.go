package analyze

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// rawFit is the raw log gap as a regression of log pay on an intercept and
// the OpenStack indicator (its coefficient is the difference of mean log
// pay), with CR2 errors clustered by employer and Bell–McCaffrey degrees
// of freedom, and how concentrated the row's employers are.
type rawFit struct {
	clustered
	// employersOS and employersPy count the clusters holding OpenStack and
	// Python postings: employers, each posting without a company counting
	// as one.
	employersOS, employersPy int
	// largestShare is the share of the row's OpenStack postings that its
	// largest OpenStack employer posted.
	largestShare float64
}

// rawOnes are the design rows of the raw regression: Python (intercept
// only) and OpenStack (intercept and indicator).
var rawOnes = [][]int{{0}, {0, 1}}

// fitRaw computes the raw regression's clustered error from employer sums,
// in one pass over the row's postings. meanOS and meanPy are the groups'
// mean log pay (the fitted values), nOS and nPy their sizes, both at least
// 1; clusterRow is scratch as clusterSums takes it.
func fitRaw(s *postings, obs []int32, meanOS, meanPy float64, nOS, nPy int, clusterRow []int32) rawFit {
	n1, n0 := float64(nOS), float64(nPy)
	// (XᵀX)⁻¹ of [1, d]: XᵀX = [[n, n₁], [n₁, n₁]].
	bread := mat.NewSymDense(2, []float64{1 / n0, -1 / n0, -1 / n0, 1/n0 + 1/n1})
	row := func(k int) int32 {
		if s.openstack[obs[k]] {
			return 1
		}
		return 0
	}
	resid := func(k int) float64 {
		i := obs[k]
		if s.openstack[i] {
			return s.logs[s.valueID[i]] - meanOS
		}
		return s.logs[s.valueID[i]] - meanPy
	}
	clusters := clusterSums(s, obs, 2, row, resid, clusterRow)
	f := rawFit{clustered: cr2(rawOnes, bread, clusters, []float64{0, 1})}
	largest := 0.0
	for _, cells := range clusters {
		for _, c := range cells {
			if c.row == 1 {
				f.employersOS++
				largest = math.Max(largest, c.n)
			} else {
				f.employersPy++
			}
		}
	}
	f.largestShare = largest / n1
	return f
}

// tInterval is b ± t·se on the clustered error's t reference, in log
// points, with the two-sided p-value for b = 0.
func (c clustered) tInterval(b, conf float64) (lo, hi, p float64) {
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: c.df}
	q := t.Quantile(1 - (1-conf)/2)
	return b - q*c.se, b + q*c.se, 2 * t.CDF(-math.Abs(b/c.se))
}
