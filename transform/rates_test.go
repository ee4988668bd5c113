package transform_test

import (
	"math"
	"slices"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// quarterRates is a config whose EUR rate differs by quarter: 1.08 in
// currency.rates, 1.10 in 2026Q2 and 1.05 in 2026Q3, with GBP given for
// 2026Q2 only and CHF for 2026Q3 only.
func quarterRates() transform.Config {
	c := testConfig()
	c.Currency.RatesByQuarter = map[string]map[string]float64{
		"2026Q2": {"EUR": 1.10, "GBP": 1.30},
		"2026Q3": {"EUR": 1.05, "CHF": 1.15},
	}
	return c
}

func TestRateByQuarter(t *testing.T) {
	tests := []struct {
		name, code, quarter string
		want                float64 // 0: no rate
	}{
		{"the quarter's rate", "EUR", "2026Q2", 1.10},
		{"another quarter's rate", "EUR", "2026Q3", 1.05},
		{"quarter not listed", "EUR", "2026Q1", 1.08},
		{"no quarter", "EUR", "", 1.08},
		{"currency the quarter does not list", "GBP", "2026Q3", 1.27},
		{"currency only a quarter lists", "CHF", "2026Q3", 1.15},
		{"that currency in another quarter", "CHF", "2026Q2", 0},
		{"that currency without a quarter", "CHF", "", 0},
		{"USD needs no rate", "USD", "2026Q2", 1},
		{"currency nowhere", "NOK", "2026Q2", 0},
	}
	cfg := quarterRates()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cfg.Currency.Rate(tc.code, tc.quarter)
			if tc.want == 0 {
				if err == nil {
					t.Fatalf("Rate(%s, %q) = %v, want an error", tc.code, tc.quarter, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Rate(%s, %q) = %v, %v; want %v", tc.code, tc.quarter, got, err, tc.want)
			}
		})
	}
}

// TestNormalizeRatesByQuarter checks that the transform stage converts
// each listing's pay at the rate of the quarter it was posted in.
func TestNormalizeRatesByQuarter(t *testing.T) {
	tests := []struct {
		name, posted string
		want         float64
	}{
		{"posted in a quarter with rates", "2026-05-20", 60000 * 1.10},
		{"posted in another", "2026-08-01", 60000 * 1.05},
		{"posted in a quarter without", "2026-02-10", 60000 * 1.08},
		{"date unknown", "", 60000 * 1.08},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := raw("u", "Python Developer", "Acme", "Berlin", "DE")
			r.PostedDate = tc.posted
			r.PayMin, r.PayMax, r.PayCurrency, r.PayPeriod = 60000, 60000, "EUR", "YEAR"
			res, err := transform.Normalize(t.Context(), quarterRates(), []data.RawRecord{r})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Listings[0].SalaryAnnualUSD; math.Abs(got-tc.want) > 1e-6 {
				t.Fatalf("annual USD %v (quarter %q), want %v", got, res.Listings[0].Quarter, tc.want)
			}
		})
	}
}

func TestValidateRatesByQuarter(t *testing.T) {
	tests := []struct {
		name  string
		rates map[string]map[string]float64
		paths []string
	}{
		{"valid", map[string]map[string]float64{"2026Q2": {"EUR": 1.1}, "2025Q4": {"GBP": 1.2, "USD": 1}}, nil},
		{"none", nil, nil},
		{"a quarter with no rates", map[string]map[string]float64{"2026Q2": {}}, nil},
		{"quarter with a dash", map[string]map[string]float64{"2026-Q2": {"EUR": 1.1}}, []string{"currency.rates_by_quarter.2026-Q2"}},
		{"fifth quarter", map[string]map[string]float64{"2026Q5": {"EUR": 1.1}}, []string{"currency.rates_by_quarter.2026Q5"}},
		{"lower-case q", map[string]map[string]float64{"2026q2": {"EUR": 1.1}}, []string{"currency.rates_by_quarter.2026q2"}},
		{"a date", map[string]map[string]float64{"2026-04-01": {"EUR": 1.1}}, []string{"currency.rates_by_quarter.2026-04-01"}},
		{"lower-case code", map[string]map[string]float64{"2026Q2": {"eur": 1.1}}, []string{"currency.rates_by_quarter.2026Q2.eur"}},
		{"no such currency", map[string]map[string]float64{"2026Q2": {"XYZ": 1.1}}, []string{"currency.rates_by_quarter.2026Q2.XYZ"}},
		{"zero rate", map[string]map[string]float64{"2026Q2": {"EUR": 0}}, []string{"currency.rates_by_quarter.2026Q2.EUR"}},
		{"negative rate", map[string]map[string]float64{"2026Q2": {"EUR": -1.1}}, []string{"currency.rates_by_quarter.2026Q2.EUR"}},
		{"NaN rate", map[string]map[string]float64{"2026Q2": {"EUR": math.NaN()}}, []string{"currency.rates_by_quarter.2026Q2.EUR"}},
		{"several", map[string]map[string]float64{"Q2": {"EUR": 0}, "2026Q3": {"EUR": 1.05, "euro": 1}}, []string{
			"currency.rates_by_quarter.2026Q3.euro", "currency.rates_by_quarter.Q2", "currency.rates_by_quarter.Q2.EUR"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.Currency.RatesByQuarter = tc.rates
			err := cfg.Validate()
			var paths []string
			for _, fe := range data.FieldErrors(err) {
				paths = append(paths, fe.Path)
			}
			if !slices.Equal(paths, tc.paths) {
				t.Fatalf("Validate() = %v\nat paths %q, want %q", err, paths, tc.paths)
			}
		})
	}
}
