package scrape

import (
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

const workdayJobs = "https://northwind.wd5.myworkdayjobs.com/wday/cxs/northwind/External/jobs"

func workdayListPage(t testing.TB, offset int, body []byte) page {
	p := apiPage(t, KindWorkday, workdayJobs, roleListing, body)
	l := workdayListing(workdayJobs, offset)
	p.method, p.sent = l.method, l.body
	return p
}

// TestWorkdayPaging: the listing is a POST of Workday's own query; the
// first page, the only one with the total, asks for the others; every
// posting is a GET under the site.
func TestWorkdayPaging(t *testing.T) {
	start := workdayReader{}.start(Source{StartURLs: []string{workdayJobs}})
	if len(start) != 1 || start[0].method != http.MethodPost || start[0].contentType != "application/json" ||
		string(start[0].body) != `{"appliedFacets":{},"limit":20,"offset":0,"searchText":""}` {
		t.Fatalf("start %+v", start)
	}
	recs, follow := workdayReader{}.read(workdayListPage(t, 0, fixture(t, "workday/northwind/jobs-0.json")))
	if len(recs) != 0 || len(follow) != 21 {
		t.Fatalf("first page: %d records, %d links; want 20 postings and 1 page", len(recs), len(follow))
	}
	if f := follow[0]; f.role != rolePosting || f.method != "" || f.url != "https://northwind.wd5.myworkdayjobs.com/wday/cxs/northwind/External/job/Berlin/OpenStack-Cloud-Engineer_R1001" {
		t.Errorf("first posting link %+v", f)
	}
	if f := follow[20]; f.role != roleListing || f.method != http.MethodPost || string(f.body) != `{"appliedFacets":{},"limit":20,"offset":20,"searchText":""}` {
		t.Errorf("next page link %+v", f)
	}
	recs, follow = workdayReader{}.read(workdayListPage(t, 20, fixture(t, "workday/northwind/jobs-20.json")))
	if len(recs) != 0 || len(follow) != 3 {
		t.Errorf("second page (total 0): %d records, %d links; want its 3 postings only", len(recs), len(follow))
	}
}

// TestWorkdayFields: startDate when given, else postedOn as the board
// writes it (transform resolves it against the fetch time); pay is in
// the description only.
func TestWorkdayFields(t *testing.T) {
	var recs []data.RawRecord
	for _, path := range []string{"Berlin/OpenStack-Cloud-Engineer_R1001", "Remote---United-States/Senior-Python-Developer_R1002",
		"Austin/Site-Reliability-Engineer_R1003", "Dublin/Cloud-Engineer-23_R1023"} {
		p := apiPage(t, KindWorkday, strings.TrimSuffix(workdayJobs, "jobs")+"job/"+path, rolePosting, fixture(t, "workday/northwind/job/"+path+".json"))
		got, follow := workdayReader{}.read(p)
		if len(got) != 1 || len(follow) != 0 {
			t.Fatalf("%s: %d records, %d links", path, len(got), len(follow))
		}
		recs = append(recs, got...)
	}
	nan := math.NaN()
	site := "https://northwind.wd5.myworkdayjobs.example/en-US/External/job/"
	checkFields(t, recs, []fieldCase{
		{site + "Berlin/OpenStack-Cloud-Engineer_R1001", data.RawRecord{Title: "OpenStack Cloud Engineer", Company: "Northwind Cloud Inc.",
			Location: "Berlin, Germany", Country: "Germany", PayMin: nan, PayMax: nan, PostedDate: "2026-08-05",
			Description: "Run Nova and Neutron. Annual base salary: €75,000 – €90,000."}},
		{site + "Remote---United-States/Senior-Python-Developer_R1002", data.RawRecord{Title: "Senior Python Developer", Company: "Northwind Cloud Inc.",
			Location: "Remote - United States", Country: "United States of America", Remote: "remote", PayMin: nan, PayMax: nan,
			PostedDate: "Posted 3 Days Ago", Description: "Django services. The pay range is $140,000 - $165,000 per year."}},
		{site + "Austin/Site-Reliability-Engineer_R1003", data.RawRecord{Title: "Site Reliability Engineer", Company: "Northwind Cloud Inc.",
			Location: "Austin, TX", Country: "United States of America", PayMin: nan, PayMax: nan,
			PostedDate: "Posted 30+ Days Ago", Description: "Keep the lights on."}},
	})
	if r := recs[3]; r.RejectCode != data.RejectCodeNoTitle || r.RejectReason != "workday posting R1023 has no title" {
		t.Errorf("posting without a title: %+v", r)
	}
}

func TestWorkdayWrongShape(t *testing.T) {
	for name, tc := range map[string]struct {
		role pageRole
		body string
		want string
	}{
		"greenhouse answer as a list": {roleListing, string(fixture(t, "board/posting-api/job-board/greenhouse-answer")), `workday response is not a list of postings: no "jobPostings"`},
		"error page as a list":        {roleListing, "<html>Maintenance</html>", "workday response is not a list of postings"},
		"a list as a posting":         {rolePosting, string(fixture(t, "workday/northwind/jobs-20.json")), `workday response is not a posting: no "jobPostingInfo"`},
	} {
		t.Run(name, func(t *testing.T) {
			p := workdayListPage(t, 0, []byte(tc.body))
			p.role = tc.role
			recs, follow := workdayReader{}.read(p)
			if len(recs) != 1 || len(follow) != 0 || recs[0].RejectCode != data.RejectCodeBadJSON || !strings.Contains(recs[0].RejectReason, tc.want) {
				t.Errorf("records %+v, links %d; want one bad_json reject saying %q", recs, len(follow), tc.want)
			}
		})
	}
}

func TestWorkdayCheck(t *testing.T) {
	for u, ok := range map[string]bool{
		workdayJobs:       true,
		workdayJobs + "/": true,
		"https://northwind.wd5.myworkdayjobs.com/External":     false,
		"https://northwind.wd5.myworkdayjobs.com/wday/cxs/a/b": false,
	} {
		if err := checkWorkday(Source{StartURLs: []string{u}}); (err == nil) != ok {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func FuzzWorkday(f *testing.F) {
	f.Add(fixture(f, "workday/northwind/jobs-0.json"), false)
	f.Add(fixture(f, "workday/northwind/job/Berlin/OpenStack-Cloud-Engineer_R1001.json"), true)
	f.Add([]byte(`{"total":99999999,"jobPostings":[{"externalPath":"//evil.example/x"},{"externalPath":"job"},null]}`), false)
	f.Add([]byte(`{"jobPostingInfo":{"remoteType":"Remote","startDate":""}}`), true)
	f.Fuzz(func(t *testing.T, body []byte, posting bool) {
		p := workdayListPage(t, 0, body)
		if posting {
			p.role = rolePosting
		}
		recs, follow := workdayReader{}.read(p)
		if len(recs)+len(follow) == 0 && !strings.Contains(string(body), "jobPostings") {
			t.Fatal("an answer gave neither records nor links")
		}
		for _, l := range follow {
			if !strings.HasPrefix(l.url, "https://northwind.wd5.myworkdayjobs.com/wday/cxs/northwind/External/") {
				t.Fatalf("link leaves the site's API: %s", l.url)
			}
		}
		checkFuzzRecords(t, recs)
	})
}
