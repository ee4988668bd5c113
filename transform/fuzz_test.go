package transform_test

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// FuzzParsePay checks the parser's promises on any input: no panic, no
// backwards range, no negative or non-finite figure, a currency and a
// period with every figure, and a typed error otherwise.
func FuzzParsePay(f *testing.F) {
	for _, tc := range loadPayCases(f) {
		f.Add(tc.text, tc.country)
	}
	f.Fuzz(func(t *testing.T, text, country string) {
		p, err := transform.ParsePay(text, country)
		if err != nil {
			var pe *transform.PayError
			if !errors.As(err, &pe) || !(errors.Is(err, transform.ErrNoPay) || errors.Is(err, transform.ErrUnparsedPay) || errors.Is(err, transform.ErrNoCurrency)) {
				t.Fatalf("ParsePay(%q, %q) error %v is not a PayError with a sentinel", text, country, err)
			}
			if pe.Offset < -1 || pe.Offset > len(text) {
				t.Fatalf("ParsePay(%q, %q) error offset %d outside the text", text, country, pe.Offset)
			}
			return
		}
		for _, v := range []float64{p.Min, p.Max} {
			if v < 0 || math.IsInf(v, 0) {
				t.Fatalf("ParsePay(%q, %q) gave figure %v", text, country, v)
			}
		}
		if math.IsNaN(p.Min) && math.IsNaN(p.Max) {
			t.Fatalf("ParsePay(%q, %q) gave pay with no figure", text, country)
		}
		if p.Min > p.Max {
			t.Fatalf("ParsePay(%q, %q) gave min %v > max %v", text, country, p.Min, p.Max)
		}
		if _, err := data.ParsePeriod(string(p.Period)); err != nil || p.Currency == "" {
			t.Fatalf("ParsePay(%q, %q) gave pay without currency or period: %+v", text, country, p)
		}
		if p.Start < 0 || p.Start > p.End || p.End > len(text) {
			t.Fatalf("ParsePay(%q, %q) gave span %d-%d", text, country, p.Start, p.End)
		}
	})
}

// FuzzParsePayRoundTrip writes figures the ways postings do and checks that
// they read back as written.
func FuzzParsePayRoundTrip(f *testing.F) {
	f.Add(uint32(120000), uint32(150000), uint8(0))
	f.Add(uint32(55), uint32(65), uint8(3))
	f.Add(uint32(45000), uint32(45000), uint8(5))
	f.Fuzz(func(t *testing.T, lo, hi uint32, style uint8) {
		lo, hi = min(lo, hi), max(lo, hi)
		if lo == 0 || lo < 1000 && hi >= 10_000 && uint64(lo)*10_000 >= uint64(hi) {
			return // zero is no pay; "$140 - $160000" is read as a slip of the thousands
		}
		group := func(n uint32, sep string) string {
			s := strconv.FormatUint(uint64(n), 10)
			var b strings.Builder
			for i, c := range s {
				if i > 0 && (len(s)-i)%3 == 0 {
					b.WriteString(sep)
				}
				b.WriteRune(c)
			}
			return b.String()
		}
		formats := []struct {
			text, country, currency, period string
		}{
			{"$" + group(lo, ",") + " - $" + group(hi, ",") + " a year", "US", "USD", "YEAR"},
			{group(lo, ".") + " - " + group(hi, ".") + " EUR per year", "DE", "EUR", "YEAR"},
			{"£" + group(lo, ",") + " – £" + group(hi, ",") + " per annum", "GB", "GBP", "YEAR"},
			{"$" + group(lo, ",") + " - $" + group(hi, ",") + " an hour", "US", "USD", "HOUR"},
			{"CHF " + group(lo, "'") + " – " + group(hi, "'") + " pro Monat", "CH", "CHF", "MONTH"},
			{"USD " + group(lo, ",") + " to " + group(hi, ",") + " per week", "", "USD", "WEEK"},
		}
		ft := formats[int(style)%len(formats)]
		p, err := transform.ParsePay(ft.text, ft.country)
		if err != nil || p.Min != float64(lo) || p.Max != float64(hi) || p.Currency != ft.currency || string(p.Period) != ft.period {
			t.Fatalf("ParsePay(%q) = %+v, %v; want %d-%d %s %s", ft.text, p, err, lo, hi, ft.currency, ft.period)
		}
	})
}

func FuzzResolveCountry(f *testing.F) {
	for _, s := range []string{"Austin, TX, USA", "Remote (Germany)", "Toronto, ON", "Atlantis", "São Paulo", "", "東京都",
		"Remote - EU", "Cambridge, MA", "Berlin; London", "U.S.", "Perth, WA"} {
		f.Add("", s)
	}
	f.Add("DE", "Berlin")
	f.Add("Deutschland", "")
	f.Fuzz(func(t *testing.T, hint, location string) {
		cc, err := transform.ResolveCountry(hint, location)
		switch {
		case err == nil && len(cc) != 2:
			t.Fatalf("ResolveCountry(%q, %q) = %q, not a two-letter code", hint, location, cc)
		case err != nil && (!errors.Is(err, transform.ErrUnknownPlace) || cc != ""):
			t.Fatalf("ResolveCountry(%q, %q) = %q, %v; want ErrUnknownPlace and no code", hint, location, cc, err)
		}
	})
}

// FuzzResolvePlace checks that every place resolves to one of a country,
// areas or anywhere, or to ErrUnknownPlace, and that ResolveCountry
// agrees with it.
func FuzzResolvePlace(f *testing.F) {
	for _, s := range []string{"EMEA", "LATAM", "APAC", "Europe", "Asia", "North America", "DACH", "Nordics", "EU",
		"Remote", "Worldwide", "Anywhere", "Anywhere in the World", "remote,Asia", "Remote,LATAM", "EMEA, APAC",
		"Europe or Asia", "Remote - US or Europe", "100% Remote", "Berlin; London", "Atlantis", ""} {
		f.Add("", s)
	}
	f.Add("EMEA", "Remote")
	f.Add("Worldwide", "Remote - Canada")
	f.Fuzz(func(t *testing.T, hint, location string) {
		p, err := transform.ResolvePlace(hint, location)
		cc, cerr := transform.ResolveCountry(hint, location)
		if err != nil {
			if !errors.Is(err, transform.ErrUnknownPlace) || p.Country != "" || len(p.Areas) > 0 || p.Anywhere || cerr == nil {
				t.Fatalf("ResolvePlace(%q, %q) = %+v, %v; ResolveCountry %q, %v", hint, location, p, err, cc, cerr)
			}
			return
		}
		named := 0
		for _, set := range []bool{p.Country != "", len(p.Areas) > 0, p.Anywhere} {
			if set {
				named++
			}
		}
		switch {
		case named == 0 || p.Anywhere && named > 1:
			t.Fatalf("ResolvePlace(%q, %q) = %+v: want a country, areas or anywhere", hint, location, p)
		case p.Country != "" && (cerr != nil || cc != p.Country), p.Country == "" && cerr == nil:
			t.Fatalf("ResolvePlace(%q, %q) = %+v but ResolveCountry = %q, %v", hint, location, p, cc, cerr)
		case !p.Anywhere && len(p.Countries()) == 0:
			t.Fatalf("ResolvePlace(%q, %q) = %+v names no country", hint, location, p)
		}
	})
}

// FuzzMatch checks that the role rule answers every text with levels, a
// role that follows from them, and evidence that names each level.
func FuzzMatch(f *testing.F) {
	f.Add("OpenStack Engineer", "")
	f.Add("Cloud Engineer", "Nova, Neutron and Cinder")
	f.Add("iOS Developer", "Swift and a heat map in Nova Scotia")
	f.Add("Python3 dev", "python-based")
	f.Add("Full Stack", "such asPython; 如Python、Java")
	f.Add("Java Developer", "Requirements:\n- AWS, Azure, OpenStack\nNice to have: Python is a plus. 5+ years.")
	c := testConfig().Classify
	f.Fuzz(func(t *testing.T, title, desc string) {
		lv := c.Levels(title, desc)
		levels := []data.Level{data.LevelCore, data.LevelListed, data.LevelNone}
		if !slices.Contains(levels, lv.OpenStack) || !slices.Contains(levels, lv.Python) ||
			lv.Role != data.RoleUnder(c.Definition, lv.OpenStack, lv.Python) {
			t.Fatalf("Levels(%q, %q) = %+v", title, desc, lv)
		}
		if !strings.HasPrefix(lv.Evidence, "openstack "+string(lv.OpenStack)) ||
			!strings.Contains(lv.Evidence, "; python "+string(lv.Python)) {
			t.Fatalf("Levels(%q, %q): evidence %q does not name the levels", title, desc, lv.Evidence)
		}
		if s := c.SeniorityOf(title); s != "" && !slices.Contains(data.SeniorityLevels, s) {
			t.Fatalf("SeniorityOf(%q) = %q", title, s)
		}
		if s, _ := c.SeniorityFrom(title, desc); s != "" && !slices.Contains(data.SeniorityLevels, s) {
			t.Fatalf("SeniorityFrom(%q, %q) = %q", title, desc, s)
		}
	})
}

// FuzzNormalize feeds whole records through the transform and checks that
// each becomes one consistent listing or one reject.
func FuzzNormalize(f *testing.F) {
	f.Add("OpenStack Engineer", "Acme", "Berlin", "DE", "€60k–70k", "", 0.0, 0.0, "", "", "2026-07-14", "")
	f.Add("Python Developer", "Bluefin", "Austin, TX", "", "", "We pay $120K - $150K.", 0.0, 0.0, "", "", "1752451200000", "")
	f.Add("Engineer", "C", "Remote", "US", "", "", 90000.0, 120000.0, "USD", "per-year-salary", "", "")
	f.Add("Engineer", "C", "", "", "", "", 5.0, 1.0, "$", "one-time", "2026-02-30", "")
	f.Add("", "", "", "", "", "", 0.0, 0.0, "", "", "", "broken JSON-LD")
	cfg := testConfig()
	f.Fuzz(func(t *testing.T, title, company, location, country, payText, desc string, payMin, payMax float64,
		currency, period, posted, reject string) {
		if payMin == 0 && payMax == 0 {
			payMin, payMax = math.NaN(), math.NaN()
		}
		r := data.RawRecord{Source: "s", URL: "u", Title: title, Company: company, Location: location, Country: country,
			PayText: payText, Description: desc, PayMin: payMin, PayMax: payMax, PayCurrency: currency, PayPeriod: period,
			PostedDate: posted, RejectReason: reject}
		res, err := transform.Normalize(t.Context(), cfg, []data.RawRecord{r})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Listings)+len(res.Rejects) != 1 {
			t.Fatalf("%d listings and %d rejects from one record", len(res.Listings), len(res.Rejects))
		}
		if len(res.Rejects) == 1 {
			if res.Rejects[0].Code == "" {
				t.Fatalf("reject without a code: %+v", res.Rejects[0])
			}
			return
		}
		l := res.Listings[0]
		usable := l.SalaryCode == ""
		if usable != (l.SalaryNote == "") || usable && !(l.SalaryAnnualUSD > 0 && !math.IsInf(l.SalaryAnnualUSD, 0)) {
			t.Fatalf("salary code %q, note %q, annual %v disagree", l.SalaryCode, l.SalaryNote, l.SalaryAnnualUSD)
		}
		if l.SalaryMin > l.SalaryMax {
			t.Fatalf("salary %v > %v", l.SalaryMin, l.SalaryMax)
		}
		if !slices.Contains(data.PlaceRegions, l.Region) && !slices.Contains(cfg.Regions.Names(), l.Region) {
			t.Fatalf("region %q", l.Region)
		}
		if l.Seniority != "" && !slices.Contains(data.SeniorityLevels, l.Seniority) {
			t.Fatalf("seniority %q", l.Seniority)
		}
		if l.PostedDate != "" && len(l.Quarter) != len("2026Q3") {
			t.Fatalf("date %q quarter %q", l.PostedDate, l.Quarter)
		}
	})
}

// FuzzParsePayText checks ParsePayText's promises on descriptions, seeded
// from the pay corpus: no panic, a taken figure inside the text with a
// currency and period, a refusal that is a PayError with a sentinel and,
// for ErrNotPayContext, a known context.
func FuzzParsePayText(f *testing.F) {
	for _, c := range loadCorpus(f) {
		f.Add(c.text, c.country, c.location)
	}
	contexts := []string{"", transform.ContextFunding, transform.ContextHeadcount, transform.Context401k, transform.ContextStipend,
		transform.ContextInsurance, transform.ContextEquity, transform.ContextBonus, transform.ContextCommission,
		transform.ContextOtherRole, transform.ContextMeasure}
	f.Fuzz(func(t *testing.T, text, country, location string) {
		figs, p, err := transform.ExplainPay(text, transform.PayOptions{Country: country, Location: location, Description: true})
		for _, fig := range figs {
			if fig.Start < 0 || fig.Start > fig.End || fig.End > len(text) || text[fig.Start:fig.End] != fig.Text {
				t.Fatalf("ExplainPay(%q) listed %+v outside the text", text, fig)
			}
		}
		if err != nil {
			pe, ok := errors.AsType[*transform.PayError](err)
			if !ok || !(errors.Is(err, transform.ErrNoPay) || errors.Is(err, transform.ErrUnparsedPay) || errors.Is(err, transform.ErrNoCurrency)) {
				t.Fatalf("ParsePayText(%q) error %v is not a PayError with a sentinel", text, err)
			}
			if errors.Is(err, transform.ErrNotPayContext) && !slices.Contains(contexts, pe.Context) {
				t.Fatalf("ParsePayText(%q) refused with unknown context %q", text, pe.Context)
			}
			return
		}
		if p.Min > p.Max || p.Currency == "" || p.Period == "" || p.Start < 0 || p.End > len(text) || p.Rule == "" {
			t.Fatalf("ParsePayText(%q) gave %+v", text, p)
		}
	})
}
