package scrape

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

const smartRecruitersList = "https://api.smartrecruiters.com/v1/companies/northwind-cloud/postings"

// TestSmartRecruitersPaging: the first page asks for every posting on it
// and for the other pages, at the limit the answer gives; a later page
// asks only for its postings.
func TestSmartRecruitersPaging(t *testing.T) {
	start := smartRecruitersReader{}.start(Source{StartURLs: []string{smartRecruitersList + "?country=de"}})
	if len(start) != 1 || start[0].url != smartRecruitersList+"?country=de&limit=100&offset=0" || start[0].role != roleListing {
		t.Fatalf("start %+v", start)
	}
	first := apiPage(t, KindSmartRecruiters, smartRecruitersList+"?limit=100&offset=0", roleListing, fixture(t, "smartrecruiters/northwind-cloud/list-0.json"))
	recs, follow := smartRecruitersReader{}.read(first)
	var got []string
	for _, l := range follow {
		if l.method != "" && l.method != http.MethodGet {
			t.Errorf("%s %s", l.method, l.url)
		}
		got = append(got, string(l.role)+" "+strings.TrimPrefix(l.url, smartRecruitersList))
	}
	want := "posting /744000001|posting /744000002|listing ?limit=2&offset=2|listing ?limit=2&offset=4"
	if len(recs) != 0 || strings.Join(got, "|") != want {
		t.Errorf("first page: records %+v, links %q, want %q", recs, strings.Join(got, "|"), want)
	}
	later := apiPage(t, KindSmartRecruiters, smartRecruitersList+"?limit=2&offset=2", roleListing, fixture(t, "smartrecruiters/northwind-cloud/list-2.json"))
	if recs, follow := (smartRecruitersReader{}).read(later); len(recs) != 0 || len(follow) != 2 {
		t.Errorf("later page: records %+v, links %+v; want the two postings only", recs, follow)
	}
}

func TestSmartRecruitersFields(t *testing.T) {
	var recs []data.RawRecord
	for _, id := range []string{"744000001", "744000002", "744000003", "744000005"} {
		p := apiPage(t, KindSmartRecruiters, smartRecruitersList+"/"+id, rolePosting, fixture(t, "smartrecruiters/northwind-cloud/postings/"+id+".json"))
		got, follow := smartRecruitersReader{}.read(p)
		if len(got) != 1 || len(follow) != 0 {
			t.Fatalf("posting %s: %d records, %d links", id, len(got), len(follow))
		}
		recs = append(recs, got...)
	}
	nan := math.NaN()
	job := "https://jobs.smartrecruiters.example/NorthwindCloud/"
	checkFields(t, recs, []fieldCase{
		// The company description ("$5 billion raised") is not read.
		{job + "744000001-openstack-engineer", data.RawRecord{Title: "OpenStack Engineer", Company: "Northwind Cloud GmbH",
			Location: "Berlin, Berlin, Germany", Country: "DE", PayMin: 72000, PayMax: 88000, PayCurrency: "EUR", PayPeriod: "YEAR",
			PaySource: data.PaySourceEmployer, PostedDate: "2026-08-04T08:30:00.000Z", Description: "Run Nova, Neutron and Ceph. OpenStack 30 days of leave."}},
		{job + "744000002-python-developer", data.RawRecord{Title: "Python Developer", Company: "Northwind Cloud GmbH",
			Location: "Austin, TX, United States", Country: "US", Remote: "remote", PayMin: nan, PayMax: nan,
			PostedDate: "2026-07-31T17:05:22.123Z", Description: "Build APIs in Django. The pay range for this role is $120,000 - $140,000 per year."}},
		// No fullLocation: city, region and country code.
		{job + "744000003-cloud-architect", data.RawRecord{Title: "Cloud Architect", Company: "Northwind Cloud GmbH",
			Location: "Warsaw, Masovian Voivodeship, PL", Country: "PL", PayMin: nan, PayMax: nan,
			PostedDate: "2026-07-25T10:00:00.000Z", Description: "Design private clouds."}},
	})
	if r := recs[3]; r.RejectCode != data.RejectCodeNoTitle || r.RejectReason != "smartrecruiters posting 744000005 has no title" {
		t.Errorf("posting without a title: %+v", r)
	}
}

func TestSmartRecruitersWrongShape(t *testing.T) {
	for name, tc := range map[string]struct {
		role pageRole
		body string
		want string
	}{
		"greenhouse answer as a list":  {roleListing, string(fixture(t, "board/posting-api/job-board/greenhouse-answer")), "smartrecruiters response is not a list of postings"},
		"a posting as a list":          {roleListing, string(fixture(t, "smartrecruiters/northwind-cloud/postings/744000001.json")), "smartrecruiters response is not a list of postings"},
		"error page as a list":         {roleListing, "<html>Bad gateway</html>", "smartrecruiters response is not a list of postings"},
		"a list as a posting":          {rolePosting, string(fixture(t, "smartrecruiters/northwind-cloud/list-0.json")), "smartrecruiters response is not a posting"},
		"a list entry as a posting":    {rolePosting, `{"id":"1","name":"Engineer"}`, `no "jobAd"`},
		"workable answer as a posting": {rolePosting, string(fixture(t, "board/api/v1/widget/accounts/northwind-cloud")), `no "id"`},
	} {
		t.Run(name, func(t *testing.T) {
			recs, follow := smartRecruitersReader{}.read(apiPage(t, KindSmartRecruiters, smartRecruitersList+"?limit=100&offset=0", tc.role, []byte(tc.body)))
			if len(recs) != 1 || len(follow) != 0 || recs[0].RejectCode != data.RejectCodeBadJSON || !strings.Contains(recs[0].RejectReason, tc.want) {
				t.Errorf("records %+v, links %d; want one bad_json reject saying %q", recs, len(follow), tc.want)
			}
		})
	}
}

func FuzzSmartRecruiters(f *testing.F) {
	f.Add(fixture(f, "smartrecruiters/northwind-cloud/list-0.json"), false)
	f.Add(fixture(f, "smartrecruiters/northwind-cloud/postings/744000001.json"), true)
	f.Add([]byte(`{"limit":1,"totalFound":1000000000,"content":[{"id":"../x"},{}]}`), false)
	f.Add([]byte(`{"id":"1","jobAd":{},"compensation":{"min":null}}`), true)
	f.Fuzz(func(t *testing.T, body []byte, posting bool) {
		role := roleListing
		if posting {
			role = rolePosting
		}
		recs, follow := smartRecruitersReader{}.read(apiPage(t, KindSmartRecruiters, smartRecruitersList+"?limit=100&offset=0", role, body))
		if len(recs)+len(follow) == 0 && !strings.Contains(string(body), "content") {
			t.Fatal("an answer gave neither records nor links")
		}
		if len(follow) > 1<<20 {
			t.Fatalf("%d links from one page", len(follow))
		}
		checkFuzzRecords(t, recs)
	})
}

// TestOffsetPagesBounded: a first page claiming more pages than
// maxOffsetPages asks for that many and says so in a limit reject.
func TestOffsetPagesBounded(t *testing.T) {
	p := apiPage(t, KindSmartRecruiters, smartRecruitersList+"?limit=1&offset=0", roleListing, nil)
	follow, recs := offsetPages(p, 1e9, 1, func(offset int) link { return get("u", roleListing) })
	if len(follow) != maxOffsetPages || len(recs) != 1 || recs[0].RejectCode != data.RejectCodeLimit ||
		!strings.Contains(recs[0].RejectReason, "the API claims 1000000000 postings") {
		t.Errorf("%d links, records %+v", len(follow), recs)
	}
	if follow, recs := offsetPages(p, 5, 2, func(offset int) link { return get(strconv.Itoa(offset), roleListing) }); len(follow) != 2 || follow[1].url != "4" || recs != nil {
		t.Errorf("5 postings by 2: %+v %+v", follow, recs)
	}
}
