package analyze

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// clusterCell is what one cluster (an employer, or a posting without a
// company) holds of one row of a design: how many postings and the sum of
// their residuals. CR2 needs nothing else, since postings of one cell
// share their regressors.
type clusterCell struct {
	row   int32 // design row (covariate cell)
	n     float64
	resid float64
}

// clustered is a coefficient's CR2 standard error with its Bell–McCaffrey
// degrees of freedom.
type clustered struct {
	se, df   float64
	clusters int
}

// cr2 computes the CR2 standard error of the contrast cᵀβ of an OLS fit and
// its Bell–McCaffrey degrees of freedom (Bell & McCaffrey 2002; Pustejovsky
// & Tipton 2018, working model Φ = I), from cluster sums: ones[r] are the
// columns equal to 1 on design row r (every regressor is 0 or 1), bread is
// (XᵀX)⁻¹ over postings, and clusters list each cluster's cells.
//
// For cluster g with cells a (n_a postings, residual sum E_a), H_gg is
// constant on each cell's block, so with S = N^{1/2} X_c M X_cᵀ N^{1/2}
// (k×k, k the cluster's cells) and T = (I − S)^{−1/2} (pseudo-inverse: an
// eigenvalue 0 gives 0), the adjustment A_g = (I − H_gg)^{−1/2} gives
//
//	cᵀM X_gᵀ A_g e_g = Σ_a q_a √n_a (T E/√n)_a,   q_a = x_aᵀ M c,
//
// and the variance is the sum of its squares. The degrees of freedom are
// (Σ_g p_gᵀp_g)² / Σ_{g,h} (p_gᵀp_h)² with p_g = (I − H)_gᵀ A_g X_g M c.
// With v_g = N^{−1/2} T (√n ⊙ q), d_g = Σ_a n_a v_a² and z_g = X_cᵀ N v_g,
// p_gᵀp_h = δ_gh d_g − z_gᵀ M z_h, so both sums cost O(G·K²) and no N×N
// matrix is ever formed.
//
// Only the entries of z_g on the cluster's columns are nonzero, so a
// cluster costs the square of its columns, not of K.
func cr2(ones [][]int, bread *mat.SymDense, clusters [][]clusterCell, c []float64) clustered {
	k, _ := bread.Dims()
	mc := make([]float64, k)
	for j := range k {
		for l, cl := range c {
			mc[j] += bread.At(j, l) * cl
		}
	}
	q := make([]float64, len(ones))
	for r, js := range ones {
		for _, j := range js {
			q[r] += mc[j]
		}
	}
	var variance, sumD, sumD2, sumDZ, sumZ float64
	ztz := mat.NewSymDense(k, nil)
	z := make([]float64, k)
	inZ := make([]bool, k)
	var nonzero []int
	var eig mat.EigenSym
	for _, cells := range clusters {
		tr, tq := make([]float64, len(cells)), make([]float64, len(cells))
		for b, cb := range cells {
			tr[b], tq[b] = cb.resid/math.Sqrt(cb.n), math.Sqrt(cb.n)*q[cb.row]
		}
		applyInverseRoot(cells, ones, bread, &eig, tr, tq)
		score, d := 0.0, 0.0
		for _, j := range nonzero {
			z[j], inZ[j] = 0, false
		}
		nonzero = nonzero[:0]
		for a, ca := range cells {
			score += q[ca.row] * math.Sqrt(ca.n) * tr[a]
			va := tq[a] / math.Sqrt(ca.n)
			d += ca.n * va * va
			for _, j := range ones[ca.row] {
				z[j] += ca.n * va
				if !inZ[j] {
					inZ[j] = true
					nonzero = append(nonzero, j)
				}
			}
		}
		variance += score * score
		zmz := 0.0
		for _, j := range nonzero {
			for _, l := range nonzero {
				zmz += z[j] * bread.At(j, l) * z[l]
				if j <= l {
					ztz.SetSym(j, l, ztz.At(j, l)+z[j]*z[l])
				}
			}
		}
		sumD += d
		sumD2 += d * d
		sumDZ += d * zmz
		sumZ += zmz
	}
	var mztz mat.Dense
	mztz.Mul(bread, ztz)
	var sq mat.Dense
	sq.Mul(&mztz, &mztz)
	num := sumD - sumZ
	df := num * num / (sumD2 - 2*sumDZ + mat.Trace(&sq))
	return clustered{se: math.Sqrt(variance), df: df, clusters: len(clusters)}
}

// applyInverseRoot replaces each of xs (one entry per cell of the
// cluster) by T·x, T = (I − S)^{−1/2} as cr2 defines it. S = A·B·Aᵀ, with
// A the cluster's design rows scaled by √n_a (k×c, c the cluster's
// columns J) and B = bread on J, has rank at most c: with B = L·Lᵀ
// (Cholesky) and G = A·L, the nonzero eigenvalues λ of S are those of
// GᵀG = V·Λ·Vᵀ, and T = I + G·V·diag((invSqrt(1 − λ) − 1)/λ)·Vᵀ·Gᵀ. So when
// the cluster has fewer columns than cells (a large employer: many cells
// of few regressors) T·x costs a c×c eigendecomposition and O(k·c), not
// inverseRoot's k×k one; otherwise inverseRoot's T is applied.
func applyInverseRoot(cells []clusterCell, ones [][]int, bread *mat.SymDense, eig *mat.EigenSym, xs ...[]float64) {
	m := len(cells)
	col := map[int]int{} // regressor → its place in J
	var cols []int
	for _, ca := range cells {
		for _, j := range ones[ca.row] {
			if _, ok := col[j]; !ok {
				col[j] = len(cols)
				cols = append(cols, j)
			}
		}
	}
	c := len(cols)
	var chol mat.Cholesky
	if c >= m || !chol.Factorize(subSym(bread, cols)) {
		t := inverseRoot(cells, ones, bread, eig)
		for _, x := range xs {
			y := make([]float64, m)
			for a := range m {
				for b := range m {
					y[a] += t[a*m+b] * x[b]
				}
			}
			copy(x, y)
		}
		return
	}
	var l mat.TriDense
	chol.LTo(&l)
	g := mat.NewDense(m, c, nil)
	for a, ca := range cells {
		row := g.RawRowView(a)
		for _, j := range ones[ca.row] {
			for e := range c {
				row[e] += l.At(col[j], e)
			}
		}
		for e := range row {
			row[e] *= math.Sqrt(ca.n)
		}
	}
	gtg := mat.NewSymDense(c, nil)
	gtg.SymOuterK(1, g.T())
	if !eig.Factorize(gtg, true) {
		for _, x := range xs {
			for a := range x {
				x[a] = math.NaN()
			}
		}
		return
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	scale := make([]float64, c)
	for e, lambda := range vals {
		// An eigenvalue 0 up to rounding has G·v ≈ 0: it adds nothing.
		if lambda > 1e-14 {
			scale[e] = (invSqrt(1-lambda) - 1) / lambda
		}
	}
	var gx, w, u, add mat.VecDense
	for _, x := range xs {
		xv := mat.NewVecDense(m, x)
		gx.MulVec(g.T(), xv)
		w.MulVec(vecs.T(), &gx)
		for e := range c {
			w.SetVec(e, w.AtVec(e)*scale[e])
		}
		u.MulVec(&vecs, &w)
		add.MulVec(g, &u)
		xv.AddVec(xv, &add)
	}
}

// subSym is the submatrix of a on rows and columns idx.
func subSym(a *mat.SymDense, idx []int) *mat.SymDense {
	out := mat.NewSymDense(len(idx), nil)
	for i, j := range idx {
		for k := i; k < len(idx); k++ {
			out.SetSym(i, k, a.At(j, idx[k]))
		}
	}
	return out
}

// inverseRoot is T = (I − S)^{−1/2} of one cluster, row-major m×m, as cr2
// defines it; a cluster of one cell (most employers, every posting without
// a company) needs no eigendecomposition.
func inverseRoot(cells []clusterCell, ones [][]int, bread *mat.SymDense, eig *mat.EigenSym) []float64 {
	m := len(cells)
	s := make([]float64, m*m)
	for a, ca := range cells {
		for b := a; b < m; b++ {
			cb := cells[b]
			kab := 0.0
			for _, j := range ones[ca.row] {
				for _, l := range ones[cb.row] {
					kab += bread.At(j, l)
				}
			}
			v := -math.Sqrt(ca.n*cb.n) * kab
			if a == b {
				v++
			}
			s[a*m+b], s[b*m+a] = v, v
		}
	}
	if m == 1 {
		s[0] = invSqrt(s[0])
		return s
	}
	if !eig.Factorize(mat.NewSymDense(m, s), true) {
		// EigenSym fails only on NaN input; the variance is then NaN too.
		for i := range s {
			s[i] = math.NaN()
		}
		return s
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	for a := range m {
		for b := range m {
			v := 0.0
			for e, lambda := range vals {
				v += vecs.At(a, e) * invSqrt(lambda) * vecs.At(b, e)
			}
			s[a*m+b] = v
		}
	}
	return s
}

// invSqrt is λ^{−1/2}, and 0 for an eigenvalue that is 0 up to rounding
// (the pseudo-inverse): a cluster holding every posting of a cell.
func invSqrt(lambda float64) float64 {
	if lambda <= 1e-12 {
		return 0
	}
	return 1 / math.Sqrt(lambda)
}

// clusterSums groups a row's postings by cluster (counting sort, O(n)):
// row and resid give the design row and residual of the posting at each
// position of obs; nRows is the design's row count. clusterRow is scratch
// of one entry per cluster, all −1, returned so.
func clusterSums(s *postings, obs []int32, nRows int, row func(k int) int32, resid func(k int) float64, clusterRow []int32) [][]clusterCell {
	var touched []int32
	var count []int32
	for _, i := range obs {
		g := s.company[i]
		if clusterRow[g] < 0 {
			clusterRow[g] = int32(len(touched))
			touched = append(touched, g)
			count = append(count, 0)
		}
		count[clusterRow[g]]++
	}
	start := make([]int32, len(touched)+1)
	for c, n := range count {
		start[c+1] = start[c] + n
	}
	order := make([]int32, len(obs))
	next := append([]int32(nil), start[:len(touched)]...)
	for k, i := range obs {
		c := clusterRow[s.company[i]]
		order[next[c]] = int32(k)
		next[c]++
	}
	for _, g := range touched {
		clusterRow[g] = -1
	}
	slot := make([]int32, nRows)
	for r := range slot {
		slot[r] = -1
	}
	out := make([][]clusterCell, len(touched))
	for c := range touched {
		var cells []clusterCell
		for _, k := range order[start[c]:start[c+1]] {
			r := row(int(k))
			if slot[r] < 0 {
				slot[r] = int32(len(cells))
				cells = append(cells, clusterCell{row: r})
			}
			cc := &cells[slot[r]]
			cc.n++
			cc.resid += resid(int(k))
		}
		for _, cc := range cells {
			slot[cc.row] = -1
		}
		out[c] = cells
	}
	return out
}

// pick is the contrast picking coefficient j of k.
func pick(k, j int) []float64 {
	c := make([]float64, k)
	c[j] = 1
	return c
}
