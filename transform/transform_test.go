package transform_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

func testConfig() transform.Config {
	return transform.Config{
		Classify: transform.Classify{
			OpenStack:         []string{"openstack"},
			OpenStackProjects: []string{"nova", "neutron", "cinder", "keystone", "glance", "swift", "heat"},
			Python:            []string{"python", "django", "flask", "fastapi"},
		},
		Currency: transform.Currency{AsOf: "2026-10-01", Rates: map[string]float64{"EUR": 1.08, "GBP": 1.27, "CAD": 0.73}},
		Regions: transform.Regions{
			{Name: "North America", Countries: []string{"US", "CA"}},
			{Name: "Europe", Countries: []string{"DE", "GB"}},
		},
	}
}

func TestClassify(t *testing.T) {
	c := testConfig().Classify
	tests := []struct {
		title, desc string
		want        data.Role
	}{
		{"Senior OpenStack Engineer", "", data.RoleOpenStack},
		{"Cloud Engineer", "Operate Nova and Neutron at scale.", data.RoleOpenStack},
		{"iOS Developer", "Swift and SwiftUI.", data.RoleOther},
		{"Data Engineer", "Python, heat maps.", data.RolePython},
		{"Python Developer", "Deploys to OpenStack.", data.RoleOpenStack},
		{"Backend Engineer", "FastAPI services", data.RolePython},
		{"Java Developer", "Spring Boot", data.RoleOther},
		{"Pythonista wanted", "", data.RoleOther},
	}
	for _, tc := range tests {
		if got := c.Classify(tc.title, tc.desc); got != tc.want {
			t.Errorf("Classify(%q, %q) = %s, want %s", tc.title, tc.desc, got, tc.want)
		}
	}
}

func TestResolveCountry(t *testing.T) {
	tests := []struct {
		hint, location, want string
	}{
		{"DE", "Berlin", "DE"},
		{"Germany", "", "DE"},
		{"United States", "", "US"},
		{"", "Austin, TX, USA", "US"},
		{"", "San Francisco, CA", "US"},
		{"", "Toronto, ON", "CA"},
		{"", "Toronto, ON, Canada", "CA"},
		{"", "Remote (Germany)", "DE"},
		{"", "Remote - Canada", "CA"},
		{"", "London, United Kingdom", "GB"},
		{"", "London, UK", "GB"},
		{"", "Bengaluru", "IN"},
		{"", "São Paulo, Brazil", "BR"},
		{"", "Zürich, Switzerland", "CH"},
	}
	for _, tc := range tests {
		got, err := transform.ResolveCountry(tc.hint, tc.location)
		if err != nil || got != tc.want {
			t.Errorf("ResolveCountry(%q, %q) = %q, %v; want %q", tc.hint, tc.location, got, err, tc.want)
		}
	}
	for _, loc := range []string{"Atlantis", "Planet Express HQ", ""} {
		if got, err := transform.ResolveCountry("", loc); !errors.Is(err, transform.ErrUnknownPlace) {
			t.Errorf("ResolveCountry(%q) = %q, %v; want ErrUnknownPlace", loc, got, err)
		}
	}
}

func raw(url, title, company, location, country string) data.RawRecord {
	return data.RawRecord{Source: "s", URL: url, Title: title, Company: company, Location: location, Country: country,
		PayMin: math.NaN(), PayMax: math.NaN(), PostedDate: "2026-07-14"}
}

func TestRun(t *testing.T) {
	structured := raw("u1", "OpenStack Engineer", "Acme", "Berlin", "DE")
	structured.PayMin, structured.PayMax, structured.PayCurrency, structured.PayPeriod = 60000, 70000, "EUR", "year"
	hourly := raw("u2", "Python Developer", "Acme", "Toronto, ON", "CA")
	hourly.PayMin, hourly.PayMax, hourly.PayCurrency, hourly.PayPeriod = 45, 45, "CAD", "per-hour-wage"
	text := raw("u3", "Python Engineer", "Bluefin", "London, United Kingdom", "")
	text.Description = "A team of 12, founded in 2012. Compensation: £45,000 - £55,000 per annum."
	dup := text
	dup.URL, dup.Source = "u4", "t"
	noPay := raw("u5", "Java Developer", "Acme", "Atlantis", "")
	noPay.Description = "Competitive salary and 401(k)."
	outlier := raw("u6", "Python Developer", "Tiny", "Austin, TX", "")
	outlier.PayText = "$1 - $2 per year"
	oneTime := raw("u7", "Python Developer", "Acme", "", "US")
	oneTime.PayMin, oneTime.PayMax, oneTime.PayCurrency, oneTime.PayPeriod = 5000, 5000, "USD", "one-time"
	rejected := raw("u8", "", "", "", "")
	rejected.RejectReason = "broken JSON-LD"
	untitled := raw("u9", " ", "", "", "")
	lever := raw("u10", "Python Dev", "Acme", "Remote - US", "US")
	lever.PostedDate, lever.Remote = "1752451200000", "remote"

	records := []data.RawRecord{structured, hourly, text, dup, noPay, outlier, oneTime, rejected, untitled, lever}
	res, err := transform.Run(t.Context(), testConfig(), records)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Listings) + len(res.Rejects); got != len(records) {
		t.Fatalf("listings + rejects = %d, want %d records", got, len(records))
	}
	by := map[string]data.Listing{}
	for _, l := range res.Listings {
		by[l.URL] = l
	}
	check := func(url string, ok bool, format string, args ...any) {
		t.Helper()
		if !ok {
			t.Errorf("%s: "+format+" (listing %+v)", append([]any{url}, append(args, by[url])...)...)
		}
	}
	l := by["u1"]
	check("u1", l.Role == data.RoleOpenStack && l.Region == "Europe" && math.Abs(l.SalaryAnnualUSD-65000*1.08) < 1e-6 &&
		l.SalaryPeriod == "YEAR" && l.Quarter == "2026Q3", "structured EUR pay")
	l = by["u2"]
	check("u2", math.Abs(l.SalaryAnnualUSD-45*2080*0.73) < 1e-6 && l.Region == "North America", "hourly CAD pay")
	l = by["u3"]
	check("u3", l.SalaryMin == 45000 && l.SalaryMax == 55000 && l.SalaryCurrency == "GBP" && l.Country == "GB" &&
		strings.Contains(l.SalaryText, "£45,000"), "pay from description")
	check("u4", by["u4"].DuplicateOf == "u3", "repeat of u3")
	l = by["u5"]
	check("u5", l.Region == data.RegionUnknown && strings.Contains(l.Notes, "unknown place") &&
		strings.HasPrefix(l.SalaryNote, "no pay") && math.IsNaN(l.SalaryAnnualUSD), "unknown place, no pay")
	check("u6", by["u6"].SalaryNote == data.SalaryNoteOutlier && by["u6"].SalaryAnnualUSD == 1.5, "outlier kept with its figure")
	check("u7", strings.Contains(by["u7"].SalaryNote, "one-time"), "one-time pay not annualized")
	check("u10", by["u10"].Remote && by["u10"].PostedDate == "2025-07-14", "lever remote and epoch date")
	if len(res.Rejects) != 2 || res.Rejects[0].Stage != "scrape" || res.Rejects[1].Stage != "transform" {
		t.Errorf("rejects = %+v", res.Rejects)
	}
	want := transform.Stats{Records: 10, Listings: 8, Rejects: 2, WithPay: 4, NoPay: 3, Outliers: 1, Unplaced: 1, Duplicates: 1}
	if res.Stats != want {
		t.Errorf("stats = %+v, want %+v", res.Stats, want)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*transform.Config)
		want   string
	}{
		{"bad currency code", func(c *transform.Config) { c.Currency.Rates["euro"] = 1.1 }, "currency.rates.euro: not an ISO 4217 code"},
		{"zero rate", func(c *transform.Config) { c.Currency.Rates["EUR"] = 0 }, "currency.rates.EUR: 0 is not a positive rate"},
		{"bad date", func(c *transform.Config) { c.Currency.AsOf = "October" }, `currency.as_of: "October" is not a date`},
		{"unknown country", func(c *transform.Config) { c.Regions[0].Countries = append(c.Regions[0].Countries, "XX") }, `"XX" is not an ISO 3166-1`},
		{"overlap", func(c *transform.Config) { c.Regions[1].Countries = append(c.Regions[1].Countries, "US") }, `US is already in region "North America"`},
		{"bad period", func(c *transform.Config) { c.Pay.Annualize = map[string]float64{"fortnight": 26} }, "pay.annualize.fortnight"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig()
			tc.mutate(&cfg)
			if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate() = %v, want error containing %q", err, tc.want)
			}
		})
	}
}
