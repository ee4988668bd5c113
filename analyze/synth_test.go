package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/jobmarket/jobmarket/data"
)

// synthRegions are the regions of the synthetic listings, each with its
// countries and their base pay (USD per year, geometric mean of a
// mid-level Python role).
var synthRegions = []struct {
	name      string
	countries []string
	base      []float64
}{
	{"North America", []string{"US", "CA"}, []float64{130000, 95000}},
	{"Latin America", []string{"MX", "BR", "AR"}, []float64{40000, 38000, 30000}},
	{"Europe", []string{"DE", "FR", "GB", "NL", "PL"}, []float64{85000, 70000, 90000, 80000, 45000}},
	{"Middle East & Africa", []string{"IL", "AE", "ZA"}, []float64{110000, 90000, 40000}},
	{"Asia-Pacific", []string{"IN", "JP", "AU", "SG"}, []float64{30000, 70000, 100000, 95000}},
}

func synthRegionNames() []string {
	var out []string
	for _, r := range synthRegions {
		out = append(out, r.name)
	}
	return out
}

// synthListings draws nPy Python and nOS OpenStack listings like real
// postings: log-normal pay around a country's base, a seniority step,
// a company effect, and the given premium (log points) for OpenStack, with
// pay rounded to a thousand dollars as boards show it. OpenStack postings
// skew senior, so part of their raw premium is seniority.
func synthListings(nPy, nOS int, premium float64, seed uint64) []data.Listing {
	g := newSynth(premium, seed)
	out := make([]data.Listing, 0, nPy+nOS)
	for i := range nPy + nOS {
		out = append(out, g.next(i >= nPy))
	}
	return out
}

// synth draws synthetic listings one at a time.
type synth struct {
	rng      *rand.Rand
	premium  float64
	names    []string
	effect   []float64
	quarters []string
}

var (
	synthSeniority = []string{"", "junior", "mid", "senior", "lead", "principal"}
	synthStep      = []float64{0, -0.25, 0, 0.25, 0.45, 0.45}
)

func newSynth(premium float64, seed uint64) *synth {
	g := &synth{rng: rand.New(rand.NewPCG(seed, 0x5eed)), premium: premium,
		quarters: []string{"2025Q4", "2026Q1", "2026Q2", "2026Q3"}}
	const companies = 2000
	for i := range companies {
		g.names = append(g.names, fmt.Sprintf("Company %04d", i))
		g.effect = append(g.effect, 0.1*g.rng.NormFloat64())
	}
	return g
}

func (g *synth) next(os bool) data.Listing {
	rng := g.rng
	r := synthRegions[rng.IntN(len(synthRegions))]
	c := rng.IntN(len(r.countries))
	s := rng.IntN(len(synthSeniority))
	if os && rng.Float64() < 0.3 {
		s = 3 + rng.IntN(3) // OpenStack roles skew senior
	}
	co := rng.IntN(len(g.names))
	q := g.quarters[rng.IntN(len(g.quarters))]
	lp := math.Log(r.base[c]) + synthStep[s] + g.effect[co] + 0.25*rng.NormFloat64()
	role := data.RolePython
	if os {
		lp += g.premium
		role = data.RoleOpenStack
	}
	return data.Listing{
		Source: "synthetic", Quarter: q, PostedDate: q[:4] + "-01-01", Company: g.names[co],
		Country: r.countries[c], Region: r.name, Remote: rng.Float64() < 0.15,
		SalaryMin: math.NaN(), SalaryMax: math.NaN(), SalaryCurrency: "USD", SalaryPeriod: "YEAR",
		SalaryAnnualUSD: 1000 * math.Round(math.Exp(lp)/1000), SalarySource: data.PaySourceEmployer,
		Role: role, Seniority: synthSeniority[s],
	}
}
