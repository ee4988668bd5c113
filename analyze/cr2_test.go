package analyze

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// cr2Reference is one dataset of testdata/cr2_reference.json, made by
// testdata/cr2_reference.py from the published CR2 and Bell–McCaffrey
// formulas with dense matrices (numpy 1.24, Debian 12).
type cr2Reference struct {
	Name     string `json:"name"`
	Postings []struct {
		Company   string  `json:"company"`
		OpenStack bool    `json:"openstack"`
		Seniority int     `json:"seniority"`
		Country   string  `json:"country"`
		Pay       float64 `json:"pay"`
	} `json:"postings"`
	Raw        cr2Fit `json:"raw"`
	Adjusted   cr2Fit `json:"adjusted"`
	Stratified cr2Fit `json:"stratified"`
}

type cr2Fit struct {
	Estimate float64 `json:"estimate"`
	SE       float64 `json:"se"`
	DF       float64 `json:"df"`
	Clusters int     `json:"clusters"`
}

// TestCR2MatchesReference checks the raw, adjusted and stratified
// estimates' CR2 standard errors and Bell–McCaffrey degrees of freedom,
// computed here from employer sums, against the dense-matrix reference:
// few employers, many, none named (every posting its own cluster) and a
// mix with a country of one role only.
func TestCR2MatchesReference(t *testing.T) {
	raw, err := os.ReadFile("testdata/cr2_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var refs []cr2Reference
	if err := json.Unmarshal(raw, &refs); err != nil {
		t.Fatal(err)
	}
	if len(refs) == 0 {
		t.Fatal("no reference datasets")
	}
	for _, ref := range refs {
		t.Run(ref.Name, func(t *testing.T) {
			var ls []data.Listing
			for _, p := range ref.Postings {
				role := data.RolePython
				if p.OpenStack {
					role = data.RoleOpenStack
				}
				ls = append(ls, data.Listing{Region: "R", Role: role, Company: p.Company, Country: p.Country,
					Seniority: strconv.Itoa(p.Seniority), SalaryAnnualUSD: p.Pay, SalarySource: data.PaySourceEmployer})
			}
			cfg := DefaultConfig()
			cfg.Controls = []string{ControlSeniority}
			s, err := collect(cfg, []string{"R"}, ls)
			if err != nil {
				t.Fatal(err)
			}
			obs := s.rows[0][0]
			var sum [2]float64
			var n [2]int
			for _, i := range obs {
				k := boolIndex(s.openstack[i])
				sum[k] += s.logs[s.valueID[i]]
				n[k]++
			}
			meanOS, meanPy := sum[1]/float64(n[1]), sum[0]/float64(n[0])
			r := fitRaw(s, obs, meanOS, meanPy, n[1], n[0], newScratch(s).clusterRow)
			checkCR2(t, "raw", meanOS-meanPy, r.clustered, ref.Raw)
			a, err := adjust(s, obs, newScratch(s))
			if err != nil {
				t.Fatal(err)
			}
			checkCR2(t, "adjusted", a.fit.beta[1], a.robust, ref.Adjusted)
			st, err := fitStratified(s, obs, newScratch(s).clusterRow)
			if err != nil {
				t.Fatal(err)
			}
			checkCR2(t, "stratified", st.gap, st.clustered, ref.Stratified)
		})
	}
}

func checkCR2(t *testing.T, what string, estimate float64, got clustered, want cr2Fit) {
	t.Helper()
	close := func(name string, g, w float64) {
		t.Helper()
		if math.Abs(g-w) > 1e-8*math.Max(math.Abs(w), 1) {
			t.Errorf("%s %s = %.12g, reference %.12g", what, name, g, w)
		}
	}
	close("estimate", estimate, want.Estimate)
	close("se", got.se, want.SE)
	close("df", got.df, want.DF)
	if got.clusters != want.Clusters {
		t.Errorf("%s clusters = %d, reference %d", what, got.clusters, want.Clusters)
	}
}
