package analyze_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

func listing(region, quarter string, role data.Role, usd float64) data.Listing {
	return data.Listing{Source: "s", URL: fmt.Sprint(len(region), quarter, role, usd), Region: region, Quarter: quarter,
		Role: role, SalaryAnnualUSD: usd, SalarySource: data.PaySourceEmployer, SalaryMin: math.NaN(), SalaryMax: math.NaN()}
}

func cfg() analyze.Config {
	c := analyze.DefaultConfig()
	c.Bootstrap = 2000
	return c
}

func TestPremiumIsRatioOfGeometricMeans(t *testing.T) {
	var ls []data.Listing
	// OpenStack pay 100k and 136.89k (geometric mean 117k); Python 100k.
	for i := 0; i < 40; i++ {
		ls = append(ls, listing("Europe", "2026Q3", data.RoleOpenStack, []float64{100000, 136890}[i%2]))
		ls = append(ls, listing("Europe", "2026Q3", data.RolePython, 100000))
	}
	res, err := analyze.Run(t.Context(), cfg(), []string{"Europe"}, ls, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Premiums) != 4 {
		t.Fatalf("got %d rows, want All regions and Europe × {all, 2026Q3}", len(res.Premiums))
	}
	first := res.Premiums[0]
	if first.Region != data.RegionAll || first.Quarter != data.QuarterAll {
		t.Fatalf("first row is %s/%s, want %s/%s", first.Region, first.Quarter, data.RegionAll, data.QuarterAll)
	}
	for _, p := range res.Premiums {
		if math.Abs(p.Premium-0.17) > 1e-12 || p.NOpenStack != 40 || p.NPython != 40 {
			t.Errorf("%s/%s: premium %v with n %d/%d, want 0.17 with 40/40", p.Region, p.Quarter, p.Premium, p.NOpenStack, p.NPython)
		}
		if !(p.CILow < p.Premium && p.Premium < p.CIHigh) {
			t.Errorf("%s/%s: interval [%v, %v] does not bracket %v", p.Region, p.Quarter, p.CILow, p.CIHigh, p.Premium)
		}
		if p.MedianPythonUSD != 100000 || math.Abs(p.MedianOpenStackUSD-118445) > 1e-6 {
			t.Errorf("%s/%s: medians %v and %v", p.Region, p.Quarter, p.MedianOpenStackUSD, p.MedianPythonUSD)
		}
	}
}

// TestIntervalWidth checks the bootstrap interval against the normal
// theory width for log-normal pay: half-width ≈ z·σ·√(1/n₁+1/n₂).
func TestIntervalWidth(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	const n, sigma = 400, 0.25
	var ls []data.Listing
	for i := 0; i < n; i++ {
		ls = append(ls, listing("NA", "2026Q1", data.RoleOpenStack, math.Exp(math.Log(117000)+sigma*rng.NormFloat64())))
		ls = append(ls, listing("NA", "2026Q1", data.RolePython, math.Exp(math.Log(100000)+sigma*rng.NormFloat64())))
	}
	c := cfg()
	c.Bootstrap = 10000
	res, err := analyze.Run(t.Context(), c, []string{"NA"}, ls, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Premiums[0]
	got := (math.Log1p(p.CIHigh) - math.Log1p(p.CILow)) / 2
	want := 1.959964 * sigma * math.Sqrt(2.0/n)
	if math.Abs(got-want)/want > 0.1 {
		t.Errorf("interval half-width %.4f log points, normal theory %.4f", got, want)
	}
}

func TestReproducibleFromSeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ls []data.Listing
	for i := 0; i < 100; i++ {
		ls = append(ls, listing("Europe", "2026Q2", data.RoleOpenStack, 90000+20000*rng.Float64()))
		ls = append(ls, listing("Europe", "2026Q2", data.RolePython, 80000+20000*rng.Float64()))
	}
	run := func(seed uint64) data.Premium {
		c := cfg()
		c.Seed = seed
		res, err := analyze.Run(t.Context(), c, []string{"Europe"}, ls, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Premiums[1]
	}
	a, b, other := run(1), run(1), run(2)
	if a != b {
		t.Errorf("same seed, different rows: %+v vs %+v", a, b)
	}
	if a.CILow == other.CILow && a.CIHigh == other.CIHigh {
		t.Errorf("seeds 1 and 2 gave the same interval %v–%v", a.CILow, a.CIHigh)
	}
	if a.Premium != other.Premium {
		t.Errorf("the point estimate must not depend on the seed: %v vs %v", a.Premium, other.Premium)
	}
}

func TestSmallGroupsWithheld(t *testing.T) {
	var ls []data.Listing
	for i := 0; i < 40; i++ {
		ls = append(ls, listing("Europe", "2026Q3", data.RolePython, 100000))
	}
	for i := 0; i < 12; i++ {
		ls = append(ls, listing("Europe", "2026Q3", data.RoleOpenStack, 120000))
	}
	res, err := analyze.Run(t.Context(), cfg(), []string{"Europe"}, ls, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Premiums[0]
	if !math.IsNaN(p.Premium) || !math.IsNaN(p.CILow) || !strings.Contains(p.Note, "withheld: 12 OpenStack postings") {
		t.Errorf("small group row = %+v", p)
	}
	if p.NOpenStack != 12 || p.MedianOpenStackUSD != 120000 {
		t.Errorf("withheld row must still report n and medians: %+v", p)
	}
}

func TestExcludedListingsAndFunnel(t *testing.T) {
	ok := listing("Europe", "2026Q3", data.RolePython, 100000)
	dup := ok
	dup.DuplicateOf = "x"
	outlier := listing("Europe", "2026Q3", data.RolePython, 2)
	outlier.SalaryNote = data.SalaryNoteOutlier
	board := listing("Europe", "2026Q3", data.RolePython, 100000)
	board.SalarySource = data.PaySourceBoard
	other := listing("Europe", "2026Q3", data.RoleOther, 100000)
	unknown := listing(data.RegionUnknown, "2026Q3", data.RolePython, 100000)
	noPay := listing("Europe", "2026Q3", data.RolePython, math.NaN())
	ls := []data.Listing{ok, dup, outlier, board, other, unknown, noPay}
	rejects := []data.Reject{{Source: "s", URL: "r", Stage: "scrape", Reason: "broken"}}

	res, err := analyze.Run(t.Context(), cfg(), []string{"Europe"}, ls, rejects)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Premiums[0].NPython; n != 1 {
		t.Errorf("%d Python listings in the estimate, want only the clean one", n)
	}
	want := data.Funnel{Source: "s", Fetched: 8, Parsed: 7, WithPay: 4, Classified: 3, Unique: 2, InEstimate: 1}
	if len(res.Funnel) != 1 || res.Funnel[0] != want {
		t.Errorf("funnel = %+v, want %+v", res.Funnel, want)
	}
}

func TestValidate(t *testing.T) {
	c := analyze.DefaultConfig()
	c.Confidence, c.Bootstrap, c.MinGroupSize = 1.5, 10, 1
	err := c.Validate()
	for _, want := range []string{"analysis.confidence", "analysis.bootstrap", "analysis.min_group_size"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to name %s", err, want)
		}
	}
}
