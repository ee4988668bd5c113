package scrape

import (
	"os"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestJSONLDShapes reads postings written the way career sites write
// them (testdata/jsonld-shapes): a WordPress-style @graph whose posting
// refers to its organization and office by @id and gives a bare salary;
// XHTML with the JSON in CDATA; JSON inside an HTML comment; a remote job
// open in several countries; a job at several offices.
func TestJSONLDShapes(t *testing.T) {
	tests := []struct {
		file string
		want data.RawRecord // Title, Company, Location, Country, Remote, Pay*, PostedDate, Description
	}{
		{"graph-references.html", data.RawRecord{Title: "Cloud Platform Engineer (OpenStack)", Company: "Northwind Hosting GmbH",
			Location: "Berlin, DE", Country: "DE", PayMin: 72000, PayMax: 72000, PayCurrency: "EUR", PostedDate: "2026-08-03",
			Description: "Run our OpenStack regions: Nova, Neutron and Ceph. Python Ansible"}},
		{"cdata.html", data.RawRecord{Title: "Python Developer", Company: "Fjord Analytics AS", Location: "Oslo, NO", Country: "NO",
			PayMin: 650000, PayMax: 780000, PayCurrency: "NOK", PayPeriod: "YEAR", PostedDate: "2026-07-28",
			Description: "Django and FastAPI services for our data platform."}},
		{"comment.html", data.RawRecord{Title: "Site Reliability Engineer", Company: "Lakeside Cloud Inc.", Location: "Toronto, ON, CA",
			Country: "CA", PayMin: 110000, PayMax: 135000, PayCurrency: "CAD", PayPeriod: "YEAR", PostedDate: "2026-09-01T14:05:00-05:00"}},
		{"remote-several.html", data.RawRecord{Title: "Senior Python Engineer", Company: "Brightwave", Remote: "TELECOMMUTE",
			Location: "Remote (Germany; Netherlands; Spain)", Country: "Germany; Netherlands; Spain", PayMin: 95000, PayMax: 95000,
			PayCurrency: "EUR", PayPeriod: "YEAR", PostedDate: "2026-08-20", Description: "Work from anywhere in our EU hiring countries."}},
		{"offices.html", data.RawRecord{Title: "OpenStack Operations Engineer", Company: "Stackline", Remote: "TELECOMMUTE",
			Location: "Paris, FR; Lyon, FR; Brussels, BE", Country: "FR; BE", PayMin: 55000, PayMax: 68000, PayCurrency: "EUR",
			PayPeriod: "YEAR", PostedDate: "2026-06-30"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile("testdata/jsonld-shapes/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			recs, _ := jsonldReader{}.read(postingPage(t, string(body)))
			if len(recs) != 1 {
				t.Fatalf("got %d records, want 1: %+v", len(recs), recs)
			}
			g, w := recs[0], tc.want
			if g.RejectReason != "" || g.Title != w.Title || g.Company != w.Company || g.Location != w.Location ||
				g.Country != w.Country || g.Remote != w.Remote || !sameFloat(g.PayMin, w.PayMin) || !sameFloat(g.PayMax, w.PayMax) ||
				g.PayCurrency != w.PayCurrency || g.PayPeriod != w.PayPeriod || g.PaySource != data.PaySourceEmployer ||
				g.PostedDate != w.PostedDate || (w.Description != "" && g.Description != w.Description) || g.PayText != "" {
				t.Errorf("\n got %+v\nwant %+v", g, w)
			}
		})
	}
}
