package analyze

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/jobmarket/jobmarket/data"
)

// changeOnes are the design rows of the change regression, log pay on an
// intercept, openstack, the later quarter and their product, in the order
// (earlier, Python), (earlier, OpenStack), (later, Python), (later,
// OpenStack); the product's coefficient is the change of the log gap.
var changeOnes = [][]int{{0}, {0, 1}, {0, 2}, {0, 1, 2, 3}}

// changeRow is the change of the raw premium of region r between the last
// two quarters whose rows both have estimates (quarters is the sample's,
// in time order; cells the region's per quarter, quarter "all" first): the
// difference of their log gaps, published as the ratio of their premium
// factors minus one, (1 + p₂)/(1 + p₁) − 1, so that it reads like every
// other row (0.05: the OpenStack-to-Python pay ratio grew 5%). Its
// interval is a t interval on CR2 errors clustered by employer across the
// two quarters (an employer posting in both is one cluster), from the
// regression with the quarter interaction. With fewer than two quarters
// there is no row (false); with fewer than two estimable ones the row
// names the last two and is withheld.
func changeRow(cfg Config, s *postings, r int, cells []*cellEstimate) (data.Premium, bool) {
	n := len(s.quarters)
	if n < 2 {
		return data.Premium{}, false
	}
	q1, q2 := n-1, n // indexes into cells, quarter "all" being 0
	var ok []int
	for q := n; q >= 1 && len(ok) < 2; q-- {
		if cells[q].short == "" {
			ok = append(ok, q)
		}
	}
	if len(ok) == 2 {
		q1, q2 = ok[1], ok[0]
	}
	e1, e2 := cells[q1], cells[q2]
	nan := math.NaN()
	p := data.Premium{Region: e2.region, Quarter: e1.quarter + "/" + e2.quarter, NOpenStack: e1.os.n + e2.os.n, NPython: e1.py.n + e2.py.n,
		MedianOpenStackUSD: nan, MedianPythonUSD: nan, Premium: nan, CILow: nan, CIHigh: nan,
		Confidence: cfg.Confidence, Method: data.MethodChange,
		LogGap: nan, SE: nan, PValue: nan, PHolm: nan, Explained: nan, Unexplained: nan, LargestEmployerShare: nan}
	p.Detail = fmt.Sprintf("change of the raw log gap from %s to %s, the last two quarters with estimates", e1.quarter, e2.quarter)
	if len(ok) < 2 {
		for _, e := range []*cellEstimate{e1, e2} {
			if e.short != "" {
				p.Note = joinNotes(p.Note, e.quarter+" "+e.short)
			}
		}
		return p, true
	}
	c := changeClustered(s, s.rows[r][q1], s.rows[r][q2], e1, e2, cfg.Confidence)
	p.NClusters = c.clusters
	p.Detail += fmt.Sprintf("; t interval on CR2 errors clustered by employer across both quarters, %d clusters, Bell–McCaffrey t(%.3g)", c.clusters, c.df)
	p = clusteredInterval(p, e2.gap-e1.gap, c, cfg.Confidence, false)
	p.Detail += fmt.Sprintf("; premium %s %+.1f%%, %s %+.1f%% (%+.1f points)",
		e1.quarter, 100*math.Expm1(e1.gap), e2.quarter, 100*math.Expm1(e2.gap), 100*(math.Expm1(e2.gap)-math.Expm1(e1.gap)))
	return p, true
}

// changeClustered is the clustered error of the interaction in the change
// regression over the postings of two quarters (obs1 earlier, obs2 later),
// whose fitted values are the four group means.
func changeClustered(s *postings, obs1, obs2 []int32, e1, e2 *cellEstimate, conf float64) clustered {
	obs := append(append(make([]int32, 0, len(obs1)+len(obs2)), obs1...), obs2...)
	means := []float64{e1.py.meanLog, e1.os.meanLog, e2.py.meanLog, e2.os.meanLog}
	row := func(k int) int32 {
		r := int32(0)
		if k >= len(obs1) {
			r = 2
		}
		if s.openstack[obs[k]] {
			r++
		}
		return r
	}
	resid := func(k int) float64 { return s.logs[s.valueID[obs[k]]] - means[row(k)] }
	sizes := []float64{float64(e1.py.n), float64(e1.os.n), float64(e2.py.n), float64(e2.os.n)}
	xtx := mat.NewSymDense(4, nil)
	for r, js := range changeOnes {
		for _, j := range js {
			for _, l := range js {
				if j <= l {
					xtx.SetSym(j, l, xtx.At(j, l)+sizes[r])
				}
			}
		}
	}
	var chol mat.Cholesky
	bread := mat.NewSymDense(4, nil)
	if !chol.Factorize(xtx) || chol.InverseTo(bread) != nil {
		return clustered{se: math.NaN(), df: math.NaN()}
	}
	clusterRow := make([]int32, s.clusters)
	for i := range clusterRow {
		clusterRow[i] = -1
	}
	return cr2(changeOnes, bread, clusterSums(s, obs, 4, row, resid, clusterRow), []float64{0, 0, 0, 1})
}
