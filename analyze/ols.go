package analyze

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// design is one row's regression of log pay on an intercept, the OpenStack
// indicator and dummies for the control levels, held by covariate cell:
// every control is categorical, so the postings of a cell share their
// regressors, and OLS on the postings equals weighted least squares on the
// cell means with the cell sizes as weights (same normal equations). The
// fit is a QR factorization of the weighted cell matrix, never the normal
// equations.
type design struct {
	cells   []int32   // global cell ids present in the row, ascending
	size    []float64 // postings per cell
	meanY   []float64 // mean log pay per cell
	names   []string  // kept columns: "(intercept)", "openstack", "country=DE", ...
	ones    [][]int   // per cell: the kept columns that are 1 (the rest are 0)
	dropped []string  // columns left out as linear combinations of earlier ones
	n       int
}

// collinearTol is the share of a column's length that must remain after
// projecting out the columns before it for the column to be kept.
const collinearTol = 1e-9

// newDesign builds the design of a row from its postings. count and sum
// are zeroed scratch buffers of one entry per global cell, returned zeroed.
func newDesign(s *postings, obs []int32, count []int32, sum []float64) *design {
	d := &design{n: len(obs)}
	for _, i := range obs {
		c := s.cell[i]
		if count[c] == 0 {
			d.cells = append(d.cells, c)
		}
		count[c]++
		sum[c] += s.logs[s.valueID[i]]
	}
	slices.Sort(d.cells)
	for _, c := range d.cells {
		d.size = append(d.size, float64(count[c]))
		d.meanY = append(d.meanY, sum[c]/float64(count[c]))
		count[c], sum[c] = 0, 0
	}

	// Candidate columns: intercept, indicator, then per control every
	// level present but the first (the reference level).
	t := &s.cells
	type column struct {
		name           string
		control, level int32 // control −1: intercept; −2: indicator
	}
	cols := []column{{"(intercept)", -1, 0}, {"openstack", -2, 0}}
	for ci := range t.controls {
		present := map[int32]bool{}
		for _, c := range d.cells {
			present[t.level[c][ci]] = true
		}
		var lv []int32
		for l := range present {
			lv = append(lv, l)
		}
		slices.Sort(lv) // map order must not leak into the column order
		for _, l := range lv[1:] {
			cols = append(cols, column{t.controls[ci] + "=" + levelName(t.levels[ci][l]), int32(ci), l})
		}
	}
	isOne := func(c int32, col column) bool {
		switch col.control {
		case -1:
			return true
		case -2:
			return t.os[c]
		}
		return t.level[c][col.control] == col.level
	}

	// Keep a column when it is not (numerically) a combination of the kept
	// ones: modified Gram–Schmidt on the weighted cell matrix, twice for
	// stability. A control constant within the row (quarter in a quarter's
	// row) or a level that coincides with another goes into dropped.
	var basis [][]float64
	var kept []column
	for _, col := range cols {
		v := make([]float64, len(d.cells))
		for r, c := range d.cells {
			if isOne(c, col) {
				v[r] = math.Sqrt(d.size[r])
			}
		}
		norm := math.Sqrt(dot(v, v))
		for range 2 {
			for _, q := range basis {
				axpy(-dot(q, v), q, v)
			}
		}
		rest := math.Sqrt(dot(v, v))
		if rest <= collinearTol*norm {
			d.dropped = append(d.dropped, col.name)
			continue
		}
		for k := range v {
			v[k] /= rest
		}
		basis = append(basis, v)
		kept = append(kept, col)
	}
	d.ones = make([][]int, len(d.cells))
	for r, c := range d.cells {
		for j, col := range kept {
			if isOne(c, col) {
				d.ones[r] = append(d.ones[r], j)
			}
		}
	}
	for _, col := range kept {
		d.names = append(d.names, col.name)
	}
	return d
}

func levelName(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(alpha float64, x, y []float64) {
	for i := range x {
		y[i] += alpha * x[i]
	}
}

// fit is a least-squares solution with what the variance estimators need.
type fit struct {
	beta  []float64
	bread *mat.SymDense // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ from the QR factor R
	k     int           // columns
}

var errRankDeficient = errors.New("the controls leave no variation to estimate from")

// solve fits the design by QR: minimize ‖W^{1/2}(ȳ − Xβ)‖ over the cell
// means with W the cell sizes.
func (d *design) solve() (fit, error) {
	k := len(d.names)
	if d.n <= k {
		return fit{}, fmt.Errorf("%d postings for %d coefficients: %w", d.n, k, errRankDeficient)
	}
	a := mat.NewDense(len(d.cells), k, nil)
	y := mat.NewVecDense(len(d.cells), nil)
	for r := range d.cells {
		w := math.Sqrt(d.size[r])
		for _, j := range d.ones[r] {
			a.Set(r, j, w)
		}
		y.SetVec(r, w*d.meanY[r])
	}
	var qr mat.QR
	qr.Factorize(a)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, y); err != nil {
		return fit{}, fmt.Errorf("least squares: %w", err)
	}
	var r mat.Dense
	qr.RTo(&r)
	upper := mat.NewTriDense(k, mat.Upper, nil)
	upper.Copy(r.Slice(0, k, 0, k))
	var rInv mat.TriDense
	if err := rInv.InverseTri(upper); err != nil {
		return fit{}, fmt.Errorf("invert R: %w", err)
	}
	bread := mat.NewSymDense(k, nil)
	bread.SymOuterK(1, &rInv) // R⁻¹R⁻ᵀ
	return fit{beta: mat.Col(nil, 0, &beta), bread: bread, k: k}, nil
}

// fitted is the fitted log pay of cell r of the design.
func (d *design) fitted(f fit, r int) float64 {
	v := 0.0
	for _, j := range d.ones[r] {
		v += f.beta[j]
	}
	return v
}

// clusteredSE is the CR2 standard error of the OpenStack coefficient,
// clustered by employer, with Bell–McCaffrey degrees of freedom (cr2),
// from the postings' residual sums per employer and cell. cellRow and
// clusterRow are scratch buffers of one entry per global cell and per
// cluster, all −1, returned so.
func (d *design) clusteredSE(s *postings, obs []int32, f fit, cellRow, clusterRow []int32) clustered {
	for r, c := range d.cells {
		cellRow[c] = int32(r)
	}
	fitted := make([]float64, len(d.cells))
	for r := range d.cells {
		fitted[r] = d.fitted(f, r)
	}
	row := func(k int) int32 { return cellRow[s.cell[obs[k]]] }
	resid := func(k int) float64 { return s.logs[s.valueID[obs[k]]] - fitted[cellRow[s.cell[obs[k]]]] }
	clusters := clusterSums(s, obs, len(d.cells), row, resid, clusterRow)
	for _, c := range d.cells {
		cellRow[c] = -1
	}
	return cr2(d.ones, f.bread, clusters, pick(f.k, 1))
}
