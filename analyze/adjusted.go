package analyze

import (
	"fmt"
	"strings"
)

// adjustedFit is the adjusted premium of one row: the OpenStack
// coefficient of the regression with its CR2 standard error clustered by
// employer, and the Oaxaca–Blinder split of the raw gap.
type adjustedFit struct {
	design *design
	fit    fit
	robust clustered
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
func adjust(s *postings, obs []int32, scr *scratch) (adjustedFit, error) {
	d := newDesign(s, obs, scr.cellCount, scr.cellSum)
	f, err := d.solve()
	if err != nil {
		return adjustedFit{}, err
	}
	a := adjustedFit{design: d, fit: f, unexplained: f.beta[1]}
	a.robust = d.clusteredSE(s, obs, f, scr.cellRow, scr.clusterRow)
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

// detail says what the regression held constant and how its errors were
// computed.
func (a adjustedFit) detail(controls []string) string {
	var b strings.Builder
	b.WriteString(regressionName(controls))
	fmt.Fprintf(&b, " (%d coefficients", a.fit.k)
	if n := len(a.design.dropped); n > 0 {
		fmt.Fprintf(&b, "; %d dropped as collinear or constant in this row", n)
	}
	fmt.Fprintf(&b, "); CR2 errors clustered by employer, %d clusters, Bell–McCaffrey t(%.3g)", a.robust.clusters, a.robust.df)
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
