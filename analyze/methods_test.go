package analyze_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// confounded draws listings where OpenStack roles skew senior, with a
// structural premium of premium log points and 0.3 per seniority step.
func confounded(seed uint64, n int, premium float64) []data.Listing {
	rng := rand.New(rand.NewPCG(seed, 5))
	levels := []string{"junior", "mid", "senior", "lead"}
	var ls []data.Listing
	for i := range n {
		role, lvl := data.RolePython, rng.IntN(4)
		lp := math.Log(100000)
		if i%3 == 0 {
			role, lvl = data.RoleOpenStack, 1+rng.IntN(3)
			lp += premium
		}
		lp += 0.3*float64(lvl) + 0.2*rng.NormFloat64()
		l := listing("Europe", "2026Q3", role, math.Round(math.Exp(lp)))
		l.Seniority, l.Country, l.Company = levels[lvl], []string{"DE", "FR"}[rng.IntN(2)], fmt.Sprint("c", rng.IntN(60))
		ls = append(ls, l)
	}
	return ls
}

func TestAdjustedRemovesConfounding(t *testing.T) {
	const truth = 0.10
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(confounded(1, 3000, truth))})
	if err != nil {
		t.Fatal(err)
	}
	raw := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodRaw)
	adj := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodAdjusted)
	if raw.LogGap < truth+0.1 {
		t.Errorf("raw gap %.3f should include the seniority difference (truth %.2f)", raw.LogGap, truth)
	}
	if math.Abs(adj.LogGap-truth) > 3*adj.SE {
		t.Errorf("adjusted gap %.4f ± %.4f, truth %.2f", adj.LogGap, adj.SE, truth)
	}
	if math.Abs(adj.Explained+adj.Unexplained-raw.LogGap) > 1e-10 {
		t.Errorf("explained %.6f + unexplained %.6f ≠ raw gap %.6f", adj.Explained, adj.Unexplained, raw.LogGap)
	}
	if adj.Unexplained != adj.LogGap || adj.Explained < 0.1 {
		t.Errorf("Oaxaca split %+v", adj)
	}
	if adj.NClusters != 60 || !strings.Contains(adj.Detail, "CR2") {
		t.Errorf("60 companies should give CR2 errors on 60 clusters: %d clusters, %q", adj.NClusters, adj.Detail)
	}

	// Without controls the adjusted estimate is the raw gap, with the raw
	// row's clustered error and interval.
	c := cfg()
	c.Controls = nil
	res, err = analyze.Run(t.Context(), c, analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(confounded(1, 3000, truth))})
	if err != nil {
		t.Fatal(err)
	}
	if p := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodAdjusted); math.Abs(p.LogGap-raw.LogGap) > 1e-10 || p.Explained != 0 {
		t.Errorf("no controls: adjusted %.6f (explained %v), raw %.6f", p.LogGap, p.Explained, raw.LogGap)
	}
	clusteredRaw := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodRaw)
	if p := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodAdjusted); math.Abs(p.SE-clusteredRaw.SE) > 1e-12 || math.Abs(p.CILow-clusteredRaw.CILow) > 1e-12 {
		t.Errorf("no controls: adjusted se %.9f [%.6f, %.6f], raw %.9f [%.6f, %.6f]", p.SE, p.CILow, p.CIHigh, clusteredRaw.SE, clusteredRaw.CILow, clusteredRaw.CIHigh)
	}
}

func TestPooledShrinksSmallRegion(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	var ls []data.Listing
	add := func(region string, n int, gap float64) {
		for range n {
			ls = append(ls, listing(region, "2026Q3", data.RoleOpenStack, math.Exp(11.5+gap+0.25*rng.NormFloat64())))
			ls = append(ls, listing(region, "2026Q3", data.RolePython, math.Exp(11.5+0.25*rng.NormFloat64())))
		}
	}
	regions := []string{"A", "B", "C", "D", "Tiny"}
	for _, r := range regions[:4] {
		add(r, 300, 0.15)
	}
	add("Tiny", 8, 0.6)
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	raw := row(t, res.Premiums, "Tiny", data.QuarterAll, data.MethodRaw)
	pooled := row(t, res.Premiums, "Tiny", data.QuarterAll, data.MethodPooled)
	mean := row(t, res.Premiums, data.RegionAll, data.QuarterAll, data.MethodPooled)
	checkRows(t, res.Premiums)
	if !math.IsNaN(raw.Premium) {
		t.Fatalf("raw estimate of 8 postings published: %+v", raw)
	}
	if !(pooled.LogGap > mean.LogGap && pooled.LogGap < 0.6) || math.IsNaN(pooled.CILow) {
		t.Errorf("pooled Tiny %.3f [%.3f, %.3f] should sit between the mean %.3f and its own gap ~0.6",
			pooled.LogGap, pooled.CILow, pooled.CIHigh, mean.LogGap)
	}
	if !strings.Contains(pooled.Note, "partially pooled") {
		t.Errorf("note %q should flag the pooled estimate", pooled.Note)
	}
	if math.Abs(mean.LogGap-0.15) > 0.1 {
		t.Errorf("mean across regions %.3f, want near 0.15", mean.LogGap)
	}
	big := row(t, res.Premiums, "A", data.QuarterAll, data.MethodPooled)
	bigRaw := row(t, res.Premiums, "A", data.QuarterAll, data.MethodRaw)
	if math.Abs(big.LogGap-bigRaw.LogGap) > 0.03 {
		t.Errorf("a large region should keep nearly its own gap: pooled %.3f, raw %.3f", big.LogGap, bigRaw.LogGap)
	}
}

func TestChangeBetweenLastQuarters(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var ls []data.Listing
	for q, gap := range map[string]float64{"2026Q1": 0.0, "2026Q2": 0.10, "2026Q3": 0.25} {
		for range 400 {
			ls = append(ls, listing("Europe", q, data.RoleOpenStack, math.Exp(11.5+gap+0.2*rng.NormFloat64())))
			ls = append(ls, listing("Europe", q, data.RolePython, math.Exp(11.5+0.2*rng.NormFloat64())))
		}
	}
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	q2 := row(t, res.Premiums, "Europe", "2026Q2", data.MethodRaw)
	q3 := row(t, res.Premiums, "Europe", "2026Q3", data.MethodRaw)
	ch := row(t, res.Premiums, "Europe", "2026Q2/2026Q3", data.MethodChange)
	if math.Abs(ch.LogGap-(q3.LogGap-q2.LogGap)) > 1e-12 || math.Abs(ch.Premium-math.Expm1(ch.LogGap)) > 1e-12 {
		t.Errorf("change %v (log %v), quarters %v and %v", ch.Premium, ch.LogGap, q2.LogGap, q3.LogGap)
	}
	if !(ch.CILow < ch.Premium && ch.Premium < ch.CIHigh) || ch.CILow < 0 {
		t.Errorf("change interval [%v, %v] should bracket %v and exclude 0", ch.CILow, ch.CIHigh, ch.Premium)
	}
	// The change's standard error combines the quarters'.
	if want := math.Hypot(q2.SE, q3.SE); math.Abs(ch.SE-want)/want > 0.1 {
		t.Errorf("change se %.4f, want about %.4f", ch.SE, want)
	}
	if ch.NOpenStack != 800 || !strings.Contains(ch.Detail, "2026Q2 +") {
		t.Errorf("change row %+v", ch)
	}
}

// TestPValuesAndHolm checks that the stratified and adjusted rows over all
// quarters carry the clustered test's p-value, adjusted with Holm's method
// over every p-value of the table, and that no other row carries one.
func TestPValuesAndHolm(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	var ls []data.Listing
	for region, gap := range map[string]float64{"Yes": 0.2, "No": 0, "Maybe": 0.03} {
		for i := range 200 {
			os := listing(region, "2026Q3", data.RoleOpenStack, math.Exp(11.5+gap+0.25*rng.NormFloat64()))
			py := listing(region, "2026Q3", data.RolePython, math.Exp(11.5+0.25*rng.NormFloat64()))
			os.Company, py.Company = fmt.Sprint(region, i%40), fmt.Sprint(region, i%50)
			ls = append(ls, os, py)
		}
	}
	regions := []string{"Yes", "No", "Maybe"}
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	var ps, holms []float64
	for _, p := range res.Premiums {
		withP := p.Quarter == data.QuarterAll && (p.Method == data.MethodStratified || p.Method == data.MethodAdjusted)
		if withP != !math.IsNaN(p.PValue) {
			t.Errorf("%s %s %s: p %v", p.Region, p.Quarter, p.Method, p.PValue)
		}
		if withP {
			if !(p.PValue > 0 && p.PHolm >= p.PValue && p.PHolm <= 1) || !strings.Contains(p.Detail, "Holm-adjusted over the 8 p-values") {
				t.Errorf("%s %s: p %v, Holm %v, %q", p.Region, p.Method, p.PValue, p.PHolm, p.Detail)
			}
			ps, holms = append(ps, p.PValue), append(holms, p.PHolm)
		}
	}
	if yes := row(t, res.Premiums, "Yes", data.QuarterAll, data.MethodStratified); yes.PHolm > 0.01 {
		t.Errorf("a 20%% premium on 200+200 postings should have a small adjusted p, got %v", yes.PHolm)
	}
	// Holm's smallest adjusted p is the smallest p times the family size.
	if got, want := slices.Min(holms), min(1, 8*slices.Min(ps)); math.Abs(got-want) > 1e-15 {
		t.Errorf("smallest Holm p %v, want %v", got, want)
	}
}

// TestIndependentOfScheduling runs on one core and on all: the rows must
// be identical to the digit.
func TestIndependentOfScheduling(t *testing.T) {
	ls := regionalListings(5, 60)
	regions := []string{"Europe", "North America", "Asia-Pacific"}
	run := func(procs int) []data.Premium {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
		if err != nil {
			t.Fatal(err)
		}
		return res.Premiums
	}
	one, many := run(1), run(4)
	for i := range one {
		if !samePremium(one[i], many[i]) {
			t.Errorf("row %d differs:\n%+v\n%+v", i, one[i], many[i])
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := analyze.Run(ctx, cfg(), analyze.Input{Regions: []string{"Europe", "North America", "Asia-Pacific"}, Listings: analyze.SliceStream(regionalListings(1, 40))}); err == nil {
		t.Error("Run on a cancelled context returned no error")
	}
}

// TestStratifiedComparesLikeWithLike: no country pays OpenStack roles
// more, but OpenStack postings sit in the better-paying country. The raw
// ratio shows a large premium; the stratified headline does not, and it
// says which countries it left out.
func TestStratifiedComparesLikeWithLike(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	level := map[string]float64{"US": 0.5, "DE": 0, "IN": -1}
	var ls []data.Listing
	add := func(role data.Role, country string, n int) {
		for i := range n {
			l := listing("Europe", "2026Q3", role, math.Exp(11.5+level[country]+0.2*rng.NormFloat64()))
			l.Country, l.Company = country, fmt.Sprint(country, role, i%25)
			ls = append(ls, l)
		}
	}
	add(data.RoleOpenStack, "US", 280)
	add(data.RoleOpenStack, "DE", 120)
	add(data.RolePython, "US", 160)
	add(data.RolePython, "DE", 120)
	add(data.RolePython, "IN", 120)
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	raw := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodRaw)
	st := row(t, res.Premiums, "Europe", data.QuarterAll, data.MethodStratified)
	if raw.LogGap < 0.3 || raw.CILow < 0.3 {
		t.Errorf("raw %+.3f [%+.3f, %+.3f]: the country mix should show as a premium", raw.LogGap, raw.CILow, raw.CIHigh)
	}
	if !(st.CILow < 0 && st.CIHigh > 0) || math.Abs(st.LogGap) > 0.05 {
		t.Errorf("stratified %+.3f [%+.3f, %+.3f]: want about 0", st.LogGap, st.CILow, st.CIHigh)
	}
	if !strings.Contains(st.Detail, "over 2 countries with both roles (1 country with one role only left out: 0 OpenStack and 120 Python postings)") {
		t.Errorf("detail %q", st.Detail)
	}
	if st.NEmployersOpenStack != 50 || st.NEmployersPython != 75 || math.Abs(st.LargestEmployerShare-12.0/400) > 1e-12 {
		t.Errorf("employers %d/%d, largest share %v", st.NEmployersOpenStack, st.NEmployersPython, st.LargestEmployerShare)
	}
}
