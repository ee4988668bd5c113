package analyze_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
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

// cfgIndependent is cfg with the raw_bca and raw_percentile rows on.
func cfgIndependent() analyze.Config {
	c := cfg()
	c.IndependentRows = true
	return c
}

// row finds the row of a region, quarter and method.
func row(t *testing.T, rows []data.Premium, region, quarter, method string) data.Premium {
	t.Helper()
	for _, p := range rows {
		if p.Region == region && p.Quarter == quarter && p.Method == method {
			return p
		}
	}
	t.Fatalf("no %s row for %s/%s", method, region, quarter)
	return data.Premium{}
}

func TestPremiumIsRatioOfGeometricMeans(t *testing.T) {
	var ls []data.Listing
	// OpenStack pay 100k and 136.89k (geometric mean 117k); Python 100k.
	for i := 0; i < 40; i++ {
		ls = append(ls, listing("Europe", "2026Q3", data.RoleOpenStack, []float64{100000, 136890}[i%2]))
		ls = append(ls, listing("Europe", "2026Q3", data.RolePython, 100000))
	}
	res, err := analyze.Run(t.Context(), cfgIndependent(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	first := res.Premiums[0]
	if first.Region != data.RegionAll || first.Quarter != data.QuarterAll || first.Method != data.MethodStratified {
		t.Fatalf("first row is %s/%s/%s, want %s/%s/%s", first.Region, first.Quarter, first.Method, data.RegionAll, data.QuarterAll, data.MethodStratified)
	}
	for _, region := range []string{data.RegionAll, "Europe"} {
		for _, q := range []string{data.QuarterAll, "2026Q3"} {
			for _, method := range []string{data.MethodStratified, data.MethodRaw, data.MethodRawBCA, data.MethodRawPercentile} {
				p := row(t, res.Premiums, region, q, method)
				if math.Abs(p.Premium-0.17) > 1e-12 || p.NOpenStack != 40 || p.NPython != 40 {
					t.Errorf("%s/%s/%s: premium %v with n %d/%d, want 0.17 with 40/40", region, q, method, p.Premium, p.NOpenStack, p.NPython)
				}
				if math.Abs(p.LogGap-math.Log(1.17)) > 1e-12 {
					t.Errorf("%s/%s/%s: log gap %v, want ln 1.17", region, q, method, p.LogGap)
				}
				if !(p.CILow < p.Premium && p.Premium < p.CIHigh) {
					t.Errorf("%s/%s/%s: interval [%v, %v] does not bracket %v", region, q, method, p.CILow, p.CIHigh, p.Premium)
				}
				if p.MedianPythonUSD != 100000 || math.Abs(p.MedianOpenStackUSD-118445) > 1e-6 {
					t.Errorf("%s/%s: medians %v and %v", region, q, p.MedianOpenStackUSD, p.MedianPythonUSD)
				}
			}
		}
	}
}

// TestRowOrder pins the order Result.Premiums documents.
func TestRowOrder(t *testing.T) {
	var ls []data.Listing
	for _, q := range []string{"2026Q2", "2026Q3"} {
		for i := range 40 {
			ls = append(ls, listing("Europe", q, data.RoleOpenStack, 110000+float64(i)*100))
			ls = append(ls, listing("Europe", q, data.RolePython, 100000+float64(i)*100))
		}
	}
	for _, c := range []struct {
		cfg     analyze.Config
		methods []string
	}{{cfg(), []string{data.MethodStratified, data.MethodRaw, data.MethodMedian, data.MethodAdjusted, data.MethodPooled}},
		{cfgIndependent(), []string{data.MethodStratified, data.MethodRaw, data.MethodRawBCA, data.MethodRawPercentile, data.MethodMedian, data.MethodAdjusted, data.MethodPooled}}} {
		res, err := analyze.Run(t.Context(), c.cfg, analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, region := range []string{data.RegionAll, "Europe"} {
			for _, q := range []string{data.QuarterAll, "2026Q2", "2026Q3"} {
				for _, m := range c.methods {
					want = append(want, region+"|"+q+"|"+m)
				}
			}
			want = append(want, region+"|2026Q2/2026Q3|"+data.MethodChange)
		}
		var got []string
		for _, p := range res.Premiums {
			got = append(got, p.Region+"|"+p.Quarter+"|"+p.Method)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("independent_rows %v: row order:\n%s\nwant:\n%s", c.cfg.IndependentRows, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestIntervalWidth checks the bootstrap intervals against the normal
// theory width for log-normal pay: half-width ≈ z·σ·√(1/n₁+1/n₂).
func TestIntervalWidth(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	const n, sigma = 400, 0.25
	var ls []data.Listing
	for i := 0; i < n; i++ {
		ls = append(ls, listing("NA", "2026Q1", data.RoleOpenStack, math.Exp(math.Log(117000)+sigma*rng.NormFloat64())))
		ls = append(ls, listing("NA", "2026Q1", data.RolePython, math.Exp(math.Log(100000)+sigma*rng.NormFloat64())))
	}
	c := cfgIndependent()
	c.Bootstrap = 10000
	res, err := analyze.Run(t.Context(), c, analyze.Input{Regions: []string{"NA"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	want := 1.959964 * sigma * math.Sqrt(2.0/n)
	for _, method := range []string{data.MethodRaw, data.MethodRawBCA, data.MethodRawPercentile, data.MethodAdjusted, data.MethodChange} {
		if method == data.MethodChange {
			continue // one quarter: no change row
		}
		p := row(t, res.Premiums, "NA", data.QuarterAll, method)
		got := (math.Log1p(p.CIHigh) - math.Log1p(p.CILow)) / 2
		if math.Abs(got-want)/want > 0.1 {
			t.Errorf("%s: interval half-width %.4f log points, normal theory %.4f", method, got, want)
		}
		if math.Abs(p.SE-want/1.959964)/want > 0.1 {
			t.Errorf("%s: se %.4f, normal theory %.4f", method, p.SE, want/1.959964)
		}
	}
}

// samePremium compares rows treating NaN as equal to NaN.
func samePremium(a, b data.Premium) bool {
	na := []float64{a.MedianOpenStackUSD, a.MedianPythonUSD, a.Premium, a.CILow, a.CIHigh, a.Confidence, a.LogGap, a.SE, a.PValue, a.PHolm, a.Explained, a.Unexplained, a.LargestEmployerShare}
	nb := []float64{b.MedianOpenStackUSD, b.MedianPythonUSD, b.Premium, b.CILow, b.CIHigh, b.Confidence, b.LogGap, b.SE, b.PValue, b.PHolm, b.Explained, b.Unexplained, b.LargestEmployerShare}
	for i := range na {
		if na[i] != nb[i] && !(math.IsNaN(na[i]) && math.IsNaN(nb[i])) {
			return false
		}
	}
	a2, b2 := a, b
	a2.MedianOpenStackUSD, a2.MedianPythonUSD, a2.Premium, a2.CILow, a2.CIHigh, a2.Confidence = 0, 0, 0, 0, 0, 0
	a2.LogGap, a2.SE, a2.PValue, a2.PHolm, a2.Explained, a2.Unexplained, a2.LargestEmployerShare = 0, 0, 0, 0, 0, 0, 0
	b2.MedianOpenStackUSD, b2.MedianPythonUSD, b2.Premium, b2.CILow, b2.CIHigh, b2.Confidence = 0, 0, 0, 0, 0, 0
	b2.LogGap, b2.SE, b2.PValue, b2.PHolm, b2.Explained, b2.Unexplained, b2.LargestEmployerShare = 0, 0, 0, 0, 0, 0, 0
	return a2 == b2
}

// regionalListings draws listings in three regions and two quarters.
func regionalListings(seed uint64, n int) []data.Listing {
	rng := rand.New(rand.NewPCG(seed, 2))
	var ls []data.Listing
	for _, region := range []string{"Europe", "North America", "Asia-Pacific"} {
		for _, q := range []string{"2026Q2", "2026Q3"} {
			for range n {
				l := listing(region, q, data.RoleOpenStack, 1000*math.Round(90+20*rng.Float64()))
				l.Company = fmt.Sprint("c", rng.IntN(40))
				ls = append(ls, l)
				l = listing(region, q, data.RolePython, 1000*math.Round(80+20*rng.Float64()))
				l.Company = fmt.Sprint("c", rng.IntN(40))
				ls = append(ls, l)
			}
		}
	}
	return ls
}

func TestReproducibleFromSeed(t *testing.T) {
	ls := regionalListings(1, 50)
	regions := []string{"Europe", "North America", "Asia-Pacific"}
	run := func(seed uint64) []data.Premium {
		c := cfgIndependent()
		c.Seed = seed
		res, err := analyze.Run(t.Context(), c, analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
		if err != nil {
			t.Fatal(err)
		}
		return res.Premiums
	}
	a, b, other := run(1), run(1), run(2)
	for i := range a {
		if !samePremium(a[i], b[i]) {
			t.Errorf("same seed, different rows:\n%+v\n%+v", a[i], b[i])
		}
	}
	// a[2] is the first bootstrap row (raw_bca); the clustered rows
	// before it draw nothing.
	if a[2].CILow == other[2].CILow && a[2].CIHigh == other[2].CIHigh {
		t.Errorf("seeds 1 and 2 gave the same interval %v–%v", a[2].CILow, a[2].CIHigh)
	}
	if a[0].CILow != other[0].CILow || a[0].CIHigh != other[0].CIHigh {
		t.Errorf("the clustered interval must not depend on the seed: %v–%v vs %v–%v", a[0].CILow, a[0].CIHigh, other[0].CILow, other[0].CIHigh)
	}
	if a[0].Premium != other[0].Premium {
		t.Errorf("the point estimate must not depend on the seed: %v vs %v", a[0].Premium, other[0].Premium)
	}
}

// TestRowsIndependentOfOtherRegions: a region's rows come from its own
// generators, so adding a region does not move another region's interval.
func TestRowsIndependentOfOtherRegions(t *testing.T) {
	ls := regionalListings(3, 40)
	all, err := analyze.Run(t.Context(), cfgIndependent(), analyze.Input{Regions: []string{"Europe", "North America", "Asia-Pacific"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	one, err := analyze.Run(t.Context(), cfgIndependent(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{data.MethodRaw, data.MethodRawBCA, data.MethodRawPercentile, data.MethodMedian, data.MethodAdjusted} {
		a, b := row(t, all.Premiums, "Europe", "2026Q3", m), row(t, one.Premiums, "Europe", "2026Q3", m)
		if !samePremium(a, b) {
			t.Errorf("%s: Europe 2026Q3 changed when other regions were added:\n%+v\n%+v", m, a, b)
		}
	}
}

func TestSmallGroupsWithheld(t *testing.T) {
	var ls []data.Listing
	for i := 0; i < 40; i++ {
		ls = append(ls, listing("Europe", "2026Q3", data.RolePython, 100000))
	}
	for i := 0; i < 8; i++ {
		ls = append(ls, listing("Europe", "2026Q3", data.RoleOpenStack, 120000))
	}
	res, err := analyze.Run(t.Context(), cfgIndependent(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{data.MethodRaw, data.MethodRawBCA, data.MethodRawPercentile, data.MethodMedian, data.MethodAdjusted} {
		p := row(t, res.Premiums, data.RegionAll, data.QuarterAll, m)
		if !math.IsNaN(p.Premium) || !math.IsNaN(p.CILow) || !strings.Contains(p.Note, "withheld: 8 OpenStack postings") {
			t.Errorf("%s: small group row = %+v", m, p)
		}
		if p.NOpenStack != 8 || p.MedianOpenStackUSD != 120000 || p.NEmployersOpenStack != 8 || p.NEmployersPython != 40 {
			t.Errorf("%s: withheld row must still report n and medians: %+v", m, p)
		}
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
	noPay.SalaryNote = "no pay: none stated"
	ls := []data.Listing{ok, dup, outlier, board, other, unknown, noPay}
	rejects := []data.Reject{{Source: "s", URL: "r", Stage: "scrape", Reason: "broken"}}

	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls), Rejects: rejects})
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Premiums[0]; p.NPython != 1 || strings.Contains(p.Note, "left out") {
		t.Errorf("%d Python listings in the estimate (note %q), want only the clean one and no bad-pay note", p.NPython, p.Note)
	}
	// The outlier and the listing without pay carry a note but no code.
	want := data.Funnel{Source: "s", Fetched: 8, Parsed: 7, WithPay: 4, Classified: 3, Unique: 2, PlaceUnknown: 1, InEstimate: 1,
		PayCodes: map[string]int{"board_estimate": 1, "unusable": 2}}
	if len(res.Funnel) != 1 || !reflect.DeepEqual(res.Funnel[0], want) {
		t.Errorf("funnel = %+v, want %+v", res.Funnel, want)
	}
}

func TestValidate(t *testing.T) {
	if err := analyze.DefaultConfig().Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	c := analyze.DefaultConfig()
	c.Confidence, c.Bootstrap, c.MinGroupSize, c.MinEmployers = 1.5, 10, 1, 1
	c.Controls = []string{"seniority", "shoe size", "seniority"}
	err := c.Validate()
	for _, want := range []string{"analysis.confidence", "analysis.bootstrap", "analysis.min_group_size",
		"analysis.min_employers", `analysis.controls[1]: unknown control "shoe size"`,
		`analysis.controls[2]: "seniority" is listed twice`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to name %s", err, want)
		}
	}
	if _, err := analyze.Run(t.Context(), c, analyze.Input{}); err == nil {
		t.Error("Run accepted an invalid config")
	}
}
