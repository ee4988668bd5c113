package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// chiSquare tests draws against a probability mass function, pooling
// outcomes with an expected count under 5 into their neighbours, and
// fails when the statistic's p-value is below 1e-4 (so a correct sampler
// fails about once in 10,000 runs of a case; the seeds are fixed, so in
// practice never).
func chiSquare(t *testing.T, name string, counts map[int]int, draws int, pmf func(k int) float64, lo, hi int) {
	t.Helper()
	var stat float64
	df := -1
	var obs, exp float64
	for k := lo; k <= hi; k++ {
		obs += float64(counts[k])
		exp += float64(draws) * pmf(k)
		if exp >= 5 || k == hi {
			stat += (obs - exp) * (obs - exp) / exp
			df++
			obs, exp = 0, 0
		}
	}
	outside := draws
	for k := lo; k <= hi; k++ {
		outside -= counts[k]
	}
	if outside != 0 {
		t.Errorf("%s: %d draws outside [%d, %d]", name, outside, lo, hi)
	}
	p := 1 - distuv.ChiSquared{K: float64(df)}.CDF(stat)
	if p < 1e-4 {
		t.Errorf("%s: chi-square %.1f on %d df, p = %.2g", name, stat, df, p)
	}
}

func TestBinomialMatchesPMF(t *testing.T) {
	cases := []struct {
		n int
		p float64
	}{
		{1, 0.3}, {7, 0.5}, {40, 0.05}, // inversion
		{60, 0.5}, {1000, 0.3}, {1_000_000, 0.0025}, // BTRS
		{500, 0.97}, {30, 0.9}, // flipped
	}
	for _, tc := range cases {
		name := fmt.Sprintf("Binomial(%d, %g)", tc.n, tc.p)
		t.Run(name, func(t *testing.T) {
			s := newSampler(rand.NewPCG(uint64(tc.n), 3))
			const draws = 200_000
			counts := map[int]int{}
			for range draws {
				counts[s.binomial(tc.n, tc.p)]++
			}
			d := distuv.Binomial{N: float64(tc.n), P: tc.p}
			mean, sd := d.Mean(), d.StdDev()
			lo, hi := max(0, int(mean-8*sd)-1), min(tc.n, int(mean+8*sd)+1)
			chiSquare(t, name, counts, draws, func(k int) float64 { return d.Prob(float64(k)) }, lo, hi)
		})
	}
}

func TestPoissonMatchesPMF(t *testing.T) {
	for _, lambda := range []float64{0, 0.3, 4, 255.9, 256, 900, 20000} {
		name := fmt.Sprintf("Poisson(%g)", lambda)
		t.Run(name, func(t *testing.T) {
			d := newPoissonDraw(lambda)
			s := newSampler(rand.NewPCG(uint64(lambda), 5))
			const draws = 200_000
			counts := map[int]int{}
			for range draws {
				counts[d.draw(s)]++
			}
			if lambda == 0 {
				if counts[0] != draws {
					t.Errorf("Poisson(0) drew %v", counts)
				}
				return
			}
			p := distuv.Poisson{Lambda: lambda}
			sd := math.Sqrt(lambda)
			chiSquare(t, name, counts, draws, func(k int) float64 { return p.Prob(float64(k)) },
				max(0, int(lambda-8*sd)-1), int(lambda+8*sd)+2)
		})
	}
}

func TestAliasTable(t *testing.T) {
	weight := []int32{1, 50, 3, 3, 700, 1, 12}
	table := newAliasTable(weight)
	s := newSampler(rand.NewPCG(6, 6))
	const draws = 300_000
	counts := map[int]int{}
	for range draws {
		counts[int(table.draw(s))]++
	}
	chiSquare(t, "alias", counts, draws, func(k int) float64 { return float64(weight[k]) / 770 }, 0, len(weight)-1)
}

func TestLnFact(t *testing.T) {
	for _, k := range []float64{0, 1, 2, 10, 125, 126, 127, 1000, 123456, 9_999_999} {
		if got, want := lnFact(k), lgamma(k+1); math.Abs(got-want) > 4e-16*math.Max(1, want) {
			t.Errorf("lnFact(%g) = %.17g, lgamma %.17g", k, got, want)
		}
	}
}

// TestResampleSchemesAgree checks that the count scheme (binomial chain
// with buckets) and the one-by-one scheme give the same distribution of
// resample counts: each value's count has mean n·f/n and variance
// n·p(1 − p), two values' counts covary −n·p₁p₂, and the resampled mean
// log pay has the same variance under both schemes.
func TestResampleSchemesAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	var pay []float64
	for range 3000 {
		pay = append(pay, 1000*math.Round(math.Exp(11.5+0.3*rng.NormFloat64())/1000))
	}
	byCounts := testGroup(pay)
	if byCounts.units == nil {
		t.Fatal("expected the count scheme for 3000 postings on few values")
	}
	poisson := testGroup(pay)
	poisson.poisson = newPoissonScheme(poisson)
	byCounts.poisson = nil
	direct := testGroup(pay)
	direct.poisson = nil
	direct.units = nil
	direct.slot = direct.slot[:0]
	for k, f := range direct.freq {
		for range f {
			direct.slot = append(direct.slot, int32(k))
		}
	}
	const rounds = 20_000
	n := float64(byCounts.n)
	for name, g := range map[string]*group{"counts": byCounts, "one by one": direct, "poisson": poisson} {
		s := newSampler(rand.NewPCG(9, uint64(len(name))))
		counts := make([]int32, len(g.freq))
		// Watch the most common value, a rare one and the mean.
		common, rare := 0, 0
		for k, f := range g.freq {
			if f > g.freq[common] {
				common = k
			}
			if f < g.freq[rare] {
				rare = k
			}
		}
		var sumC, sumC2, sumR, sumR2, sumCR, sumM, sumM2 float64
		for range rounds {
			g.resample(s, counts)
			total := int32(0)
			for _, c := range counts {
				total += c
			}
			if int(total) != g.n {
				t.Fatalf("%s: resample of %d postings has %d", name, g.n, total)
			}
			c, r, m := float64(counts[common]), float64(counts[rare]), g.meanOf(counts)
			sumC, sumC2, sumR, sumR2, sumCR = sumC+c, sumC2+c*c, sumR+r, sumR2+r*r, sumCR+c*r
			sumM, sumM2 = sumM+m, sumM2+m*m
		}
		pc, pr := float64(g.freq[common])/n, float64(g.freq[rare])/n
		check := func(what string, got, want, se float64) {
			if math.Abs(got-want) > 5*se {
				t.Errorf("%s: %s = %.5g, want %.5g (± %.2g)", name, what, got, want, se)
			}
		}
		meanC := sumC / rounds
		varC := sumC2/rounds - meanC*meanC
		check("mean count of the common value", meanC, n*pc, math.Sqrt(n*pc*(1-pc)/rounds))
		check("variance of its count", varC, n*pc*(1-pc), n*pc*(1-pc)*math.Sqrt(2.0/rounds))
		meanR := sumR / rounds
		check("mean count of a rare value", meanR, n*pr, math.Sqrt(n*pr*(1-pr)/rounds))
		cov := sumCR/rounds - meanC*meanR
		check("covariance of the two counts", cov, -n*pc*pr, math.Sqrt(n*pc*n*pr/rounds))
		meanM := sumM / rounds
		varM := sumM2/rounds - meanM*meanM
		popVar := logVariance(g) * (n - 1) / n
		check("mean of resampled mean log pay", meanM, g.meanLog, math.Sqrt(popVar/n/rounds))
		check("variance of resampled mean log pay", varM, popVar/n, popVar/n*math.Sqrt(2.0/rounds))
	}
}

func TestMedianOfCounts(t *testing.T) {
	cases := []struct {
		name string
		pay  []float64
		want float64
	}{
		{"one to ten: midpoint of 5 and 6", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5.5},
		{"odd", []float64{3, 1, 2}, 2},
		{"repeats", []float64{1, 1, 1, 2}, 1},
		{"two values", []float64{1, 2}, 1.5},
		{"one", []float64{7}, 7},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := testGroup(tc.pay)
			if got := g.medianOf(g.freq); got != tc.want {
				t.Errorf("median = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHolm(t *testing.T) {
	nan := math.NaN()
	got := holm([]float64{0.01, 0.04, nan, 0.03, 0.005})
	want := []float64{0.03, 0.06, nan, 0.06, 0.02}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > 1e-15) {
			t.Errorf("holm = %v, want %v", got, want)
			break
		}
	}
}
