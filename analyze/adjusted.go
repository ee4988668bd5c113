package analyze

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// adjustedFit is the adjusted premium of one row: the OpenStack
// coefficient of the regression with its robust standard error, and the
// Oaxaca–Blinder split of the raw gap.
type adjustedFit struct {
	design *design
	fit    fit
	robust robust
	// explained is the part of the raw log gap due to OpenStack and Python
	// postings differing in the controls; unexplained (the coefficient) is
	// the rest. They sum to the raw log gap.
	explained, unexplained float64
}

// adjust fits the row's regression. With the indicator in the model, the
// two-fold Oaxaca–Blinder decomposition with pooled coefficients (Fortin
// 2006; Jann 2008) is exact: the raw gap ȳ₁ − ȳ₀ = (x̄₁ − x̄₀)ᵀγ + b, where γ
// are the control coefficients and b the indicator's, because OLS
// residuals sum to zero within each group when the intercept and the
// indicator are regressors.
func adjust(s *postings, obs []int32, minClusters int, scr *scratch) (adjustedFit, error) {
	d := newDesign(s, obs, scr.cellCount, scr.cellSum)
	f, err := d.solve()
	if err != nil {
		return adjustedFit{}, err
	}
	a := adjustedFit{design: d, fit: f, unexplained: f.beta[1]}
	a.robust = d.robustSE(s, obs, f, minClusters, scr.cellRow, scr.clusterRow)
	var nOS, nPy float64
	meanOS, meanPy := make([]float64, f.k), make([]float64, f.k)
	for r, c := range d.cells {
		dst := meanPy
		if s.cells.os[c] {
			dst, nOS = meanOS, nOS+d.size[r]
		} else {
			nPy += d.size[r]
		}
		for _, j := range d.ones[r] {
			dst[j] += d.size[r]
		}
	}
	for j := 2; j < f.k; j++ {
		a.explained += (meanOS[j]/nOS - meanPy[j]/nPy) * f.beta[j]
	}
	return a, nil
}

// interval is the t interval of the premium, exp(b ± t·se) − 1.
func (a adjustedFit) interval(conf float64) (lo, hi float64) {
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: a.robust.df}.Quantile(1 - (1-conf)/2)
	b, se := a.fit.beta[1], a.robust.se[1]
	return math.Expm1(b - t*se), math.Expm1(b + t*se)
}

// detail says what the regression held constant and how its errors were
// computed.
func (a adjustedFit) detail(controls []string) string {
	var b strings.Builder
	b.WriteString(regressionName(controls))
	fmt.Fprintf(&b, " (%d coefficients", a.fit.k)
	if n := len(a.design.dropped); n > 0 {
		fmt.Fprintf(&b, "; %d dropped as collinear or constant in this row", n)
	}
	b.WriteString("); ")
	switch a.robust.kind {
	case vcovCR1:
		fmt.Fprintf(&b, "CR1 errors clustered by company, %d companies, t(%g)", a.robust.clusters, a.robust.df)
	default:
		fmt.Fprintf(&b, "HC3 errors (%d companies, too few to cluster), t(%g)", a.robust.clusters, a.robust.df)
		if a.robust.leverageOne > 0 {
			fmt.Fprintf(&b, "; %d postings alone in a control level carry no weight", a.robust.leverageOne)
		}
	}
	fmt.Fprintf(&b, "; raw gap = %.4f explained + %.4f unexplained log points", a.explained, a.unexplained)
	return b.String()
}

// regressionName says what the regression holds constant.
func regressionName(controls []string) string {
	if len(controls) == 0 {
		return "OLS of ln pay on openstack"
	}
	return "OLS of ln pay on openstack + " + strings.Join(controls, ", ")
}
