package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// clusteredCoverage: postings come from 60 companies that pay differently and
// hire OpenStack roles at different rates, and OpenStack roles skew
// senior. Only the adjusted premium targets the built-in 17%; the row
// shows it with errors clustered by company (CR1) and, for contrast, with
// HC3, which ignores the clustering.
func clusteredCoverage(t *testing.T, reps int) string {
	var mu sync.Mutex
	var cr1, hc3 hits
	parallel(reps, func(rep int) {
		rng := rand.New(rand.NewPCG(100, uint64(rep)))
		const companies = 60
		effect, share := make([]float64, companies), make([]float64, companies)
		for c := range effect {
			effect[c], share[c] = 0.15*rng.NormFloat64(), 0.05+0.4*rng.Float64()
		}
		levels := []string{"junior", "mid", "senior", "lead"}
		var ls []data.Listing
		for range 1800 {
			c := rng.IntN(companies)
			os := rng.Float64() < share[c]
			lvl := rng.IntN(4)
			if os && rng.Float64() < 0.4 {
				lvl = 2 + rng.IntN(2)
			}
			lp := math.Log(100000) + effect[c] + 0.25*float64(lvl) + 0.25*rng.NormFloat64()
			role := data.RolePython
			if os {
				role, lp = data.RoleOpenStack, lp+truePremium
			}
			ls = append(ls, data.Listing{Region: "R", Quarter: "2026Q3", Role: role, SalarySource: data.PaySourceEmployer,
				SalaryAnnualUSD: roundedPay(lp), Company: fmt.Sprint(c), Seniority: levels[lvl]})
		}
		cfg := DefaultConfig()
		s, err := collect(cfg, []string{"R"}, ls)
		if err != nil {
			t.Error(err)
			return
		}
		scr := newScratch(s)
		a1, err1 := adjust(s, s.rows[1][0], cfg.MinClusters, scr)
		a3, err3 := adjust(s, s.rows[1][0], companies+1, scr)
		if err1 != nil || err3 != nil {
			t.Error(err1, err3)
			return
		}
		lo1, hi1 := a1.interval(0.95)
		lo3, hi3 := a3.interval(0.95)
		mu.Lock()
		defer mu.Unlock()
		cr1.add(math.Log1p(lo1), math.Log1p(hi1), truePremium)
		hc3.add(math.Log1p(lo3), math.Log1p(hi3), truePremium)
	})
	return fmt.Sprintf("| clustered by company, confounded by seniority (CR1) | ≈ 450 / 1350 | — | — | — | %s | — | — |\n", cr1) +
		fmt.Sprintf("| same, HC3 (ignores the clustering) | ≈ 450 / 1350 | — | — | — | %s | — | — |\n", hc3)
}

// pooledCoverage: five regions whose true premiums scatter around 17% with
// between-region SD tau (log points), sizes from 20/30 to 1000/2000. The
// pooled interval is checked against each region's own true premium; the
// raw percentile interval of the two small regions (withheld in the
// output) is shown for contrast.
func pooledCoverage(t *testing.T, reps int) string {
	sizes := [][2]int{{20, 30}, {30, 50}, {100, 200}, {300, 600}, {1000, 2000}}
	var out strings.Builder
	for ti, tau := range []float64{0.05, 0} {
		var mu sync.Mutex
		var smallPooled, allPooled, smallRaw hits
		parallel(reps, func(rep int) {
			rng := rand.New(rand.NewPCG(200+uint64(ti), uint64(rep)))
			var osGroups, pyGroups []*group
			truth := make([]float64, len(sizes))
			for r, n := range sizes {
				truth[r] = truePremium + tau*rng.NormFloat64()
				var a, c []float64
				for range n[0] {
					a = append(a, roundedPay(math.Log(100000)+truth[r]+0.3*rng.NormFloat64()))
				}
				for range n[1] {
					c = append(c, roundedPay(math.Log(100000)+0.3*rng.NormFloat64()))
				}
				g1, g2 := twoGroups(a, c)
				osGroups, pyGroups = append(osGroups, g1), append(pyGroups, g2)
			}
			pOS, pPy := pooledVariance(osGroups), pooledVariance(pyGroups)
			gaps := make([]regionGap, len(sizes))
			for r := range sizes {
				gaps[r] = regionGap{gap: osGroups[r].meanLog - pyGroups[r].meanLog,
					variance: gapVariance(osGroups[r], pyGroups[r], DefaultMinGroupSize, pOS, pPy)}
			}
			pool, ok := partialPool(gaps, 0.95)
			if !ok {
				t.Error("pooling failed")
				return
			}
			var rawLo, rawHi [2]float64
			for r := range 2 {
				reps := bootstrap(newSampler(rand.NewPCG(300, uint64(rep*2+r))), osGroups[r], pyGroups[r], 2000)
				rawLo[r], rawHi[r], _ = percentileInterval(sorted(reps.gap), 0.95)
			}
			mu.Lock()
			defer mu.Unlock()
			for r, est := range pool.regions {
				allPooled.add(est.lo, est.hi, truth[r])
				if r < 2 {
					smallPooled.add(est.lo, est.hi, truth[r])
					smallRaw.add(rawLo[r], rawHi[r], truth[r])
				}
			}
		})
		fmt.Fprintf(&out, "| 5 regions, between-region SD %g: two small regions | 20/30 and 30/50 | — | %s | — | — | %s | — |\n", tau, smallRaw, smallPooled)
		fmt.Fprintf(&out, "| same: all five regions | 20/30 … 1000/2000 | — | — | — | — | %s | — |\n", allPooled)
	}
	return out.String()
}

// changeCoverage: two quarters with premiums 12% and 17%; the change row's
// interval is checked against the true change of the log gap.
func changeCoverage(t *testing.T, reps, b int) string {
	var out strings.Builder
	for si, n := range [][2]int{{30, 150}, {300, 1500}} {
		var mu sync.Mutex
		var change hits
		parallel(reps, func(rep int) {
			rng := rand.New(rand.NewPCG(400+uint64(si), uint64(rep)))
			gaps := map[string]float64{"2026Q2": math.Log(1.12), "2026Q3": truePremium}
			cells := map[string]*cellEstimate{}
			for _, q := range []string{"2026Q2", "2026Q3"} {
				var ls []data.Listing
				for i := range n[0] + n[1] {
					role, shift := data.RolePython, 0.0
					if i < n[0] {
						role, shift = data.RoleOpenStack, gaps[q]
					}
					ls = append(ls, data.Listing{Region: "R", Quarter: q, Role: role, SalarySource: data.PaySourceEmployer,
						SalaryAnnualUSD: roundedPay(math.Log(100000) + shift + 0.3*rng.NormFloat64())})
				}
				cfg := DefaultConfig()
				cfg.Bootstrap = b
				s, err := collect(cfg, []string{"R"}, ls)
				if err != nil {
					t.Error(err)
					return
				}
				cells[q] = estimateCell(cfg, s, "R", q, s.rows[1][0], false, newScratch(s))
			}
			cfg := DefaultConfig()
			cfg.Bootstrap = b
			p := changeRow(cfg, cells["2026Q2"], cells["2026Q3"], "2026Q2/2026Q3")
			mu.Lock()
			defer mu.Unlock()
			change.add(math.Log1p(p.CILow), math.Log1p(p.CIHigh), truePremium-math.Log(1.12))
		})
		fmt.Fprintf(&out, "| change between two quarters, log-normal | %d / %d each | — | — | — | — | — | %s |\n", n[0], n[1], change)
	}
	return out.String()
}
