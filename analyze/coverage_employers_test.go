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

// employerScenario is a region whose postings come from employers that
// pay alike: a share icc of the log-pay variance (0.3²) lies between
// employers. Employer sizes fall off as 1/rank (Zipf); OpenStack and
// Python postings come from separate employers. With mix, OpenStack
// postings are 70/30% US/DE and Python 40/30/30% US/DE/IN, countries pay
// differently, and no country pays OpenStack roles more: only the
// stratified row's truth (0) is known.
type employerScenario struct {
	name             string
	nOS, nPy         int
	empOS, empPy     int
	icc              float64
	mix              bool
	premium          float64
	twoQuarters      bool // postings spread over two quarters, new employers in each
	regions          int  // regions alike, for the null scenario
	checkedMethods   []string
	assertsCoverage  bool
	assertsFalsePosi bool // the null scenario: p-values' false-positive rates
}

var countryLevel = map[string]float64{"US": 0.4, "DE": 0, "IN": -0.9}

// draw builds one dataset of the scenario.
func (sc employerScenario) draw(rng *rand.Rand) []data.Listing {
	var ls []data.Listing
	sdBetween, sdWithin := 0.3*math.Sqrt(sc.icc), 0.3*math.Sqrt(1-sc.icc)
	regions := max(sc.regions, 1)
	for r := range regions {
		quarters := []string{"2026Q3"}
		if sc.twoQuarters {
			quarters = []string{"2026Q2", "2026Q3"}
		}
		for qi, q := range quarters {
			for _, side := range []struct {
				role      data.Role
				n, emps   int
				shift     float64
				countries []string
				share     []float64
			}{{data.RoleOpenStack, sc.nOS, sc.empOS, sc.premium, []string{"US", "DE"}, []float64{0.7, 0.3}},
				{data.RolePython, sc.nPy, sc.empPy, 0, []string{"US", "DE", "IN"}, []float64{0.4, 0.3, 0.3}}} {
				effect := make([]float64, side.emps)
				weight := make([]float64, side.emps)
				total := 0.0
				for e := range effect {
					effect[e], weight[e] = sdBetween*rng.NormFloat64(), 1/float64(e+1)
					total += weight[e]
				}
				n := side.n / len(quarters)
				for i := range n {
					u, e := rng.Float64()*total, 0
					for ; e < side.emps-1 && u > weight[e]; e++ {
						u -= weight[e]
					}
					if i < side.emps { // every employer posts at least once
						e = i
					}
					country, lp := "US", math.Log(100000)+side.shift+effect[e]+sdWithin*rng.NormFloat64()
					if sc.mix {
						v := rng.Float64()
						for k, s := range side.share {
							if v < s || k == len(side.share)-1 {
								country = side.countries[k]
								break
							}
							v -= s
						}
						lp += countryLevel[country]
					}
					ls = append(ls, data.Listing{Region: fmt.Sprint("R", r), Quarter: q, Role: side.role, Country: country,
						Company: fmt.Sprintf("%s-%d-%d-%d", side.role, r, qi, e), SalaryAnnualUSD: roundedPay(lp), SalarySource: data.PaySourceEmployer})
				}
			}
		}
	}
	return ls
}

// employerCoverage runs the employer scenarios through Run and returns the
// table rows; it asserts 93.5–97.5% (widened by three binomial standard
// errors for few datasets) for every published interval of the scenarios
// that assert it, and a false-positive rate of at most 6% (plus three
// standard errors) for each p-value and for any Holm-adjusted one.
func employerCoverage(t *testing.T, reps, b int) string {
	all := []string{data.MethodStratified, data.MethodRaw, data.MethodMedian, data.MethodAdjusted}
	scenarios := []employerScenario{
		{name: "independent postings", nOS: 60, nPy: 150, empOS: 60, empPy: 150, premium: truePremium, checkedMethods: all, assertsCoverage: true},
		{name: "ICC 0.1", nOS: 60, nPy: 150, empOS: 20, empPy: 50, icc: 0.1, premium: truePremium, checkedMethods: all, assertsCoverage: true},
		{name: "ICC 0.2", nOS: 60, nPy: 150, empOS: 20, empPy: 50, icc: 0.2, premium: truePremium, checkedMethods: all, assertsCoverage: true},
		{name: "ICC 0.3", nOS: 60, nPy: 150, empOS: 20, empPy: 50, icc: 0.3, premium: truePremium, checkedMethods: all, assertsCoverage: true},
		// The median's interval is withheld below medianMinEmployers.
		{name: "ICC 0.2, 5 OpenStack employers", nOS: 36, nPy: 150, empOS: 5, empPy: 40, icc: 0.2, premium: truePremium,
			checkedMethods: []string{data.MethodStratified, data.MethodRaw, data.MethodAdjusted}, assertsCoverage: true},
		// The median's interval is withheld below medianMinPostings.
		{name: "ICC 0.2, small n", nOS: 10, nPy: 30, empOS: 6, empPy: 15, icc: 0.2, premium: truePremium,
			checkedMethods: []string{data.MethodStratified, data.MethodRaw, data.MethodAdjusted}, assertsCoverage: true},
		{name: "ICC 0.2, two quarters, new employers each", nOS: 120, nPy: 300, empOS: 10, empPy: 25, icc: 0.2, twoQuarters: true, premium: truePremium, checkedMethods: append(all, data.MethodChange), assertsCoverage: true},
		// Past woodruffMinEmployers on both sides: the median's interval is Woodruff's.
		{name: "ICC 0.2, many employers (Woodruff median)", nOS: 750, nPy: 1500, empOS: woodruffMinEmployers + 50, empPy: 2 * woodruffMinEmployers, icc: 0.2, premium: truePremium, checkedMethods: all, assertsCoverage: true},
		// A stress case at the threshold, shown, not asserted: at 2000
		// datasets every clustered interval, CR2 as much as Woodruff's, read
		// 93.2–93.4%.
		{name: "ICC 0.3, fewest employers for Woodruff's median", nOS: 400, nPy: 600, empOS: woodruffMinEmployers, empPy: woodruffMinEmployers, icc: 0.3, premium: truePremium, checkedMethods: all},
		{name: "country mix, no premium in any country", nOS: 100, nPy: 200, empOS: 30, empPy: 60, icc: 0.1, mix: true, checkedMethods: []string{data.MethodStratified}, assertsCoverage: true},
		{name: "null: no premium, ICC 0.2, 5 regions", nOS: 40, nPy: 100, empOS: 12, empPy: 30, icc: 0.2, regions: 5, assertsFalsePosi: true},
	}
	var out strings.Builder
	for si, sc := range scenarios {
		if !strings.Contains(sc.name, *coverageScenario) {
			continue
		}
		var mu sync.Mutex
		cover := map[string]*hits{}
		for _, m := range sc.checkedMethods {
			cover[m] = &hits{}
		}
		var rejections, tests, familyRejections, families int
		parallel(reps, func(rep int) {
			rng := rand.New(rand.NewPCG(900+uint64(si), uint64(rep)))
			ls := sc.draw(rng)
			cfg := DefaultConfig()
			cfg.Bootstrap, cfg.Seed = b, uint64(rep)
			var regions []string
			for r := range max(sc.regions, 1) {
				regions = append(regions, fmt.Sprint("R", r))
			}
			res, err := Run(t.Context(), cfg, Input{Regions: regions, Listings: SliceStream(ls)})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			familyHit := false
			for _, p := range res.Premiums {
				if !math.IsNaN(p.PValue) && p.Region != data.RegionAll {
					tests++
					if p.PValue < 0.05 {
						rejections++
					}
					familyHit = familyHit || p.PHolm < 0.05
				}
				if p.Region != "R0" {
					continue
				}
				truth := sc.premium
				if p.Method == data.MethodChange {
					truth = 0
				}
				if h, ok := cover[p.Method]; ok && (p.Quarter == data.QuarterAll || p.Method == data.MethodChange) {
					h.add(math.Log1p(p.CILow), math.Log1p(p.CIHigh), truth)
				}
			}
			families++
			if familyHit {
				familyRejections++
			}
		})
		var cells []string
		for _, m := range []string{data.MethodStratified, data.MethodRaw, data.MethodMedian, data.MethodAdjusted, data.MethodChange} {
			h, ok := cover[m]
			if !ok {
				cells = append(cells, "—")
				continue
			}
			cells = append(cells, h.String())
			rate := float64(h.in) / float64(h.n)
			// Below 93.5% an interval claims more than it holds; above it
			// errs safe, and only by being wider than needed: Bell–McCaffrey
			// degrees of freedom with 5 employers and the median's bootstrap
			// of independent postings read 96.7–96.9% at 2,000 datasets, so
			// the upper bound is 97.5% (an interval about 15% too wide).
			tol := max(0.015, 3*math.Sqrt(0.95*0.05/float64(h.n)))
			if sc.assertsCoverage && (h.n == 0 || rate < 0.95-tol || rate > 0.975+tol-0.015) {
				t.Errorf("%s: %s covers %s of %d published 95%% intervals, outside %.1f–%.1f%%", sc.name, m, h, h.n,
					100*(0.95-tol), 100*(0.975+tol-0.015))
			}
		}
		fp, fwer := "—", "—"
		if sc.assertsFalsePosi {
			rate, family := float64(rejections)/float64(tests), float64(familyRejections)/float64(families)
			fp, fwer = fmt.Sprintf("%.1f%%", 100*rate), fmt.Sprintf("%.1f%%", 100*family)
			if rate > 0.06+3*math.Sqrt(0.05*0.95/float64(tests)) {
				t.Errorf("%s: p < 0.05 in %s of %d tests", sc.name, fp, tests)
			}
			if family > 0.06+3*math.Sqrt(0.05*0.95/float64(families)) {
				t.Errorf("%s: some Holm-adjusted p < 0.05 in %s of %d tables", sc.name, fwer, families)
			}
		}
		fmt.Fprintf(&out, "| %s | %d / %d | %d / %d | %s | %s | %s |\n", sc.name, sc.nOS, sc.nPy, sc.empOS, sc.empPy, strings.Join(cells, " | "), fp, fwer)
	}
	return out.String()
}

func TestCoverageEmployers(t *testing.T) {
	if !*coverageStudy {
		t.Skip("coverage study: run with -coverage.study")
	}
	table := "| scenario | OpenStack / Python postings | employers | stratified | raw | median | adjusted | change | p < 0.05 (null) | any Holm p < 0.05 (null) |\n" +
		"|---|---|---|---|---|---|---|---|---|---|\n" + employerCoverage(t, *coverageReps, *coverageResamples)
	t.Logf("%d datasets per scenario, %d resamples each, 95%% intervals:\n\n%s", *coverageReps, *coverageResamples, table)
}
