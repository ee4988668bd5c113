package analyze

import (
	"errors"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/jobmarket/jobmarket/internal/quantile"
)

// Reasons an interval cannot be given; the row's note says which.
var (
	errNoSpread = errors.New("every resample gives the same value, so the data show no sampling spread")
	errOneSided = errors.New("BCa is undefined: the bootstrap distribution lies entirely on one side of the estimate")
)

// percentileInterval is the central conf interval of sorted replicates.
func percentileInterval(sorted []float64, conf float64) (lo, hi float64, err error) {
	if sorted[0] == sorted[len(sorted)-1] {
		return math.NaN(), math.NaN(), errNoSpread
	}
	alpha := (1 - conf) / 2
	return quantile.Type7(sorted, alpha), quantile.Type7(sorted, 1-alpha), nil
}

// bcaInterval is the bias-corrected and accelerated interval (Efron 1987)
// from sorted replicates, the estimate theta (computed the way replicates
// are, so that ties compare exactly) and the acceleration a:
//
//	z0 = Φ⁻¹(share of replicates below theta, ties counted half)
//	α' = Φ(z0 + (z0 + z_α)/(1 − a(z0 + z_α)))
//
// and the bounds are the α' quantiles of the replicates, as in
// scipy.stats.bootstrap(method='BCa').
func bcaInterval(sorted []float64, theta, a, conf float64) (lo, hi float64, err error) {
	if sorted[0] == sorted[len(sorted)-1] {
		return math.NaN(), math.NaN(), errNoSpread
	}
	below := sort.SearchFloat64s(sorted, theta)                                          // replicates < theta
	atOrBelow := sort.Search(len(sorted), func(i int) bool { return sorted[i] > theta }) // replicates ≤ theta
	z0 := distuv.UnitNormal.Quantile(float64(below+atOrBelow) / float64(2*len(sorted)))
	if math.IsInf(z0, 0) {
		return math.NaN(), math.NaN(), errOneSided
	}
	adjust := func(alpha float64) float64 {
		z := z0 + distuv.UnitNormal.Quantile(alpha)
		return distuv.UnitNormal.CDF(z0 + z/(1-a*z))
	}
	alpha := (1 - conf) / 2
	a1, a2 := adjust(alpha), adjust(1-alpha)
	if !(a1 >= 0 && a2 <= 1 && a1 < a2) {
		return math.NaN(), math.NaN(), errOneSided
	}
	return quantile.Type7(sorted, a1), quantile.Type7(sorted, a2), nil
}
