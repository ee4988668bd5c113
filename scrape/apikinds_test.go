package scrape_test

import (
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// wantPosting is what an API kind must read from one posting of its
// fixture. NaN pay bounds are written as math.NaN().
type wantPosting struct {
	title, company, location, country, remote string
	payMin, payMax                            float64
	currency, period, paySource, payText      string
	date                                      string
	description                               string // a part of it
}

// TestAPIKindFields reads, for every API kind, each field of postings
// written in the shape the API documents: title, company, place and
// country, remote, pay (bounds, currency, period, source) and date.
func TestAPIKindFields(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name    string
		kind    string
		path    string
		handler http.Handler // nil: testdata/board
		want    map[string]wantPosting
	}{
		{name: "recruitee salary object, hybrid and remote flags", kind: scrape.KindRecruitee, path: "/recruitee/northwind/api/offers/",
			want: map[string]wantPosting{
				"https://northwind.recruitee.com/o/openstack-engineer": {title: "OpenStack Engineer", company: "Northwind Hosting B.V.",
					location: "Amsterdam, Netherlands", country: "NL", payMin: 5000, payMax: 6500, currency: "EUR", period: "month",
					paySource: data.PaySourceEmployer, date: "2026-08-05T10:10:39Z", description: "Run Nova and Neutron for 40 customers. 3+ years of OpenStack Python"},
				"https://northwind.recruitee.com/o/python-developer-remote": {title: "Python Developer", company: "Northwind Hosting B.V.",
					location: "Remote job", country: "DE", remote: "remote", payMin: nan, payMax: nan, date: "2026-07-28T14:02:11Z",
					description: "Salary: EUR 60,000 - 72,000 per year."},
				"https://northwind.recruitee.com/o/cloud-support-engineer": {title: "Cloud Support Engineer", company: "Northwind Hosting B.V.",
					location: "Rotterdam, Netherlands", country: "NL", payMin: 52000, payMax: 60000, currency: "EUR", period: "year",
					paySource: data.PaySourceEmployer, date: "2026-08-06T07:00:00Z"},
			}},
		{name: "personio subcompany, office, CDATA descriptions", kind: scrape.KindPersonio, path: "/personio/acme/xml",
			want: map[string]wantPosting{
				"/personio/acme/job/1650441": {title: "OpenStack Platform Engineer (m/f/d)", company: "Acme Cloud GmbH", location: "Munich; Berlin",
					payMin: nan, payMax: nan, date: "2026-07-14T09:12:44Z",
					description: "Your mission: Operate Nova, Neutron & Ceph for our private cloud. What we offer: Salary range EUR 68,000 – 82,000 per year"},
				"/personio/acme/job/1650442": {title: "Python Developer", location: "Remote", payMin: nan, payMax: nan,
					date: "2026-08-02T14:40:00Z", description: "About the role: FastAPI and Celery."},
			}},
		{name: "teamtailor JSON Feed with _jobposting, two pages", kind: scrape.KindTeamtailor, path: "/teamtailor/jobs.json",
			want: map[string]wantPosting{
				"https://careers.fjord.example/jobs/3317001-openstack-engineer": {title: "OpenStack Engineer", company: "Fjord Systems AB",
					location: "Stockholm, SE", country: "SE", payMin: 55000, payMax: 65000, currency: "SEK", period: "MONTH",
					paySource: data.PaySourceEmployer, date: "2026-08-03", description: "Operate our OpenStack regions from Stockholm."},
				"https://careers.fjord.example/jobs/3317002-python-developer": {title: "Python Developer", company: "Fjord Systems AB",
					location: "Remote (NO)", country: "NO", remote: "TELECOMMUTE", payMin: nan, payMax: nan, date: "2026-07-21"},
				"https://careers.fjord.example/jobs/3317003-site-reliability-engineer": {title: "Site Reliability Engineer",
					payMin: nan, payMax: nan, date: "2026-07-15T09:00:00+02:00", description: "On call, fairly shared."},
			}},
		{name: "remoteok: notice skipped, 0 is no pay", kind: scrape.KindRemoteOK, path: "/remoteok/api",
			want: map[string]wantPosting{
				"https://remoteok.com/remote-jobs/remote-senior-openstack-engineer-stackhaus-1093001": {title: "Senior OpenStack Engineer",
					company: "Stackhaus", location: "United States", remote: "remote", payMin: 140000, payMax: 175000, currency: "USD",
					period: "year", paySource: data.PaySourceEmployer, date: "2026-08-05T08:00:00Z", description: "Keep Nova and Neutron healthy."},
				"https://remoteok.com/remote-jobs/remote-python-developer-pylab-1093002": {title: "Python Developer", company: "PyLab",
					location: "Worldwide", remote: "remote", payMin: nan, payMax: nan, date: "2026-08-04T08:00:00Z"},
				"https://remoteok.com/remote-jobs/remote-backend-engineer-lowbound-1093003": {title: "Backend Engineer", company: "Lowbound",
					location: "Europe", remote: "remote", payMin: nan, payMax: 90000, currency: "USD", period: "year",
					paySource: data.PaySourceEmployer, date: "1785744000000"},
			}},
		{name: "greenhouse pay zones and workplace metadata", kind: scrape.KindGreenhouse, path: "/v1/boards/northwind-cloud/jobs?content=true",
			handler: greenhouseAPI{},
			want: map[string]wantPosting{
				"https://boards.greenhouse.example/northwind-cloud/jobs/4012001": {title: "OpenStack Cloud Engineer", company: "Northwind Cloud",
					location: "Boston, MA", payMin: 150000, payMax: 180000, currency: "USD", paySource: data.PaySourceEmployer,
					payText: `pay zone "Greater Boston Area" USD 150000–180000 kept (matches the posting's location "Boston, MA") of 3 zones`,
					date:    "2026-07-30T09:00:00-04:00"},
				"https://boards.greenhouse.example/northwind-cloud/jobs/4012005": {title: "Cloud Platform Engineer", company: "Northwind Cloud",
					location: "Remote - US", remote: "remote", payMin: 140000, payMax: 195000, currency: "USD", paySource: data.PaySourceEmployer,
					payText: `pay zone "Tier 2: All other US locations" USD 140000–195000 kept (the widest; none matches the posting's location "Remote - US") of 2 zones: "Tier 1: San Francisco, New York City" USD 180000–210000`,
					date:    "2026-08-04T12:00:00Z", description: "Keystone and Ironic."},
			}},
		{name: "lever salary description, lists and closing text", kind: scrape.KindLever, path: "/v0/postings/lists-co?mode=json",
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v0/postings/lists-co" {
					http.NotFound(w, r)
					return
				}
				w.Write([]byte(leverListsFixture))
			}),
			want: map[string]wantPosting{
				"https://jobs.lever.example/lists-co/b1": {title: "Senior Python Engineer", company: "Lists Co", location: "Lisbon, Portugal",
					country: "PT", payMin: nan, payMax: nan, payText: "€70,000 – €85,000 a year, plus equity", paySource: data.PaySourceEmployer,
					date: "1785916800000", description: "Build our API. Requirements: 5 years of Python Django What we offer: Hybrid work Pay is reviewed every year."},
				"https://jobs.lever.example/lists-co/b2": {title: "OpenStack Operator", company: "Lists Co", location: "Remote - EU",
					country: "DE", remote: "remote", payMin: 60000, payMax: 75000, currency: "EUR", period: "per-year-salary",
					paySource: data.PaySourceEmployer, payText: "Base salary €60,000–€75,000.", date: "1785916800000",
					description: "Keep the clouds up. Run Nova."},
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := countingServer(t)
			if tc.handler != nil {
				srv, _ = serve(t, tc.handler)
			}
			res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), []scrape.Source{{Name: "s", Kind: tc.kind, StartURLs: []string{srv.URL + tc.path}}})
			if err != nil {
				t.Fatal(err)
			}
			got := byURL(res.Records)
			for u, w := range tc.want {
				if !strings.Contains(u, "://") {
					u = srv.URL + u
				}
				r, ok := got[u]
				if !ok {
					t.Errorf("%s: not read; records %v", u, res.Records)
					continue
				}
				same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
				if r.RejectReason != "" || r.Title != w.title || r.Company != w.company || r.Location != w.location || r.Country != w.country ||
					r.Remote != w.remote || !same(r.PayMin, w.payMin) || !same(r.PayMax, w.payMax) || r.PayCurrency != w.currency ||
					r.PayPeriod != w.period || r.PaySource != w.paySource || !strings.HasPrefix(r.PayText, w.payText) ||
					r.PostedDate != w.date || !strings.Contains(r.Description, w.description) {
					t.Errorf("%s:\n got %+v\nwant %+v", u, r, w)
				}
			}
		})
	}
}

// leverListsFixture is a Lever answer using the fields the demo's boards
// leave empty: salaryDescription, lists, additional, the opening/body split.
const leverListsFixture = `[
{"id":"b1","text":"Senior Python Engineer","categories":{"commitment":"Full-time","location":"Lisbon, Portugal","team":"Platform","allLocations":["Lisbon, Portugal","Porto, Portugal"]},
 "country":"PT","workplaceType":"hybrid","createdAt":1785916800000,"descriptionPlain":"","openingPlain":"Build our API.","descriptionBodyPlain":"",
 "lists":[{"text":"Requirements","content":"<li>5 years of Python</li><li>Django</li>"},{"text":"What we offer","content":"<li>Hybrid work</li>"}],
 "additionalPlain":"Pay is reviewed every year.","salaryDescription":"<p>€70,000 – €85,000 a year, plus equity</p>",
 "hostedUrl":"https://jobs.lever.example/lists-co/b1"},
{"id":"b2","text":"OpenStack Operator","categories":{"location":"Remote - EU"},"country":"DE","workplaceType":"remote","createdAt":1785916800000,
 "descriptionPlain":"Keep the clouds up.","lists":[{"text":"","content":"<li>Run Nova.</li>"}],"additionalPlain":"",
 "salaryDescriptionPlain":"Base salary €60,000–€75,000.","salaryRange":{"min":60000,"max":75000,"currency":"EUR","interval":"per-year-salary"},
 "hostedUrl":"https://jobs.lever.example/lists-co/b2"}
]`
