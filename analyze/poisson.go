package analyze

import "math"

// poissonDraw draws from Poisson(λ) for one fixed λ, with what can be
// worked out once kept: below tableMaxLambda the distribution function
// itself (inversion through a guide table, one uniform and about one
// comparison a draw), above it the constants of Hörmann's PTRS (W.
// Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Math. Econ. 12, 1993; numpy's random_poisson_ptrs).
type poissonDraw struct {
	lambda float64
	cdf    []float64 // P(X ≤ k); nil when PTRS draws
	guide  []int32   // guide[j]: smallest k with cdf[k] ≥ j/len(guide)
	// PTRS constants.
	logLambda, a, b, logInvAlpha, vr float64
}

// tableMaxLambda: below this mean the table (about λ + 10√λ + 10 entries,
// a few kilobytes) stays in cache while a row is resampled; larger tables
// cost more in cache misses than PTRS costs in arithmetic (measured with
// BenchmarkResample).
const tableMaxLambda = 256

func newPoissonDraw(lambda float64) poissonDraw {
	d := poissonDraw{lambda: lambda}
	if lambda <= 0 {
		d.cdf, d.guide = []float64{1}, []int32{0} // always 0
		return d
	}
	if lambda >= tableMaxLambda {
		slam := math.Sqrt(lambda)
		d.logLambda = math.Log(lambda)
		d.b = 0.931 + 2.53*slam
		d.a = -0.059 + 0.02483*d.b
		d.logInvAlpha = math.Log(1.1239 + 1.1328/(d.b-3.4))
		d.vr = 0.9277 - 3.6224/(d.b-2)
		return d
	}
	// Probabilities from the mode outward, so nothing underflows before it
	// matters (e^−λ alone would for λ > 745).
	size := int(lambda+10*math.Sqrt(lambda)) + 11
	pmf := make([]float64, size)
	mode := int(lambda)
	pmf[mode] = math.Exp(-lambda + float64(mode)*math.Log(lambda) - lnFact(float64(mode)))
	for k := mode + 1; k < size; k++ {
		pmf[k] = pmf[k-1] * lambda / float64(k)
	}
	for k := mode - 1; k >= 0; k-- {
		pmf[k] = pmf[k+1] * float64(k+1) / lambda
	}
	d.cdf = make([]float64, size)
	sum := 0.0
	for k, p := range pmf {
		sum += p
		d.cdf[k] = sum
	}
	d.guide = make([]int32, size)
	k := 0
	for j := range d.guide {
		for k < size-1 && d.cdf[k] < float64(j)/float64(size) {
			k++
		}
		d.guide[j] = int32(k)
	}
	return d
}

func (d *poissonDraw) draw(s *sampler) int {
	if d.cdf == nil {
		return d.ptrs(s)
	}
	u := s.uniform()
	size := len(d.cdf)
	k := int(d.guide[int(u*float64(size))])
	for k < size && d.cdf[k] < u {
		k++
	}
	if k < size {
		return k
	}
	// Beyond the table (probability under 10⁻²⁰, or rounding in the last
	// entry): continue the walk with the exact probabilities.
	p := math.Exp(-d.lambda + float64(k)*math.Log(d.lambda) - lnFact(float64(k)))
	for c := d.cdf[size-1] + p; c < u && p > 0; c += p {
		k++
		p *= d.lambda / float64(k)
	}
	return k
}

// ptrs is Hörmann's transformed rejection for λ ≥ 10.
func (d *poissonDraw) ptrs(s *sampler) int {
	for {
		u := s.uniform() - 0.5
		v := s.uniform()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*d.a/us+d.b)*u + d.lambda + 0.43)
		if us >= 0.07 && v <= d.vr {
			return int(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		if math.Log(v)+d.logInvAlpha-math.Log(d.a/(us*us)+d.b) <= -d.lambda+k*d.logLambda-lnFact(k) {
			return int(k)
		}
	}
}

// aliasTable draws index k with probability weight[k]/Σweight in constant
// time (Walker's alias method, Vose's construction).
type aliasTable struct {
	cut   []float64
	alias []int32
}

func newAliasTable(weight []int32) aliasTable {
	n := len(weight)
	total := 0.0
	for _, w := range weight {
		total += float64(w)
	}
	t := aliasTable{cut: make([]float64, n), alias: make([]int32, n)}
	scaled := make([]float64, n)
	var small, large []int32
	for k, w := range weight {
		scaled[k] = float64(w) * float64(n) / total
		if scaled[k] < 1 {
			small = append(small, int32(k))
		} else {
			large = append(large, int32(k))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.cut[s], t.alias[s] = scaled[s], l
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large, small = large[:len(large)-1], append(small, l)
		}
	}
	for _, k := range append(small, large...) {
		t.cut[k], t.alias[k] = 1, k // rounding leftovers keep their own index
	}
	return t
}

func (t *aliasTable) draw(s *sampler) int32 {
	k := s.index(len(t.cut))
	if s.uniform() < t.cut[k] {
		return int32(k)
	}
	return t.alias[k]
}

// poissonScheme resamples a group by Poissonization: each distinct value's
// count is drawn independently as Poisson(θ·freq), θ = 1 − 1.5/√n, so the
// parameters never change and each value's sampler is set up once; a draw
// whose total T exceeds n is drawn again, and n − T more postings are
// drawn one at a time (with probability freq/n each). Exact, because
// independent Poisson counts given their total t are Multinomial(t;
// freq/n); redrawing when T > n conditions on T only, leaving that
// conditional law alone; and adding n − t independent single draws to a
// Multinomial(t; p) sample gives a Multinomial(n; p) sample.
//
// Values with the same frequency share one sampler: a row of a million
// postings has tens of thousands of distinct values but only hundreds of
// distinct frequencies, so the shared tables stay in cache where one table
// per value did not (it made the draws wait on memory most of the time).
type poissonScheme struct {
	draws  []poissonDraw // one per distinct frequency
	drawOf []int32       // per value, its sampler in draws
	topUp  aliasTable
}

func newPoissonScheme(g *group) *poissonScheme {
	theta := poissonTheta(g.n)
	p := &poissonScheme{drawOf: make([]int32, len(g.freq)), topUp: newAliasTable(g.freq)}
	byFreq := map[int32]int32{}
	for k, f := range g.freq {
		d, ok := byFreq[f]
		if !ok {
			d = int32(len(p.draws))
			byFreq[f] = d
			p.draws = append(p.draws, newPoissonDraw(theta*float64(f)))
		}
		p.drawOf[k] = d
	}
	return p
}

func (p *poissonScheme) resample(s *sampler, n int, counts []int32) {
	for {
		total := 0
		for k, d := range p.drawOf {
			c := p.draws[d].draw(s)
			counts[k] = int32(c)
			total += c
		}
		if total > n {
			continue
		}
		for range n - total {
			counts[p.topUp.draw(s)]++
		}
		return
	}
}

// poissonCost estimates the time of one Poissonized resample of a group,
// in units of one posting drawn one by one (about 3 ns here), for plan:
// a table draw costs about 4.5 of those, a PTRS draw 15, a top-up 2.5.
func poissonCost(g *group) float64 {
	theta := poissonTheta(g.n)
	cost := 0.0
	for _, f := range g.freq {
		if theta*float64(f) < tableMaxLambda {
			cost += 4.5
		} else {
			cost += 15
		}
	}
	// Top-ups average about 1.64√n; a total above n (chance about 7%) redraws.
	return (cost + 2.5*1.64*math.Sqrt(float64(g.n))) / 0.93
}

// poissonTheta scales the Poisson means so their total falls 1.5 standard
// deviations below n: a total above n (redrawn) then has chance about 7%,
// and the top-ups average (1.5 + φ(1.5)/Φ(1.5))·√n ≈ 1.64·√n, which
// minimizes the expected cost of a resample when drawing every value's
// count costs a few times √n top-ups, as it does here.
func poissonTheta(n int) float64 {
	return max(0, 1-1.5/math.Sqrt(float64(n)))
}
