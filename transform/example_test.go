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

// ExampleClassify_Levels shows the role rule with its evidence: OpenStack
// operated is core, OpenStack in a list of clouds is listed.
func ExampleClassify_Levels() {
	c := transform.DefaultConfig().Classify
	for _, p := range [][2]string{
		{"Cloud Engineer", "You will operate Nova, Neutron and Keystone at scale."},
		{"Java Developer", "Build Spring services. Requirements: Java; AWS, Azure or OpenStack; Python is a plus."},
		{"iOS Developer", "Our app is written in Swift; our office is in Halifax, Nova Scotia."},
	} {
		lv := c.Levels(p[0], p[1])
		fmt.Printf("%s | %s | %s\n", lv.Role, lv.OpenStack, lv.Evidence)
	}
	// Output:
	// openstack | core | openstack core: score 3.38 ≥ 2 from nova (opening, project, verb) 1.13, neutron (opening, project, verb) 1.13, keystone (opening, project, verb) 1.13; python none
	// other | listed | openstack listed: score 0.19 < 2 from openstack (requirements, listed with 2) 0.19; python listed: score 0 < 2 from python (requirements, optional) 0
	// other | none | openstack none; python none; ignored: nova (in "nova scotia"), swift (no other project within 10 words)
}

func ExampleResolvePlace() {
	for _, location := range []string{"Berlin, Deutschland", "Remote,LATAM", "EMEA, APAC", "Anywhere in the World"} {
		p, err := transform.ResolvePlace("", location)
		fmt.Printf("%s: country %q, areas %q, anywhere %v, %v\n", location, p.Country, p.Areas, p.Anywhere, err)
	}
	// Output:
	// Berlin, Deutschland: country "DE", areas [], anywhere false, <nil>
	// Remote,LATAM: country "", areas ["latam"], anywhere false, <nil>
	// EMEA, APAC: country "", areas ["apac" "emea"], anywhere false, <nil>
	// Anywhere in the World: country "", areas [], anywhere true, <nil>
}

func ExampleRegions_Expand() {
	regions := transform.Regions{
		{Name: "DACH", Countries: []string{"DE", "AT", "CH"}},
		{Name: "Rest of Europe", Countries: []string{"150"}},
	}
	expanded, err := regions.Expand()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range expanded {
		fmt.Println(r.Name, len(r.Countries), r.Countries[:3])
	}
	// Output:
	// DACH 3 [AT CH DE]
	// Rest of Europe 52 [AD AL AX]
}
