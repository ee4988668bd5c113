package analyze_test

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// TestGoldenRows pins every digit of every row for a fixed dataset: a
// change to a sampler, a summation order or a default shows up here, and
// must be deliberate (rerun with -update and say why in the commit).
func TestGoldenRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 10))
	levels := []string{"", "junior", "mid", "senior", "lead"}
	var ls []data.Listing
	for _, region := range []struct {
		name string
		n    int
		gap  float64
		hubs []string
	}{{"Europe", 140, 0.12, []string{"DE", "FR"}}, {"North America", 220, 0.17, []string{"US", "CA"}}, {"Asia-Pacific", 25, 0.2, []string{"JP"}}} {
		for _, q := range []string{"2026Q2", "2026Q3"} {
			for i := range region.n {
				role, lp := data.RolePython, math.Log(100000)
				lvl := rng.IntN(len(levels))
				if i%3 == 0 {
					role, lp = data.RoleOpenStack, lp+region.gap
					lvl = max(lvl, 2)
				}
				lp += 0.2*float64(lvl) + 0.25*rng.NormFloat64()
				ls = append(ls, data.Listing{Source: "golden", Region: region.name, Quarter: q, PostedDate: q[:4] + "-05-01",
					Role: role, Seniority: levels[lvl], Country: region.hubs[rng.IntN(len(region.hubs))],
					Remote: rng.IntN(5) == 0, Company: fmt.Sprint("c", rng.IntN(35)),
					SalaryAnnualUSD: 500 * math.Round(math.Exp(lp)/500), SalarySource: data.PaySourceEmployer})
			}
		}
	}
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe", "North America", "Asia-Pacific"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, res.Premiums)
	var got bytes.Buffer
	if err := data.WritePremiumsCSV(&got, res.Premiums); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/premiums.golden.csv"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("rows differ from %s (rerun with -update if the change is deliberate):\n%s", golden, got.String())
	}
}
