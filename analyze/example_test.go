package analyze_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// Each region and quarter has one row per method; the headline is the
// stratified row of All regions, quarter "all" (always the first row).
func ExampleRun() {
	rng := rand.New(rand.NewPCG(1, 1))
	var listings []data.Listing
	for _, region := range []string{"Europe", "North America"} {
		for i := range 200 {
			role, premium := data.RolePython, 0.0
			if i%2 == 0 {
				role, premium = data.RoleOpenStack, math.Log(1.17)
			}
			pay := 1000 * math.Round(math.Exp(math.Log(100000)+premium+0.25*rng.NormFloat64())/1000)
			listings = append(listings, data.Listing{Region: region, Quarter: "2026Q3", Role: role,
				Company: fmt.Sprint("c", rng.IntN(30)), SalaryAnnualUSD: pay, SalarySource: data.PaySourceEmployer})
		}
	}
	res, err := analyze.Run(context.Background(), analyze.DefaultConfig(), analyze.Input{Regions: []string{"Europe", "North America"}, Listings: analyze.SliceStream(listings)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Premiums {
		if p.Method == data.MethodStratified && p.Quarter == data.QuarterAll {
			fmt.Printf("%-13s %+.0f%% (95%% CI %+.0f%% to %+.0f%%), n = %d + %d\n",
				p.Region, 100*p.Premium, 100*p.CILow, 100*p.CIHigh, p.NOpenStack, p.NPython)
		}
	}
	// Output:
	// All regions   +17% (95% CI +12% to +23%), n = 200 + 200
	// Europe        +18% (95% CI +9% to +28%), n = 100 + 100
	// North America +17% (95% CI +8% to +27%), n = 100 + 100
}
