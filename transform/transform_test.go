package transform_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/transform"
)

// testConfig is the default config with fewer projects, rates and
// regions, so that pay in other currencies has no rate and other
// countries no region.
func testConfig() transform.Config {
	c := transform.DefaultConfig()
	c.Classify.OpenStackProjects = []string{"nova", "neutron", "cinder", "keystone", "glance", "swift", "heat"}
	c.Currency.Rates = map[string]float64{"EUR": 1.08, "GBP": 1.27, "CAD": 0.73}
	c.Regions = transform.Regions{
		{Name: "North America", Countries: []string{"US", "CA"}},
		{Name: "Europe", Countries: []string{"DE", "GB"}},
	}
	return c
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
	lever := raw("u10", "Django Engineer", "Acme", "Remote - US", "US")
	lever.PostedDate, lever.Remote = "1752451200000", "remote"

	records := []data.RawRecord{structured, hourly, text, dup, noPay, outlier, oneTime, rejected, untitled, lever}
	res := runFiles(t, testConfig(), records)
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
	check("u1", by["u1"].RoleEvidence == "openstack core: the title names openstack; python none" && by["u1"].OpenStack == data.LevelCore && by["u1"].Seniority == "", "evidence, no seniority")
	for url, code := range map[string]string{"u1": "", "u5": data.SalaryCodeNoPay, "u6": data.SalaryCodeOutlier, "u7": data.SalaryCodeNotAnnualizable} {
		check(url, by[url].SalaryCode == code, "salary_code %q", code)
	}
	wantRejects := []data.Reject{
		{Source: "s", URL: "u8", Stage: "scrape", Reason: "broken JSON-LD", Code: data.RejectCodeBadJSON},
		{Source: "s", URL: "u9", Stage: "transform", Reason: "posting has no title", Code: data.RejectCodeNoTitle},
	}
	if !reflect.DeepEqual(res.Rejects, wantRejects) {
		t.Errorf("rejects = %+v, want %+v", res.Rejects, wantRejects)
	}
	want := transform.Stats{Records: 10, Listings: 8, Rejects: 2, WithPay: 4, NoPay: 3, Outliers: 1, Unplaced: 1, Duplicates: 1,
		PayCodes: map[string]int{data.SalaryCodeNoPay: 2, data.SalaryCodeNotAnnualizable: 1, data.SalaryCodeOutlier: 1},
		Sources: []transform.SourceStats{
			{Source: "s", Records: 9, Listings: 7, Rejects: 2, WithPay: 3},
			{Source: "t", Records: 1, Listings: 1, WithPay: 1, Duplicates: 1},
		}}
	if !reflect.DeepEqual(res.Stats, want) {
		t.Errorf("stats = %+v, want %+v", res.Stats, want)
	}
}

// TestNormalizerStreams checks that records fed one at a time give what
// Run gives, so callers can stream inputs larger than memory.
func TestNormalizerStreams(t *testing.T) {
	records := synth.Records(2000, 7)
	want, err := transform.Normalize(t.Context(), testConfig(), records)
	if err != nil {
		t.Fatal(err)
	}
	n, err := transform.New(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	var listings []data.Listing
	for i := range records {
		if l, _, ok := n.Normalize(&records[i]); ok {
			listings = append(listings, l)
		}
	}
	if len(listings) != len(want.Listings) {
		t.Fatalf("%d listings streamed, %d from Run", len(listings), len(want.Listings))
	}
	for i := range listings {
		a, b := listings[i], want.Listings[i]
		if a.URL != b.URL || a.DuplicateOf != b.DuplicateOf || a.Role != b.Role || !sameNum(a.SalaryAnnualUSD, b.SalaryAnnualUSD) {
			t.Fatalf("listing %d differs:\n%+v\n%+v", i, a, b)
		}
	}
	if got := n.Stats(); !reflect.DeepEqual(got, want.Stats) {
		t.Errorf("stats %+v, Run's %+v", got, want.Stats)
	}
}

func TestNormalizeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := transform.Normalize(ctx, testConfig(), synth.Records(10, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("Normalize with a cancelled context: %v", err)
	}
}
