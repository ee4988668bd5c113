package analyze

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// The coverage study is a simulation, too slow for every test run:
//
//	go test ./analyze -run Coverage -coverage.study -v
//
// It prints the table in docs/methods.md.
var (
	coverageStudy     = flag.Bool("coverage.study", false, "run the coverage simulation")
	coverageReps      = flag.Int("coverage.reps", 2000, "simulated datasets per scenario")
	coverageResamples = flag.Int("coverage.resamples", 2000, "bootstrap resamples per dataset")
	coverageScenario  = flag.String("coverage.scenario", "", "run only the employer scenarios whose name holds this")
)

// truePremium is the premium every scenario builds in, ln 1.17.
var truePremium = math.Log(1.17)

// logNoise draws the log-pay deviation of one posting: normal, or a
// right-skewed mixture (80% N(0, 0.25²), 20% N(0.7, 0.35²)) recentred to mean 0.
type logNoise func(rng *rand.Rand) float64

func normalNoise(sd float64) logNoise {
	return func(rng *rand.Rand) float64 { return sd * rng.NormFloat64() }
}

func skewedNoise(rng *rand.Rand) float64 {
	if rng.Float64() < 0.2 {
		return 0.7 + 0.35*rng.NormFloat64() - 0.14
	}
	return 0.25*rng.NormFloat64() - 0.14
}

// roundedPay is pay as boards show it: rounded to a thousand dollars.
func roundedPay(logPay float64) float64 { return 1000 * math.Max(1, math.Round(math.Exp(logPay)/1000)) }

// twoGroupScenario is a row with nOS OpenStack and nPy Python postings
// whose log pay differs by truePremium and shares one shape, so the ratio
// of geometric means and the ratio of medians are both 1.17.
type twoGroupScenario struct {
	name     string
	nOS, nPy int
	noise    logNoise
}

// hits counts intervals that contain the truth, and misses on each side.
type hits struct{ in, below, above, n int }

func (h *hits) add(lo, hi, truth float64) {
	h.n++
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		h.n-- // no interval: not counted
	case truth < lo:
		h.below++
	case truth > hi:
		h.above++
	default:
		h.in++
	}
}

func (h hits) String() string {
	if h.n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(h.in)/float64(h.n))
}

// parallel runs f(rep) for every rep on all cores; each rep seeds its own
// generator, so the results do not depend on scheduling.
func parallel(reps int, f func(rep int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rep := range next {
				f(rep)
			}
		}()
	}
	for rep := range reps {
		next <- rep
	}
	close(next)
	wg.Wait()
}

func TestCoverage(t *testing.T) {
	if !*coverageStudy {
		t.Skip("coverage study: run with -coverage.study")
	}
	reps, b := *coverageReps, *coverageResamples
	var table strings.Builder
	fmt.Fprintf(&table, "| scenario | OpenStack / Python | raw_bca | raw_percentile | median | adjusted | pooled_eb | change |\n")
	fmt.Fprintf(&table, "|---|---|---|---|---|---|---|---|\n")

	for si, sc := range []twoGroupScenario{
		{"log-normal, σ 0.3", 30, 150, normalNoise(0.3)},
		{"log-normal, σ 0.3", 300, 1500, normalNoise(0.3)},
		{"skewed mixture", 30, 150, skewedNoise},
		{"skewed mixture", 300, 1500, skewedNoise},
	} {
		var mu sync.Mutex
		var bca, pct, med, adj hits
		parallel(reps, func(rep int) {
			rng := rand.New(rand.NewPCG(uint64(si), uint64(rep)))
			var ls []data.Listing
			for i := range sc.nOS + sc.nPy {
				role, shift := data.RolePython, 0.0
				if i < sc.nOS {
					role, shift = data.RoleOpenStack, truePremium
				}
				ls = append(ls, data.Listing{Region: "R", Quarter: "2026Q3", Role: role, SalarySource: data.PaySourceEmployer,
					SalaryAnnualUSD: roundedPay(math.Log(100000) + shift + sc.noise(rng)),
					Company:         fmt.Sprint(rng.IntN(200)), Seniority: []string{"", "mid", "senior"}[rng.IntN(3)]})
			}
			e := simulateCell(t, ls, b, uint64(rep))
			mu.Lock()
			defer mu.Unlock()
			bca.add(e.bcaLo, e.bcaHi, truePremium)
			pct.add(e.pctLo, e.pctHi, truePremium)
			med.add(e.medLo, e.medHi, truePremium)
			lo, hi, _ := e.adj.robust.tInterval(e.adj.fit.beta[1], 0.95)
			adj.add(lo, hi, truePremium)
		})
		fmt.Fprintf(&table, "| %s | %d / %d | %s | %s | %s | %s | — | — |\n", sc.name, sc.nOS, sc.nPy, bca, pct, med, adj)
		if sc.nOS >= 300 {
			// The target: 93.5–96.5% for n ≥ 300 per group, widened
			// by three binomial standard errors when fewer datasets are run.
			for name, h := range map[string]hits{"raw_bca": bca, "raw_percentile": pct, "median": med, "adjusted": adj} {
				rate := float64(h.in) / float64(h.n)
				tol := max(0.015, 3*math.Sqrt(0.95*0.05/float64(h.n)))
				if h.n == 0 || math.Abs(rate-0.95) > tol {
					t.Errorf("%s, %d/%d: %s covers %s of 95%% intervals, outside 95%% ± %.1f pp", sc.name, sc.nOS, sc.nPy, name, h, 100*tol)
				}
			}
		}
	}

	fmt.Fprint(&table, clusteredCoverage(t, reps))
	fmt.Fprint(&table, pooledCoverage(t, reps))
	fmt.Fprint(&table, changeCoverage(t, reps, b))
	t.Logf("%d datasets per scenario, %d resamples each, 95%% intervals:\n\n%s", reps, b, table.String())
}

// simulateCell estimates the only row of a simulated dataset.
func simulateCell(t *testing.T, ls []data.Listing, b int, seed uint64) *cellEstimate {
	cfg := DefaultConfig()
	cfg.Bootstrap, cfg.Seed, cfg.IndependentRows = b, seed, true
	s, err := collect(cfg, []string{"R"}, ls)
	if err != nil {
		t.Fatal(err)
	}
	return estimateCell(cfg, s, "R", data.QuarterAll, s.rows[1][0], newScratch(s), false)
}
