package analyze

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// employerGroup is one side of a row (its OpenStack or its Python
// postings) as employers: for each employer, how many of its postings
// state each of the group's distinct pay values. A posting without a
// company is an employer of its own.
type employerGroup struct {
	g *group
	// start[e]:start[e+1] are employer e's atoms: a distinct value of g
	// (an index into g.usd) and how many of its postings state it.
	start []int32
	value []int32
	count []int32
}

// newEmployerGroup sorts the postings obs of group g into employers.
// isMember says which postings of obs belong to g. local is scratch of one
// entry per global pay value, all 0, returned so.
func newEmployerGroup(s *postings, obs []int32, isMember func(i int32) bool, g *group, local []int32) *employerGroup {
	for k, id := range g.ids {
		local[id] = int32(k)
	}
	type atom struct{ company, value int32 }
	atoms := make([]atom, 0, g.n)
	for _, i := range obs {
		if isMember(i) {
			atoms = append(atoms, atom{s.company[i], local[s.valueID[i]]})
		}
	}
	for _, id := range g.ids {
		local[id] = 0
	}
	slices.SortFunc(atoms, func(a, b atom) int {
		return cmp.Or(cmp.Compare(a.company, b.company), cmp.Compare(a.value, b.value))
	})
	e := &employerGroup{g: g}
	for k, a := range atoms {
		if k == 0 || a.company != atoms[k-1].company {
			e.start = append(e.start, int32(len(e.value)))
		}
		if k == 0 || a != atoms[k-1] {
			e.value = append(e.value, a.value)
			e.count = append(e.count, 0)
		}
		e.count[len(e.count)-1]++
	}
	e.start = append(e.start, int32(len(e.value)))
	return e
}

// employers is how many employers the group holds.
func (e *employerGroup) employers() int { return len(e.start) - 1 }

// resample draws as many employers as the group holds, with replacement,
// and fills counts (one per distinct value of the group) with their
// postings; it returns how many postings that is.
func (e *employerGroup) resample(s *sampler, counts []int32) int {
	clear(counts)
	n, m := 0, e.employers()
	for range m {
		j := s.index(m)
		for a := e.start[j]; a < e.start[j+1]; a++ {
			counts[e.value[a]] += e.count[a]
			n += int(e.count[a])
		}
	}
	return n
}

// employerMedians is the bootstrap distribution of the log ratio of median
// pay, OpenStack over Python, resampling employers within each role (a
// company posting both roles is drawn separately on each side): b rounds,
// OpenStack first in each. Resampling employers rather than postings keeps
// what an employer's postings share, so the interval widens as much as
// employers differ.
func employerMedians(s *sampler, os, py *employerGroup, b int) []float64 {
	out := make([]float64, b)
	cOS, cPy := make([]int32, len(os.g.freq)), make([]int32, len(py.g.freq))
	for i := range b {
		nOS := os.resample(s, cOS)
		nPy := py.resample(s, cPy)
		out[i] = math.Log(os.g.medianAt(cOS, nOS) / py.g.medianAt(cPy, nPy))
	}
	return out
}

// woodruffMinEmployers is the fewest employers both groups of a row need
// for the median's Woodruff interval; with fewer on either side the
// employer bootstrap is used. A bootstrap round draws every employer and
// every distinct (employer, pay) pair, so at tens of thousands of
// employers its 10,000 rounds cost minutes, while Woodruff's interval
// costs one pass over the employers. It rests on a normal approximation
// to the clustered share of postings at or below the median, which needs
// many employers; the bootstrap is cheap below this many and better in
// small samples (coverage table in docs/methods.md).
const woodruffMinEmployers = 200

// woodruffLogSE is the standard error of the log median of the group by
// Woodruff's (1952) interval under employer clusters, and its degrees of
// freedom. The share of the group's postings at or below its median m,
// F = Σ_e a_e / N (a_e of employer e's n_e postings at or below m), is
// the mean of the indicator 1[y ≤ m]; its CR2 variance (the regression on
// an intercept, whose leverage on employer e is n_e/N) is
//
//	var F = Σ_e (a_e − F·n_e)² / (1 − n_e/N) / N²
//
// with Bell–McCaffrey degrees of freedom (1/N)² / ((Σ_e w_e n_e²/N)² +
// Σ_e w_e² (n_e² − 2n_e³/N)), w_e = 1/(N²(1 − n_e/N)), so that one large
// employer counts as the few clusters it is. The median's interval is
// [Q(½ − t·se_F), Q(½ + t·se_F)], Q the group's quantile function and t
// the t quantile on those degrees of freedom for conf; the log median's
// standard error is the interval's width in logs over 2t. It is 0 when
// the interval is a single value.
func (e *employerGroup) woodruffLogSE(median, conf float64) (se, df float64) {
	g := e.g
	at := 0 // distinct values at or below the median: indices < at
	for at < len(g.usd) && g.usd[at] <= median {
		at++
	}
	emps := e.employers()
	n := float64(g.n)
	below := make([]float64, emps)
	size := make([]float64, emps)
	total := 0.0
	for j := range emps {
		for a := e.start[j]; a < e.start[j+1]; a++ {
			c := float64(e.count[a])
			size[j] += c
			if int(e.value[a]) < at {
				below[j] += c
			}
		}
		total += below[j]
	}
	f := total / n
	variance, cross, own := 0.0, 0.0, 0.0
	for j := range emps {
		w := 1 / (n * n * (1 - size[j]/n))
		d := below[j] - f*size[j]
		variance += w * d * d
		cross += w * size[j] * size[j] / n
		own += w * w * (size[j]*size[j] - 2*size[j]*size[j]*size[j]/n)
	}
	df = 1 / (n * n) / (cross*cross + own)
	t := tQuantile(df, conf)
	seF := math.Sqrt(variance)
	lo, hi := g.quantile(0.5-t*seF), g.quantile(0.5+t*seF)
	return (math.Log(hi) - math.Log(lo)) / (2 * t), df
}

// quantile is the group's pay at share p of its postings: the smallest
// value with at least p·n postings at or below it (the lowest value for
// p ≤ 0, the highest for p ≥ 1).
func (g *group) quantile(p float64) float64 {
	need := p * float64(g.n)
	seen := 0
	for k, c := range g.freq {
		seen += int(c)
		if float64(seen) >= need {
			return g.usd[k]
		}
	}
	return g.usd[len(g.usd)-1]
}

// tQuantile is the two-sided conf quantile of Student's t on df degrees
// of freedom.
func tQuantile(df, conf float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-conf)/2)
}

// medianInterval is the interval (log points) of the log ratio of median
// pay, OpenStack over Python, with its standard error and how it was
// made: Woodruff's interval on each side, combined as independent (t on
// Welch–Satterthwaite degrees of freedom), when
// both groups have at least woodruffMinEmployers employers, else the
// percentile interval of b employer-bootstrap rounds.
func medianInterval(cfg Config, rng *sampler, os, py *employerGroup, medOS, medPy float64) (lo, hi, se float64, how string, err error) {
	if os.employers() >= woodruffMinEmployers && py.employers() >= woodruffMinEmployers {
		seOS, dfOS := os.woodruffLogSE(medOS, cfg.Confidence)
		sePy, dfPy := py.woodruffLogSE(medPy, cfg.Confidence)
		se = math.Hypot(seOS, sePy)
		// Welch–Satterthwaite: the degrees of freedom of the sum of the
		// two variances.
		df := se * se * se * se / (math.Pow(seOS, 4)/dfOS + math.Pow(sePy, 4)/dfPy)
		how = fmt.Sprintf("Woodruff interval of each median from the CR2 employer-clustered variance of the share of postings at or below it (at least %d employers on each side), combined as independent, t(%.3g)",
			woodruffMinEmployers, df)
		if !(se > 0) {
			return 0, 0, math.NaN(), how, errors.New("both medians' Woodruff intervals are a single value: there is no spread to measure")
		}
		t := tQuantile(df, cfg.Confidence)
		gap := math.Log(medOS / medPy)
		return gap - t*se, gap + t*se, se, how, nil
	}
	medians := employerMedians(rng, os, py, cfg.Bootstrap)
	lo, hi, err = percentileInterval(sorted(medians), cfg.Confidence)
	how = fmt.Sprintf("percentile bootstrap resampling employers within each role, %d resamples, seed %d", cfg.Bootstrap, cfg.Seed)
	return lo, hi, spread(medians), how, err
}
