package transform_test

import (
	"math"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/transform"
)

// shippedConfig is the transform config the demo runs with, the
// defaults: its regions and rates cover the places internal/synth draws.
func shippedConfig(t *testing.T) transform.Config {
	t.Helper()
	return transform.DefaultConfig()
}

// TestSyntheticAnalyzable checks that synthetic records make an analysis
// possible: OpenStack and Python listings with usable employer pay in at
// least 3 regions and 4 quarters each, and structured pay that carries
// synth.StructuralPremium within each country.
func TestSyntheticAnalyzable(t *testing.T) {
	records := synth.Records(20_000, 1)
	res, err := transform.Normalize(t.Context(), shippedConfig(t), records)
	if err != nil {
		t.Fatal(err)
	}
	structured := map[string]bool{} // URLs of records with structured pay
	for _, r := range records {
		if !math.IsNaN(r.PayMin) {
			structured[r.URL] = true
		}
	}
	type group struct {
		n      int
		sumLog float64
	}
	regions := map[data.Role]map[string]bool{data.RoleOpenStack: {}, data.RolePython: {}}
	quarters := map[data.Role]map[string]bool{data.RoleOpenStack: {}, data.RolePython: {}}
	byCountry := map[string]map[data.Role]*group{}
	for _, l := range res.Listings {
		if regions[l.Role] == nil || l.SalaryCode != "" || l.SalarySource != data.PaySourceEmployer || l.DuplicateOf != "" ||
			l.Region == data.RegionUnknown {
			continue
		}
		regions[l.Role][l.Region] = true
		quarters[l.Role][l.Quarter] = true
		if !structured[l.URL] {
			continue
		}
		if byCountry[l.Country] == nil {
			byCountry[l.Country] = map[data.Role]*group{data.RoleOpenStack: {}, data.RolePython: {}}
		}
		g := byCountry[l.Country][l.Role]
		g.n++
		g.sumLog += math.Log(l.SalaryAnnualUSD)
	}
	for _, role := range []data.Role{data.RoleOpenStack, data.RolePython} {
		if len(regions[role]) < 3 || len(quarters[role]) < 4 {
			t.Errorf("%s listings with pay in %d regions and %d quarters, want 3 and 4: %v %v", role,
				len(regions[role]), len(quarters[role]), regions[role], quarters[role])
		}
	}
	// The premium within countries, weighted as in a pooled two-group
	// comparison: the countries' bases cancel.
	var sum, weights float64
	for _, g := range byCountry {
		os, py := g[data.RoleOpenStack], g[data.RolePython]
		if os.n == 0 || py.n == 0 {
			continue
		}
		w := float64(os.n*py.n) / float64(os.n+py.n)
		sum += w * (os.sumLog/float64(os.n) - py.sumLog/float64(py.n))
		weights += w
	}
	want := math.Log(1 + synth.StructuralPremium)
	if got := sum / weights; math.Abs(got-want) > 0.04 {
		t.Errorf("OpenStack premium in structured pay within countries %.4f log points, want %.4f ± 0.04", got, want)
	}
}
