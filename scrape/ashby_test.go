package scrape

import (
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

const ashbyURL = "https://api.ashbyhq.com/posting-api/job-board/northwind-cloud?includeCompensation=true"

func TestAshbyFields(t *testing.T) {
	recs, follow := ashbyReader{}.read(apiPage(t, KindAshby, ashbyURL, roleAPI, fixture(t, "board/posting-api/job-board/northwind-cloud")))
	if len(recs) != 5 || len(follow) != 0 {
		t.Fatalf("%d records, %d links; want 5 records (one a reject), no links", len(recs), len(follow))
	}
	job := "https://jobs.ashbyhq.example/northwind-cloud/0b6f1c2e-5a41-4d2a-9e51-7c3d2f0a100"
	nan := math.NaN()
	checkFields(t, recs, []fieldCase{
		{job + "1", data.RawRecord{Title: "OpenStack Cloud Engineer", Company: "Northwind Cloud", Location: "Berlin", Country: "Germany",
			PayMin: 80000, PayMax: 95000, PayCurrency: "EUR", PayPeriod: "YEAR", PaySource: data.PaySourceEmployer,
			PostedDate: "2026-08-03T09:15:00.000+00:00", Description: "Operate Nova, Neutron and Ceph"}},
		// No summary components: the zones' salaries joined; the bonus is not pay.
		{job + "2", data.RawRecord{Title: "Senior Python Developer", Company: "Northwind Cloud", Location: "Remote - US", Country: "United States",
			Remote: "remote", PayMin: 135000, PayMax: 170000, PayCurrency: "USD", PayPeriod: "YEAR", PaySource: data.PaySourceEmployer,
			PostedDate: "2026-07-28T16:40:12.381+00:00", Description: "About the role Build our Django & Celery services."}},
		// isRemote without a workplaceType; pay by the hour.
		{job + "3", data.RawRecord{Title: "Cloud Support Engineer (Contract)", Company: "Northwind Cloud", Location: "Toronto", Country: "Canada",
			Remote: "remote", PayMin: 60, PayMax: 75, PayCurrency: "CAD", PayPeriod: "HOUR", PaySource: data.PaySourceEmployer,
			PostedDate: "2026-08-01T12:00:00.000+00:00", Description: "Keep OpenStack tenants happy."}},
		// Only the summary text: the salary part, for transform to read.
		{job + "4", data.RawRecord{Title: "Site Reliability Engineer", Company: "Northwind Cloud", Location: "London", Country: "United Kingdom",
			PayMin: nan, PayMax: nan, PayText: "£70K - £85K", PaySource: data.PaySourceEmployer,
			PostedDate: "2026-07-30T08:00:00.000+00:00", Description: "On call one week in six."}},
	})
	if r := byURLMap(recs)[job+"5"]; r.RejectCode != data.RejectCodeNoTitle || !strings.Contains(r.RejectReason, "ashby job 5") {
		t.Errorf("job without a title: %+v", r)
	}
}

func TestAshbyWrongShape(t *testing.T) {
	for name, body := range map[string]string{
		"greenhouse answer": string(fixture(t, "board/posting-api/job-board/greenhouse-answer")),
		"lever answer":      `[{"id":"a1","text":"Engineer"}]`,
		"empty object":      `{}`,
		"not JSON":          `<html>Service unavailable</html>`,
	} {
		t.Run(name, func(t *testing.T) {
			recs, _ := ashbyReader{}.read(apiPage(t, KindAshby, ashbyURL, roleAPI, []byte(body)))
			if len(recs) != 1 || recs[0].RejectCode != data.RejectCodeBadJSON || !strings.HasPrefix(recs[0].RejectReason, "ashby response is not a job board") {
				t.Errorf("records %+v, want one bad_json reject", recs)
			}
		})
	}
}

func TestAshbyPeriod(t *testing.T) {
	for in, want := range map[string]string{"1 YEAR": "YEAR", "1 HOUR": "HOUR", " 1 MONTH ": "MONTH", "NONE": "", "2 WEEK": "2 WEEK", "": ""} {
		if got := ashbyPeriod(in); got != want {
			t.Errorf("ashbyPeriod(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzAshby(f *testing.F) {
	f.Add(fixture(f, "board/posting-api/job-board/northwind-cloud"))
	f.Add(fixture(f, "board/posting-api/job-board/greenhouse-answer"))
	f.Add([]byte(`{"apiVersion":"1","jobs":[{"title":"T","compensation":{"compensationTiers":[{"components":[{"compensationType":"Salary","minValue":null,"maxValue":5}]},{"components":[{"compensationType":"salary","minValue":1}]}]}}]}`))
	f.Add([]byte(`{"apiVersion":"1","jobs":[null,{}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		recs, _ := ashbyReader{}.read(apiPage(t, KindAshby, ashbyURL, roleAPI, body))
		if len(recs) == 0 && !strings.Contains(string(body), "jobs") {
			t.Fatal("no record for an answer without jobs: a fetched page must be counted")
		}
		checkFuzzRecords(t, recs)
	})
}

// TestAshbyBadJob: one job of the wrong shape is a reject of its own; the
// rest of the board is read.
func TestAshbyBadJob(t *testing.T) {
	body := `{"apiVersion":"1","jobs":[{"title":"Python Engineer","jobUrl":"https://jobs.ashbyhq.example/a/1"},{"title":5}]}`
	recs, _ := ashbyReader{}.read(apiPage(t, KindAshby, ashbyURL, roleAPI, []byte(body)))
	if len(recs) != 2 || recs[0].Title != "Python Engineer" || recs[1].URL != ashbyURL+"#2" || recs[1].RejectCode != data.RejectCodeBadJSON {
		t.Errorf("records %+v", recs)
	}
}
