package analyze

import "math"

// permutationP is the two-sided permutation p-value for "no premium": the
// OpenStack and Python labels of the row's postings are shuffled
// `permutations` times, the log gap recomputed each time, and
//
//	p = min(1, 2·min(P(gap* ≤ gap), P(gap* ≥ gap)))
//
// with each share counted as (hits + 1)/(permutations + 1), so p is never
// 0 and the test is exact at its level (Phipson & Smyth 2010); comparisons
// allow a relative 100 ulp so that rearrangements equal to the data in
// exact arithmetic count as ties. This is scipy.stats.permutation_test's
// two-sided rule.
//
// A shuffle only decides which postings are called OpenStack, and the gap
// depends only on the sum S of their log pay: gap = S/n₁ − (T − S)/n₂. See
// labelSum for how S is drawn.
func permutationP(s *sampler, os, py *group, permutations int) float64 {
	pooled, fromOS := pool(os, py)
	n1, n2 := os.n, py.n
	total, observedSum := 0.0, 0.0
	for k, f := range pooled.freq {
		total += float64(f) * pooled.logs[k]
		observedSum += float64(fromOS[k]) * pooled.logs[k]
	}
	gap := func(sumOS float64) float64 { return sumOS/float64(n1) - (total-sumOS)/float64(n2) }
	observed := gap(observedSum)
	tol := 100 * 0x1p-52 * math.Abs(observed)
	var low, high int
	for range permutations {
		g := gap(pooled.labelSum(s, n1, total))
		if g <= observed+tol {
			low++
		}
		if g >= observed-tol {
			high++
		}
	}
	share := func(hits int) float64 { return float64(hits+1) / float64(permutations+1) }
	return math.Min(1, 2*math.Min(share(low), share(high)))
}

// pool merges two groups into one holding the postings of both, and says
// how many postings of each distinct value are OpenStack.
func pool(os, py *group) (pooled *group, fromOS []int32) {
	pooled = &group{n: os.n + py.n}
	add := func(g *group, k int, f, fOS int32) {
		pooled.ids = append(pooled.ids, g.ids[k])
		pooled.usd = append(pooled.usd, g.usd[k])
		pooled.logs = append(pooled.logs, g.logs[k])
		pooled.freq = append(pooled.freq, f)
		fromOS = append(fromOS, fOS)
	}
	i, j := 0, 0
	for i < len(os.ids) || j < len(py.ids) {
		switch {
		case j == len(py.ids) || (i < len(os.ids) && os.ids[i] < py.ids[j]):
			add(os, i, os.freq[i], os.freq[i])
			i++
		case i == len(os.ids) || py.ids[j] < os.ids[i]:
			add(py, j, py.freq[j], 0)
			j++
		default:
			add(os, i, os.freq[i]+py.freq[j], os.freq[i])
			i++
			j++
		}
	}
	pooled.meanLog = pooled.meanOf(pooled.freq)
	pooled.plan()
	return pooled, fromOS
}

// labelSum draws the log-pay sum of m postings taken at random without
// replacement from the group (the postings a shuffle labels OpenStack);
// total is the sum over all postings.
//
// With few distinct values, how many of the m each unit receives is
// multivariate hypergeometric, drawn as a chain of hypergeometric draws
// (its factorization into conditionals); a bucket of rare values then
// deals its share out by a partial Fisher–Yates shuffle of its postings.
// Otherwise the smaller of the m and the rest are dealt out by a partial
// Fisher–Yates shuffle of all postings. Neither resets its array between
// draws: the first c steps of Fisher–Yates give a uniform c-subset from
// any starting order.
func (g *group) labelSum(s *sampler, m int, total float64) float64 {
	if g.units == nil {
		take := min(m, g.n-m)
		sum := 0.0
		for i := range take {
			j := i + s.index(g.n-i)
			g.slot[i], g.slot[j] = g.slot[j], g.slot[i]
			sum += g.logs[g.slot[i]]
		}
		if take == m {
			return sum
		}
		return total - sum
	}
	sum := 0.0
	left, leftLabels := g.n, m
	for _, u := range g.units {
		if leftLabels == 0 {
			break
		}
		c := s.hypergeometric(int(u.size), left-int(u.size), leftLabels)
		left -= int(u.size)
		leftLabels -= c
		if u.value >= 0 {
			sum += float64(c) * g.logs[u.value]
			continue
		}
		bucket := g.slot[u.offset : u.offset+u.size]
		for i := range c {
			j := i + s.index(len(bucket)-i)
			bucket[i], bucket[j] = bucket[j], bucket[i]
			sum += g.logs[bucket[i]]
		}
	}
	return sum
}

// holm adjusts p-values for testing them all at once, controlling the
// chance of any false "premium" among the regions (Holm 1979): sorted
// ascending, the i-th (from 0) of m is multiplied by m − i, and the
// adjusted values are made non-decreasing and capped at 1. NaN entries are
// not in the family and stay NaN.
func holm(p []float64) []float64 {
	out := make([]float64, len(p))
	var order []int
	for i, v := range p {
		out[i] = math.NaN()
		if !math.IsNaN(v) {
			order = append(order, i)
		}
	}
	// Stable insertion sort: families are a handful of regions.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && p[order[j]] < p[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	running := 0.0
	for i, idx := range order {
		running = math.Max(running, math.Min(1, float64(len(order)-i)*p[idx]))
		out[idx] = running
	}
	return out
}
