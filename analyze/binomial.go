package analyze

import "math"

// binomial draws from Binomial(n, p): the number of successes in n
// independent trials of probability p. It is exact up to floating-point
// rounding in the acceptance tests.
//
// Below a mean of 10 it inverts the distribution function, walking the
// probabilities up from 0 (expected cost about 1 + n·p steps); above, it
// uses Hörmann's transformed rejection with squeeze, BTRS (W. Hörmann, "The
// generation of binomial random variates", J. Statist. Comput. Simul. 46,
// 1993), which costs a bounded number of uniforms whatever n is. p above ½
// is drawn as n minus a Binomial(n, 1−p).
func (s *sampler) binomial(n int, p float64) int {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case p > 0.5:
		return n - s.binomial(n, 1-p)
	case float64(n)*p < 10:
		return s.binomialInversion(n, p)
	}
	return s.binomialBTRS(n, p)
}

// binomialInversion is the inversion sampler for a small mean n·p < 10,
// p ≤ ½. The bound restarts the walk in the far tail, where rounding could
// otherwise let it run past n (as numpy does).
func (s *sampler) binomialInversion(n int, p float64) int {
	q := 1 - p
	qn := math.Exp(float64(n) * math.Log1p(-p))
	np := float64(n) * p
	bound := math.Min(float64(n), np+10*math.Sqrt(np*q+1))
	odds := p / q
	x, px, u := 0, qn, s.uniform()
	for u > px {
		x++
		if float64(x) > bound {
			x, px, u = 0, qn, s.uniform()
			continue
		}
		u -= px
		px *= float64(n-x+1) * odds / float64(x)
	}
	return x
}

// binomialBTRS is Hörmann's BTRS for n·p ≥ 10, p ≤ ½. Most draws are
// accepted inside the squeeze box; the rest are checked against the log
// ratio of probabilities ln f(k) − ln f(m), m the mode, written as in the
// paper so that nothing of size ln n! cancels.
func (s *sampler) binomialBTRS(n int, p float64) int {
	nf := float64(n)
	spq := math.Sqrt(nf * p * (1 - p))
	b := 1.15 + 2.53*spq
	a := -0.0873 + 0.0248*b + 0.01*p
	c := nf*p + 0.5
	invB := 1 / b
	vr := 0.92 - 4.2*invB
	// Set on the first draw outside the box (most calls never need them).
	var alpha, r, m float64
	modeTerm := math.NaN()
	for {
		u := s.uniform() - 0.5
		v := s.uniform()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + c)
		if k < 0 || k > nf {
			continue
		}
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if math.IsNaN(modeTerm) {
			alpha = (2.83 + 5.1*invB) * spq
			r = p / (1 - p)
			m = math.Floor((nf + 1) * p)
			modeTerm = (m+0.5)*math.Log((m+1)/(r*(nf-m+1))) + stirlingTail(m) + stirlingTail(nf-m)
		}
		v = math.Log(v * alpha / (a/(us*us) + b))
		bound := modeTerm + (nf+1)*math.Log((nf-m+1)/(nf-k+1)) +
			(k+0.5)*math.Log(r*(nf-k+1)/(k+1)) - stirlingTail(k) - stirlingTail(nf-k)
		if v <= bound {
			return int(k)
		}
	}
}
