package transform_test

import (
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// TestStructuredPay covers pay boards give as fields: schema.org
// baseSalary in its real shapes and Lever's salaryRange.
func TestStructuredPay(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name             string
		min, max         float64
		currency, period string
		country          string
		wantMin, wantMax float64
		wantCur          string
		wantPeriod       string
		code             string
		note             string // in notes or salary_note
	}{
		{"range", 60000, 70000, "EUR", "YEAR", "DE", 60000, 70000, "EUR", "YEAR", "", ""},
		{"unit in any case", 5000, 6000, "EUR", "month", "DE", 5000, 6000, "EUR", "MONTH", "", ""},
		{"Lever interval", 45, 45, "CAD", "per-hour-wage", "CA", 45, 45, "CAD", "HOUR", "", ""},
		{"ISO 8601 duration", 500, 500, "GBP", "P1D", "GB", 500, 500, "GBP", "DAY", "", ""},
		{"currency as a symbol", 120000, 150000, "$", "YEAR", "CA", 120000, 150000, "CAD", "YEAR", "", ""},
		{"currency missing", 120000, 150000, "", "YEAR", "US", 120000, 150000, "USD", "YEAR", "", "currency USD inferred from country"},
		{"period missing", 6000, 7000, "EUR", "", "DE", 6000, 7000, "EUR", "MONTH", "", "period MONTH inferred from the amount"},
		{"zero floor is a placeholder", 0, 90000, "USD", "YEAR", "US", nan, 90000, "USD", "YEAR", "", ""},
		{"both zero is no pay", 0, 0, "USD", "YEAR", "US", nan, nan, "", "", data.SalaryCodeNoPay, "no pay: stated as 0"},
		{"one-time", 5000, 5000, "USD", "one-time", "US", 5000, 5000, "USD", "", data.SalaryCodeNotAnnualizable, `pay period "one-time" cannot be annualized`},
		{"no rate", 100000, 100000, "NOK", "YEAR", "NO", 100000, 100000, "NOK", "YEAR", data.SalaryCodeNoRate, "no exchange rate for NOK"},
		{"unknown currency", 100, 100, "dollars?", "YEAR", "US", nan, nan, "", "", data.SalaryCodeUnparsed, `currency "dollars?" is not ISO 4217`},
		{"no currency, no country", 100000, 100000, "", "YEAR", "", nan, nan, "", "", data.SalaryCodeNoCurrency, "no currency"},
		{"backwards", 90000, 60000, "USD", "YEAR", "US", nan, nan, "", "", data.SalaryCodeUnparsed, "runs backwards"},
		{"negative", -5, 10, "USD", "YEAR", "US", nan, nan, "", "", data.SalaryCodeUnparsed, "not an amount"},
		{"outlier", 1, 2, "USD", "YEAR", "US", 1, 2, "USD", "YEAR", data.SalaryCodeOutlier, "outlier"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := raw("u", "Engineer", "Acme", "", tc.country)
			r.PayMin, r.PayMax, r.PayCurrency, r.PayPeriod = tc.min, tc.max, tc.currency, tc.period
			res, err := transform.Normalize(t.Context(), testConfig(), []data.RawRecord{r})
			if err != nil {
				t.Fatal(err)
			}
			l := res.Listings[0]
			if !sameNum(l.SalaryMin, tc.wantMin) || !sameNum(l.SalaryMax, tc.wantMax) || l.SalaryCurrency != tc.wantCur ||
				l.SalaryPeriod != tc.wantPeriod || l.SalaryCode != tc.code || !strings.Contains(l.SalaryNote+l.Notes, tc.note) {
				t.Errorf("got %v-%v %s %s code %q note %q notes %q; want %v-%v %s %s code %q note containing %q",
					l.SalaryMin, l.SalaryMax, l.SalaryCurrency, l.SalaryPeriod, l.SalaryCode, l.SalaryNote, l.Notes,
					tc.wantMin, tc.wantMax, tc.wantCur, tc.wantPeriod, tc.code, tc.note)
			}
			if usable := tc.code == ""; usable != (l.SalaryNote == "") || usable == math.IsNaN(l.SalaryAnnualUSD) && tc.code != data.SalaryCodeOutlier {
				t.Errorf("code %q, note %q, annual %v disagree", l.SalaryCode, l.SalaryNote, l.SalaryAnnualUSD)
			}
		})
	}
}

// TestPaySource checks that board estimates are marked, from the scrape
// stage's field or from the text, and counted.
func TestPaySource(t *testing.T) {
	estimated := raw("u1", "Python Developer", "Acme", "Austin, TX", "")
	estimated.PayText = "Estimated $95.3K - $121K a year"
	field := raw("u2", "Python Developer", "Bluefin", "Austin, TX", "")
	field.PayMin, field.PayMax, field.PayCurrency, field.PayPeriod, field.PaySource = 90000, 100000, "USD", "YEAR", data.PaySourceBoard
	employer := raw("u3", "Python Developer", "Cobalt", "Austin, TX", "")
	employer.PayText = "$80K - $100K (Employer est.)"
	res, err := transform.Normalize(t.Context(), testConfig(), []data.RawRecord{estimated, field, employer})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{data.PaySourceBoard, data.PaySourceBoard, data.PaySourceEmployer} {
		if got := res.Listings[i].SalarySource; got != want {
			t.Errorf("%s: salary_source %q, want %q", res.Listings[i].URL, got, want)
		}
	}
	if res.Stats.BoardEstimates != 2 {
		t.Errorf("BoardEstimates = %d, want 2", res.Stats.BoardEstimates)
	}
}

func TestAnnualUSD(t *testing.T) {
	cfg := testConfig()
	cfg.Pay.Annualize = map[string]float64{"hour": 2000}
	tests := []struct {
		s    data.Salary
		want float64
	}{
		{data.Salary{Min: 40, Max: 60, Currency: "USD", Period: data.PeriodHour}, 50 * 2000},
		{data.Salary{Min: math.NaN(), Max: 5000, Currency: "EUR", Period: data.PeriodMonth}, 5000 * 12 * 1.08},
		{data.Salary{Min: 100000, Max: math.NaN(), Currency: "GBP", Period: data.PeriodYear}, 100000 * 1.27},
	}
	for _, tc := range tests {
		if got, err := cfg.AnnualUSD(tc.s, ""); err != nil || math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("AnnualUSD(%+v) = %v, %v; want %v", tc.s, got, err, tc.want)
		}
	}
	if _, err := cfg.AnnualUSD(data.Salary{Min: 1, Max: 1, Currency: "XYZ", Period: data.PeriodYear}, ""); err == nil {
		t.Error("AnnualUSD with a currency without rate: no error")
	}
	if !cfg.Outlier(4999) || cfg.Outlier(5000) || !cfg.Outlier(1_000_001) {
		t.Error("Outlier bounds are not 5,000 and 1,000,000 by default")
	}
}

// TestPayExcerpt checks that salary_text keeps the sentence the pay was
// read from, also where extracted text runs sentences together.
func TestPayExcerpt(t *testing.T) {
	tests := []struct{ desc, want string }{
		{"We build clouds. Compensation: €60k–70k per year. You get 25 days of holiday.", "Compensation: €60k–70k per year."},
		{"On-call is shared fairly.We pay $120,000 a year, plus equity.You get 25 days off.", "We pay $120,000 a year, plus equity."},
		{strings.Repeat("word ", 40) + "salary $90,000 a year " + strings.Repeat("more ", 40), "salary $90,000 a year"},
	}
	for _, tc := range tests {
		r := raw("u", "Engineer", "Acme", "Berlin", "DE")
		r.Description = tc.desc
		res, err := transform.Normalize(t.Context(), testConfig(), []data.RawRecord{r})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Listings[0].SalaryText; !strings.Contains(got, tc.want) || strings.Count(got, " ") > strings.Count(tc.want, " ")+30 {
			t.Errorf("salary_text = %q, want the sentence %q", got, tc.want)
		}
	}
}
