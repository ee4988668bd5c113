package transform_test

import (
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// TestPayFieldAgainstText covers a board's pay field beside the
// employer's own statement in the description (issue 15, classes 2-4):
// the more complete statement wins, and the field set aside is noted.
func TestPayFieldAgainstText(t *testing.T) {
	nan := math.NaN()
	const rangeText = "About the role. The base salary range for this role is $220,000 - $270,000 per year. We offer a 401(k)."
	tests := []struct {
		name             string
		payText          string
		min, max         float64 // structured field; NaN: none
		currency, period string
		desc             string
		settings         data.PaySettings
		wantMin, wantMax float64
		wantCur          string
		wantPeriod       string
		code             string
		note             string // in notes or salary_note
	}{
		{name: "approximate single value loses to the text's range", payText: "~245k", min: nan, max: nan, desc: rangeText,
			wantMin: 220000, wantMax: 270000, wantCur: "USD", wantPeriod: "YEAR", note: `pay field "~245k" states one figure`},
		{name: "bare summed number falls back to the text", payText: "342500.0", min: nan, max: nan, desc: rangeText,
			wantMin: 220000, wantMax: 270000, wantCur: "USD", wantPeriod: "YEAR", note: "unreadable: pay read from the description"},
		{name: "structured single value loses to the text's range", min: 245000, max: 245000, currency: "USD", period: "YEAR",
			desc: rangeText, wantMin: 220000, wantMax: 270000, wantCur: "USD", wantPeriod: "YEAR", note: "states one figure"},
		{name: "range in another period loses", payText: "$110 - $130 an hour", min: nan, max: nan, desc: rangeText,
			wantMin: 220000, wantMax: 270000, wantCur: "USD", wantPeriod: "YEAR", note: "disagrees in currency or period"},
		{name: "agreeing range keeps the field", payText: "$230,000 - $260,000", min: nan, max: nan, desc: rangeText,
			wantMin: 230000, wantMax: 260000, wantCur: "USD", wantPeriod: "YEAR"},
		{name: "single value without a range in the text stays", payText: "$150,000", min: nan, max: nan,
			desc: "Stock options worth $80,000.", wantMin: 150000, wantMax: 150000, wantCur: "USD", wantPeriod: "YEAR"},
		{name: "unreadable field and no text pay", payText: "342500.0", min: nan, max: nan, desc: "We raised $40M.",
			wantMin: nan, wantMax: nan, code: data.SalaryCodeNoPay},
		{name: "ignored site default, text states pay", payText: "65k-95k USD", min: nan, max: nan, desc: rangeText,
			settings: data.PaySettings{Ignore: []string{"65K-95K usd"}}, wantMin: 220000, wantMax: 270000, wantCur: "USD",
			wantPeriod: "YEAR", note: `pay field "65k-95k USD" ignored`},
		{name: "ignored by pattern, no pay in the text", payText: "$65k-95k USD", min: nan, max: nan, desc: "Great team.",
			settings: data.PaySettings{Ignore: []string{`/^\$?65k-95k/`}}, wantMin: nan, wantMax: nan,
			code: data.SalaryCodeIgnoredBySource, note: "ignored by the source's pay.ignore"},
		{name: "prefer text", payText: "$230,000 - $260,000", min: nan, max: nan, desc: rangeText,
			settings: data.PaySettings{Prefer: data.PayPreferText}, wantMin: 220000, wantMax: 270000, wantCur: "USD",
			wantPeriod: "YEAR", note: "pay.prefer is text"},
		{name: "prefer text falls back to the field", payText: "$230,000 - $260,000", min: nan, max: nan, desc: "Great team.",
			settings: data.PaySettings{Prefer: data.PayPreferText}, wantMin: 230000, wantMax: 260000, wantCur: "USD", wantPeriod: "YEAR"},
		{name: "period 1 YEAR from an API", min: 90000, max: 110000, currency: "USD", period: "1 YEAR",
			wantMin: 90000, wantMax: 110000, wantCur: "USD", wantPeriod: "YEAR"},
		{name: "period 1 MONTH from an API", min: 6000, max: 7000, currency: "EUR", period: "1 month",
			wantMin: 6000, wantMax: 7000, wantCur: "EUR", wantPeriod: "MONTH"},
		{name: "description trap only", min: nan, max: nan, desc: "We have raised $250 million and offer a $1,500 home-office stipend.",
			wantMin: nan, wantMax: nan, code: data.SalaryCodeNotPayContext, note: "company money"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := raw("u", "Engineer", "Acme", "Austin, TX", "US")
			r.PayText, r.PayMin, r.PayMax, r.PayCurrency, r.PayPeriod, r.Description = tc.payText, tc.min, tc.max, tc.currency, tc.period, tc.desc
			cfg := testConfig()
			cfg.SourcePay = map[string]data.PaySettings{"s": tc.settings}
			res, err := transform.Normalize(t.Context(), cfg, []data.RawRecord{r})
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
		})
	}
}

// TestSourcePayValidate checks that a bad pay setting is a field error
// with its path.
func TestSourcePayValidate(t *testing.T) {
	cfg := testConfig()
	cfg.SourcePay = map[string]data.PaySettings{"board": {Ignore: []string{"/[/", " "}, Prefer: "desc"}}
	err := cfg.Validate()
	var paths []string
	for _, fe := range data.FieldErrors(err) {
		paths = append(paths, fe.Path)
	}
	want := "sources.board.pay.ignore[0] sources.board.pay.ignore[1] sources.board.pay.prefer"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("field errors at %q, want %q (%v)", got, want, err)
	}
}

// TestMultiCountryPay checks that a place naming several countries gives
// the posting no one country, so "$" is not read as pesos and a bare
// figure gets no currency, and that its region is the one they share or
// several regions.
func TestMultiCountryPay(t *testing.T) {
	dollars := raw("u1", "Engineer", "Acme", "LATAM,US,Remote,Canada,Mexico", "")
	dollars.Description = "Salary: $100,000 - $120,000 per year."
	bare := raw("u2", "Engineer", "Acme", "Germany, France, Spain", "")
	bare.PayText = "60000 - 70000"
	cfg := transform.DefaultConfig()
	res, err := transform.Normalize(t.Context(), cfg, []data.RawRecord{dollars, bare})
	if err != nil {
		t.Fatal(err)
	}
	d, b := res.Listings[0], res.Listings[1]
	if d.Country != "" || d.SalaryCurrency != "USD" || d.Region != data.RegionMulti || !strings.Contains(d.Notes, "multi-country") {
		t.Errorf("LATAM list: country %q, currency %q, region %q, notes %q; want none, USD, %s, a multi-country note",
			d.Country, d.SalaryCurrency, d.Region, d.Notes, data.RegionMulti)
	}
	if b.Country != "" || b.SalaryCode != data.SalaryCodeNoCurrency || b.Region != "Europe" {
		t.Errorf("European list: country %q, code %q, region %q; want none, %s, Europe", b.Country, b.SalaryCode, b.Region, data.SalaryCodeNoCurrency)
	}
}

// TestBoardEstimateThroughFile checks that "(Glassdoor est.)" in a pay
// column marks a board estimate even where the file source marked the
// column as employer pay, as it does in a description and in jobmarket pay.
func TestBoardEstimateThroughFile(t *testing.T) {
	est := raw("u1", "Engineer", "Acme", "Austin, TX", "US")
	est.PayText, est.PaySource = "$80K - $100K (Glassdoor est.)", data.PaySourceEmployer
	employer := raw("u2", "Engineer", "Bluefin", "Austin, TX", "US")
	employer.PayText, employer.PaySource = "$80K - $100K (Employer est.)", data.PaySourceEmployer
	res, err := transform.Normalize(t.Context(), testConfig(), []data.RawRecord{est, employer})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Listings[0].SalarySource; got != data.PaySourceBoard {
		t.Errorf("Glassdoor est.: salary_source %q, want %q", got, data.PaySourceBoard)
	}
	if got := res.Listings[1].SalarySource; got != data.PaySourceEmployer {
		t.Errorf("Employer est.: salary_source %q, want %q", got, data.PaySourceEmployer)
	}
}

// TestPayCodesCounted checks that the listings whose pay enters no
// estimate are counted by their code, each code apart.
func TestPayCodesCounted(t *testing.T) {
	none := raw("u1", "Engineer", "Acme", "Austin, TX", "US")
	none.Description = "Competitive salary."
	trap := raw("u2", "Engineer", "Bluefin", "Austin, TX", "US")
	trap.Description = "We offer a $1,500 home-office stipend."
	ignored := raw("u3", "Engineer", "Cobalt", "Austin, TX", "US")
	ignored.PayText = "65k-95k USD"
	paid := raw("u4", "Engineer", "Delta", "Austin, TX", "US")
	paid.PayText = "$120,000 - $140,000"
	cfg := testConfig()
	cfg.SourcePay = map[string]data.PaySettings{"s": {Ignore: []string{"65k-95k USD"}}}
	res, err := transform.Normalize(t.Context(), cfg, []data.RawRecord{none, trap, ignored, paid})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{data.SalaryCodeNoPay: 1, data.SalaryCodeNotPayContext: 1, data.SalaryCodeIgnoredBySource: 1}
	if got := res.Stats.PayCodes; len(got) != len(want) || got[data.SalaryCodeNoPay] != 1 || got[data.SalaryCodeNotPayContext] != 1 ||
		got[data.SalaryCodeIgnoredBySource] != 1 {
		t.Errorf("PayCodes = %v, want %v", got, want)
	}
}
