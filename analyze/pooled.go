package analyze

import (
	"fmt"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// regionGap is one region's raw log gap and its sampling variance, the
// input of partial pooling.
type regionGap struct {
	gap, variance float64
}

// pooledEstimate is a posterior: the mean and standard deviation of a log
// gap, a central interval, and for a region the posterior weight of its
// own data (1 − shrinkage).
type pooledEstimate struct {
	mean, sd, lo, hi float64
	ownWeight        float64
}

// pooling is the outcome of partial pooling over one quarter's regions.
type pooling struct {
	regions []pooledEstimate // in input order
	overall pooledEstimate   // the mean across regions, μ
	tau     float64          // posterior median of the between-region SD, log points
}

// minPooledRegions: with fewer regions the between-region spread has no
// proper posterior under a flat prior (its density falls as τ^(1−k)).
const minPooledRegions = 3

// tauGrid is the number of points the between-region spread is integrated
// over.
const tauGrid = 1000

// partialPool shrinks regional log gaps toward their common mean with the
// normal–normal model
//
//	gap_r ~ N(θ_r, v_r),  θ_r ~ N(μ, τ²)
//
// Given τ, θ_r's posterior is normal with mean (1 − B_r)·gap_r + B_r·μ̂ and
// variance (1 − B_r)·v_r + B_r²·Var(μ̂), where B_r = v_r/(v_r + τ²) and μ̂ is
// the precision-weighted mean (Gelman et al., Bayesian Data Analysis,
// §5.4). Rather than plug in one estimate of τ — which is often 0 with five
// regions and then gives intervals that are too short — τ is integrated
// over its posterior under a flat prior (proportional to the restricted
// likelihood), on a grid, so the interval carries the uncertainty about
// how much to pool. Intervals are central quantiles of the resulting
// normal mixture. It needs at least minPooledRegions regions.
func partialPool(gaps []regionGap, conf float64) (pooling, bool) {
	k := len(gaps)
	if k < minPooledRegions {
		return pooling{}, false
	}
	// Grid in u ∈ (0, 1), τ = scale·u/(1 − u): dense near 0 and reaching
	// far into the tail; the Jacobian scale/(1 − u)² enters the weights.
	var meanGap, meanVar float64
	for _, g := range gaps {
		meanGap += g.gap / float64(k)
		meanVar += g.variance / float64(k)
	}
	spreadGap := 0.0
	for _, g := range gaps {
		spreadGap += (g.gap - meanGap) * (g.gap - meanGap) / float64(k-1)
	}
	scale := math.Max(math.Sqrt(spreadGap), math.Sqrt(meanVar))
	type point struct {
		tau, logw, mu, varMu float64
	}
	pts := make([]point, tauGrid)
	maxLog := math.Inf(-1)
	for i := range pts {
		u := (float64(i) + 0.5) / tauGrid
		tau := scale * u / (1 - u)
		var sw, swg, logDet float64
		for _, g := range gaps {
			w := 1 / (g.variance + tau*tau)
			sw += w
			swg += w * g.gap
			logDet += math.Log(w)
		}
		mu := swg / sw
		q := 0.0
		for _, g := range gaps {
			q += (g.gap - mu) * (g.gap - mu) / (g.variance + tau*tau)
		}
		logw := 0.5*logDet - 0.5*math.Log(sw) - 0.5*q + math.Log(scale/((1-u)*(1-u)))
		pts[i] = point{tau, logw, mu, 1 / sw}
		maxLog = math.Max(maxLog, logw)
	}
	weights := make([]float64, tauGrid)
	total := 0.0
	for i, p := range pts {
		weights[i] = math.Exp(p.logw - maxLog)
		total += weights[i]
	}
	for i := range weights {
		weights[i] /= total
	}

	out := pooling{regions: make([]pooledEstimate, k)}
	cum := 0.0
	for i, p := range pts {
		cum += weights[i]
		if cum >= 0.5 {
			out.tau = p.tau
			break
		}
	}
	means, vars := make([]float64, tauGrid), make([]float64, tauGrid)
	for r, g := range gaps {
		own := 0.0
		for i, p := range pts {
			shrink := g.variance / (g.variance + p.tau*p.tau)
			means[i] = (1-shrink)*g.gap + shrink*p.mu
			vars[i] = (1-shrink)*g.variance + shrink*shrink*p.varMu
			own += weights[i] * (1 - shrink)
		}
		out.regions[r] = mixture(weights, means, vars, conf)
		out.regions[r].ownWeight = own
	}
	for i, p := range pts {
		means[i], vars[i] = p.mu, p.varMu
	}
	out.overall = mixture(weights, means, vars, conf)
	return out, true
}

// mixture summarizes Σ w_i N(m_i, v_i): its mean, standard deviation and
// central conf interval, the interval's ends found by bisection on the
// mixture's distribution function.
func mixture(w, m, v []float64, conf float64) pooledEstimate {
	var mean, second float64
	lo, hi := math.Inf(1), math.Inf(-1)
	var idx []int
	for i := range w {
		if w[i] < 1e-15 {
			continue // no visible weight; skipping it speeds the bisection
		}
		idx = append(idx, i)
		mean += w[i] * m[i]
		second += w[i] * (v[i] + m[i]*m[i])
		sd := math.Sqrt(v[i])
		lo, hi = math.Min(lo, m[i]-10*sd), math.Max(hi, m[i]+10*sd)
	}
	cdf := func(x float64) float64 {
		s := 0.0
		for _, i := range idx {
			s += w[i] * 0.5 * math.Erfc(-(x-m[i])/math.Sqrt(2*v[i]))
		}
		return s
	}
	quantile := func(p float64) float64 {
		a, b := lo, hi
		for range 60 {
			mid := (a + b) / 2
			if cdf(mid) < p {
				a = mid
			} else {
				b = mid
			}
		}
		return (a + b) / 2
	}
	alpha := (1 - conf) / 2
	return pooledEstimate{mean: mean, sd: math.Sqrt(math.Max(0, second-mean*mean)),
		lo: quantile(alpha), hi: quantile(1 - alpha)}
}

// gapVariance is the sampling variance of a row's raw log gap,
// s²_OS/n_OS + s²_Py/n_Py. A group smaller than minOwn uses the
// within-region variance of its role pooled over the quarter's regions
// (pooledOS, pooledPy), since a handful of postings says little about
// spread and an accidentally small variance would escape shrinkage.
func gapVariance(os, py *group, minOwn int, pooledOS, pooledPy float64) float64 {
	v := func(g *group, pooled float64) float64 {
		if g.n >= minOwn {
			return logVariance(g)
		}
		return pooled
	}
	return v(os, pooledOS)/float64(os.n) + v(py, pooledPy)/float64(py.n)
}

// logVariance is the sample variance (n − 1) of a group's log pay.
func logVariance(g *group) float64 {
	if g.n < 2 {
		return math.NaN()
	}
	ss := 0.0
	for k, f := range g.freq {
		d := g.logs[k] - g.meanLog
		ss += float64(f) * d * d
	}
	return ss / float64(g.n-1)
}

// pooledVariance is the within-group variance of log pay pooled over
// groups, Σ(n − 1)s² / Σ(n − 1); NaN when no group has two postings.
func pooledVariance(groups []*group) float64 {
	var ss, df float64
	for _, g := range groups {
		if g == nil || g.n < 2 {
			continue
		}
		ss += logVariance(g) * float64(g.n-1)
		df += float64(g.n - 1)
	}
	if df == 0 {
		return math.NaN()
	}
	return ss / df
}

// pooledRows makes the partially pooled rows of quarter q: one per region
// (index 0 is All regions: the mean across regions).
func pooledRows(cfg Config, cells [][]*cellEstimate, q int) []data.Premium {
	out := make([]data.Premium, len(cells))
	for r := range cells {
		out[r] = baseRow(cfg, cells[r][q], data.MethodPooled)
		out[r].Note = badPayNote(cells[r][q].bad)
	}
	var osGroups, pyGroups []*group
	for r := 1; r < len(cells); r++ {
		osGroups, pyGroups = append(osGroups, cells[r][q].os), append(pyGroups, cells[r][q].py)
	}
	pooledOS, pooledPy := pooledVariance(osGroups), pooledVariance(pyGroups)
	var gaps []regionGap
	var members []int
	for r := 1; r < len(cells); r++ {
		e := cells[r][q]
		switch {
		case e.os.n == 0 || e.py.n == 0:
			out[r].Note = joinNotes(out[r].Note, "withheld: no postings with pay in one group")
			continue
		}
		v := gapVariance(e.os, e.py, cfg.MinGroupSize, pooledOS, pooledPy)
		if !(v > 0) {
			out[r].Note = joinNotes(out[r].Note, "withheld: no spread in pay to weigh the region by")
			continue
		}
		gaps = append(gaps, regionGap{gap: e.gap, variance: v})
		members = append(members, r)
	}
	pool, ok := partialPool(gaps, cfg.Confidence)
	if !ok {
		note := fmt.Sprintf("withheld: fewer than %d regions with postings in both groups to pool", minPooledRegions)
		for r := range out {
			if !strings.Contains(out[r].Note, "withheld:") {
				out[r].Note = joinNotes(out[r].Note, note)
			}
		}
		return out
	}
	fill := func(p *data.Premium, est pooledEstimate) {
		p.LogGap, p.SE = est.mean, est.sd
		p.Premium, p.CILow, p.CIHigh = math.Expm1(est.mean), math.Expm1(est.lo), math.Expm1(est.hi)
	}
	for i, r := range members {
		est := pool.regions[i]
		fill(&out[r], est)
		out[r].Detail = fmt.Sprintf("normal–normal partial pooling toward the mean of %d regions: %.0f%% weight on the region's own data; between-region SD %.3g log points (posterior median); the interval covers at its level on average across regions, not for a given region; regional variances take postings as independent",
			len(members), 100*est.ownWeight, pool.tau)
		if s := cells[r][q].short; s != "" {
			out[r].Note = joinNotes(out[r].Note, "raw estimate "+s+"; this partially pooled estimate leans on the other regions")
		}
	}
	fill(&out[0], pool.overall)
	out[0].Detail = fmt.Sprintf("random-effects mean of the premium across %d regions, each region weighed by its precision 1/(v_r + τ²) (not by its postings, as the raw All regions row is, nor alike); between-region SD τ %.3g log points (posterior median)",
		len(members), pool.tau)
	return out
}
