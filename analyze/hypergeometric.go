package analyze

import "math"

// hypergeometric draws how many of sample items, taken without replacement
// from good + bad items, are good. Exact, written out like binomial.
//
// For a sample within 10 of either end it draws the items one by one
// (cost at most 10 steps); otherwise it uses Stadlober's ratio-of-uniforms
// method HRUA (E. Stadlober, "The ratio of uniforms approach for
// generating discrete random variates", J. Comput. Appl. Math. 31, 1990),
// as numpy does, whose cost does not grow with the population.
func (s *sampler) hypergeometric(good, bad, sample int) int {
	switch {
	case sample <= 0 || good <= 0:
		return 0
	case bad <= 0:
		return sample
	case sample >= good+bad:
		return good
	case sample >= 10 && sample <= good+bad-10:
		return s.hypergeometricHRUA(good, bad, sample)
	}
	return s.hypergeometricDirect(good, bad, sample)
}

// hypergeometricDirect draws the smaller of the sample and its complement
// item by item.
func (s *sampler) hypergeometricDirect(good, bad, sample int) int {
	total := good + bad
	draws := sample
	if sample > total/2 {
		draws = total - sample
	}
	left, leftGood := total, good
	for ; draws > 0 && leftGood > 0 && left > leftGood; draws-- {
		if s.index(left) < leftGood {
			leftGood--
		}
		left--
	}
	if left == leftGood {
		leftGood -= draws // only good items remain: the rest of the draws take them
	}
	if sample > total/2 {
		return leftGood // the complement's good items were left behind
	}
	return good - leftGood
}

// HRUA's constants: 2·sqrt(2/e) and 3 − 2·sqrt(3/e).
const (
	hruaD1 = 1.7155277699214135
	hruaD2 = 0.8989161620588988
)

// hypergeometricHRUA is Stadlober's HRUA for 10 ≤ sample ≤ total − 10,
// following numpy's random_hypergeometric_hrua.
func (s *sampler) hypergeometricHRUA(good, bad, sample int) int {
	total := good + bad
	computed := min(sample, total-sample)
	minGB, maxGB := min(good, bad), max(good, bad)
	tf, cs := float64(total), float64(computed)
	p, q := float64(minGB)/tf, float64(maxGB)/tf
	mu := cs * p
	a := mu + 0.5
	variance := (tf - cs) * cs * p * q / (tf - 1)
	c := math.Sqrt(variance + 0.5)
	h := hruaD1*c + hruaD2
	m := math.Floor((cs + 1) * float64(minGB+1) / (tf + 2))
	logF := func(k float64) float64 {
		lf := s.logFact
		if len(lf) <= total {
			lf = logFactorials(total)
			s.logFact = lf
		}
		return lf[int(k)] + lf[minGB-int(k)] + lf[computed-int(k)] + lf[maxGB-computed+int(k)]
	}
	g := logF(m)
	b := math.Min(math.Min(cs, float64(minGB))+1, math.Floor(a+16*c))
	var k float64
	for {
		u := s.uniform()
		v := s.uniform()
		x := a + h*(v-0.5)/u
		if x < 0 || x >= b {
			continue
		}
		k = math.Floor(x)
		t := g - logF(k)
		if u*(4-u)-3 <= t {
			break // fast acceptance
		}
		if u*(u-t) >= 1 {
			continue // fast rejection
		}
		if 2*math.Log(u) <= t {
			break
		}
	}
	out := int(k)
	if good > bad {
		out = computed - out
	}
	if computed < sample {
		out = good - out
	}
	return out
}
