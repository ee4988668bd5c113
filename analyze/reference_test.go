package analyze

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// reference holds testdata/reference.json, made by testdata/reference.py
// with scipy 1.10 and statsmodels 0.13 (Debian 12).
type reference struct {
	ReferenceResamples int `json:"reference_resamples"`
	TwoSample          struct {
		bootstrapReference
	} `json:"twosample"`
	CloseGap struct {
		bootstrapReference
		Statistic float64 `json:"statistic"`
		PValue    float64 `json:"p_value"`
	} `json:"closegap"`
	Regression struct {
		Names    []string  `json:"names"`
		Params   []float64 `json:"params"`
		SECR1    []float64 `json:"se_cr1"`
		DFCR1    float64   `json:"df_cr1"`
		CICR1    []float64 `json:"ci_cr1"`
		SEHC3    []float64 `json:"se_hc3"`
		DFHC3    float64   `json:"df_hc3"`
		CIHC3    []float64 `json:"ci_hc3"`
		Clusters int       `json:"clusters"`
		Explain  float64   `json:"explained"`
		RawGap   float64   `json:"raw_gap"`
	} `json:"regression"`
}

type bootstrapReference struct {
	Theta        float64 `json:"theta"`
	SE           float64 `json:"se"`
	Acceleration float64 `json:"acceleration"`
	BCa          bounds  `json:"bca"`
	Percentile   bounds  `json:"percentile"`
}

type bounds struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

func readReference(t *testing.T) reference {
	t.Helper()
	raw, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// readCSV reads a testdata CSV with a header into maps by column name.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func readTwoSample(t *testing.T, name string) (openstack, python []float64) {
	for _, r := range readCSV(t, name) {
		v, err := strconv.ParseFloat(r["pay"], 64)
		if err != nil {
			t.Fatal(err)
		}
		if r["role"] == "openstack" {
			openstack = append(openstack, v)
		} else {
			python = append(python, v)
		}
	}
	return openstack, python
}

// TestBootstrapMatchesScipy compares the BCa and percentile intervals with
// scipy.stats.bootstrap's on the same data. The acceleration is computed
// from the jackknife, no randomness, so it must agree to rounding; the
// bounds carry Monte-Carlo error from both sides (about 0.02 standard
// errors here with 20,000 resamples against scipy's 200,000), so they must
// agree within a tenth of a standard error.
func TestBootstrapMatchesScipy(t *testing.T) {
	ref := readReference(t)
	for _, tc := range []struct {
		file string
		ref  bootstrapReference
	}{{"twosample.csv", ref.TwoSample.bootstrapReference}, {"closegap.csv", ref.CloseGap.bootstrapReference}} {
		t.Run(tc.file, func(t *testing.T) {
			osPay, pyPay := readTwoSample(t, tc.file)
			gOS, gPy := twoGroups(osPay, pyPay)
			theta := gOS.meanLog - gPy.meanLog
			if math.Abs(theta-tc.ref.Theta) > 1e-12 {
				t.Errorf("log gap %.15g, scipy %.15g", theta, tc.ref.Theta)
			}
			a := acceleration([]*group{gOS, gPy}, []float64{1, -1})
			if math.Abs(a-tc.ref.Acceleration) > 1e-9*math.Abs(tc.ref.Acceleration) {
				t.Errorf("acceleration %.15g, scipy %.15g", a, tc.ref.Acceleration)
			}
			reps := bootstrap(newSampler(rand.NewPCG(1, 2)), gOS, gPy, 20_000)
			gaps := sorted(reps.gap)
			se := spread(reps.gap)
			if math.Abs(se-tc.ref.SE) > 0.02*tc.ref.SE {
				t.Errorf("bootstrap se %.5f, scipy %.5f", se, tc.ref.SE)
			}
			lo, hi, err := bcaInterval(gaps, theta, a, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			plo, phi, _ := percentileInterval(gaps, 0.95)
			tol := 0.1 * tc.ref.SE
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"BCa low", lo, tc.ref.BCa.Low}, {"BCa high", hi, tc.ref.BCa.High},
				{"percentile low", plo, tc.ref.Percentile.Low}, {"percentile high", phi, tc.ref.Percentile.High}} {
				if math.Abs(c.got-c.want) > tol {
					t.Errorf("%s %.5f, scipy %.5f (tolerance %.5f)", c.name, c.got, c.want, tol)
				}
			}
			t.Logf("BCa [%.5f, %.5f] scipy [%.5f, %.5f]; percentile [%.5f, %.5f] scipy [%.5f, %.5f]",
				lo, hi, tc.ref.BCa.Low, tc.ref.BCa.High, plo, phi, tc.ref.Percentile.Low, tc.ref.Percentile.High)
		})
	}
}

// TestRegressionMatchesStatsmodels compares every coefficient with
// statsmodels' OLS on the same data, and the Oaxaca–Blinder explained part
// with the same formula in pandas. These are deterministic, so they must
// agree to rounding. The standard errors are checked against the CR2
// reference (TestCR2MatchesReference).
func TestRegressionMatchesStatsmodels(t *testing.T) {
	ref := readReference(t).Regression
	var ls []data.Listing
	for _, r := range readCSV(t, "regression.csv") {
		pay, err := strconv.ParseFloat(r["pay"], 64)
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, data.Listing{Region: "R", Quarter: r["quarter"], Role: data.Role(r["role"]),
			Seniority: r["seniority"], Country: r["country"], Remote: r["remote"] == "remote",
			Company: r["company"], SalaryAnnualUSD: pay, SalarySource: data.PaySourceEmployer})
	}
	s, err := collect(DefaultConfig(), []string{"R"}, ls)
	if err != nil {
		t.Fatal(err)
	}
	close := func(what string, got, want, rel float64) {
		t.Helper()
		if math.Abs(got-want) > rel*math.Max(math.Abs(want), 1e-3) {
			t.Errorf("%s = %.12g, statsmodels %.12g", what, got, want)
		}
	}
	a, err := adjust(s, s.rows[0][0], newScratch(s))
	if err != nil {
		t.Fatal(err)
	}
	if a.robust.clusters != ref.Clusters {
		t.Fatalf("%d clusters, want %d", a.robust.clusters, ref.Clusters)
	}
	if len(a.design.names) != len(ref.Names) {
		t.Fatalf("columns %v, statsmodels %v", a.design.names, ref.Names)
	}
	for j, name := range ref.Names {
		if a.design.names[j] != name {
			t.Fatalf("column %d is %q, statsmodels %q", j, a.design.names[j], name)
		}
		close("coefficient "+name, a.fit.beta[j], ref.Params[j], 1e-10)
	}
	close("explained", a.explained, ref.Explain, 1e-8)
	close("explained + unexplained", a.explained+a.unexplained, ref.RawGap, 1e-10)
}
