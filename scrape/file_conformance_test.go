package scrape_test

import (
	"math"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindFile, kindCase{
	name: "file",
	src: func(string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindFile, Path: "testdata/listings.csv", Columns: map[string]string{
			"title": "Job Title", "company": "Employer", "location": "City", "country": "Country", "pay_min": "Salary Min",
			"pay_max": "Salary Max", "pay_currency": "Currency", "pay_period": "Per", "posted_date": "Posted", "url": "Link"}}
	},
	postings: map[string]string{"https://example.org/jobs/1": "OpenStack Engineer", "https://example.org/jobs/2": "Python Developer",
		"https://example.org/jobs/3": "Senior Python Engineer", "#row=6": "Cloud Engineer (OpenStack)"},
	rejects: map[string]string{"https://example.org/jobs/4": "row 5 (line 6): no title"},
	check: func(t *testing.T, got map[string]data.RawRecord, _ string) {
		r1 := got["https://example.org/jobs/1"]
		if r1.Company != "Northwind Cloud" || r1.PayMin != 60000 || r1.PayMax != 75000 || r1.PayCurrency != "EUR" ||
			r1.PayPeriod != "YEAR" || r1.PostedDate != "2026-07-14" || r1.Country != "DE" || r1.PaySource != data.PaySourceEmployer {
			t.Errorf("file row 2: %+v", r1)
		}
		if r3 := got["https://example.org/jobs/3"]; !math.IsNaN(r3.PayMin) || r3.PaySource != "" {
			t.Errorf("file row without pay: %+v", r3)
		}
	},
})
