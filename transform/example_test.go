package transform_test

import (
	"fmt"

	"github.com/jobmarket/jobmarket/transform"
)

// ExampleParsePay shows how pay text reads: figures, currency and period,
// with what had to be guessed.
func ExampleParsePay() {
	for _, s := range []struct{ text, country string }{
		{"$120K - $150K a year", "US"},
		{"₹12 - 18 LPA", "IN"},
		{"Up to €180k", "DE"},
		{"$25 - $45", "US"},
		{"Competitive, DOE", "GB"},
	} {
		p, err := transform.ParsePay(s.text, s.country)
		if err != nil {
			fmt.Printf("%-22s %v\n", s.text, err)
			continue
		}
		fmt.Printf("%-22s %v-%v %s per %s (period guessed: %v)\n", s.text, p.Min, p.Max, p.Currency, p.Period, p.PeriodGuessed)
	}
	// Output:
	// $120K - $150K a year   120000-150000 USD per YEAR (period guessed: false)
	// ₹12 - 18 LPA           1.2e+06-1.8e+06 INR per YEAR (period guessed: false)
	// Up to €180k            NaN-180000 EUR per YEAR (period guessed: true)
	// $25 - $45              25-45 USD per HOUR (period guessed: true)
	// Competitive, DOE       parse pay "Competitive, DOE": pay not disclosed ("competitive")
}

// ExampleResolveCountry shows places read to ISO 3166-1 codes.
func ExampleResolveCountry() {
	for _, loc := range []string{"Austin, TX", "Berlin, Deutschland", "Remote - Canada", "Cambridge, MA", "Remote - EU"} {
		cc, err := transform.ResolveCountry("", loc)
		fmt.Printf("%-20s %q %v\n", loc, cc, err)
	}
	// Output:
	// Austin, TX           "US" <nil>
	// Berlin, Deutschland  "DE" <nil>
	// Remote - Canada      "CA" <nil>
	// Cambridge, MA        "US" <nil>
	// Remote - EU          "" unknown place: location "Remote - EU" names a region, not a country
}

// ExampleClassify_Match shows the role rule with its evidence.
func ExampleClassify_Match() {
	c := transform.DefaultConfig().Classify
	for _, p := range [][2]string{
		{"Cloud Engineer", "You will operate Nova, Neutron and Keystone at scale."},
		{"iOS Developer", "Our app is written in Swift; our office is in Halifax, Nova Scotia."},
		{"Senior Backend Engineer", "Python3 and python-based tooling."},
	} {
		role, evidence := c.Match(p[0], p[1])
		fmt.Printf("%s | %s | seniority %q\n", role, evidence, c.SeniorityOf(p[0]))
	}
	// Output:
	// openstack | openstack_projects: nova, neutron, keystone (description) | seniority ""
	// other | other; ignored: nova (in "nova scotia"), swift (no other project within 10 words) | seniority ""
	// python | python: python (description) | seniority "senior"
}
