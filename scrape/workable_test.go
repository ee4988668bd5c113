package scrape

import (
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

const workableURL = "https://apply.workable.com/api/v1/widget/accounts/northwind-cloud?details=true"

// TestWorkableFields: the widget API has no pay field; pay stays in the
// description, where transform reads it.
func TestWorkableFields(t *testing.T) {
	recs, follow := workableReader{}.read(apiPage(t, KindWorkable, workableURL, roleAPI, fixture(t, "board/api/v1/widget/accounts/northwind-cloud")))
	if len(recs) != 3 || len(follow) != 0 {
		t.Fatalf("%d records, %d links; want 3 records (one a reject), no links", len(recs), len(follow))
	}
	nan := math.NaN()
	checkFields(t, recs, []fieldCase{
		{"https://apply.workable.example/j/8C1F2A9B3D", data.RawRecord{Title: "OpenStack Platform Engineer", Company: "Northwind Cloud S.A.",
			Location: "Athens, Attica, Greece", Country: "GR", PayMin: nan, PayMax: nan, PostedDate: "2026-08-02",
			Description: "Operate Nova and Neutron at scale. Salary: €55,000 – €65,000 gross per year."}},
		// No city on the job: the first location's; its code upper-cased;
		// created_at when published_on is empty; requirements and benefits
		// follow the description.
		{"https://apply.workable.example/j/5E7D0C4A21", data.RawRecord{Title: "Python Developer (Remote)", Company: "Northwind Cloud S.A.",
			Location: "Lisbon, Lisbon, Portugal", Country: "PT", Remote: "remote", PayMin: nan, PayMax: nan, PostedDate: "2026-07-21",
			Description: "Django, Celery & PostgreSQL. 5 years of Python Home-office budget."}},
	})
	if r := byURLMap(recs)["https://apply.workable.example/j/0000000000"]; r.RejectCode != data.RejectCodeNoTitle || !strings.Contains(r.RejectReason, `workable job 3 (shortcode "0000000000")`) {
		t.Errorf("job without a title: %+v", r)
	}
}

func TestWorkableWrongShape(t *testing.T) {
	for name, body := range map[string]string{
		"greenhouse answer": string(fixture(t, "board/api/v1/widget/accounts/greenhouse-answer")),
		"ashby answer":      string(fixture(t, "board/posting-api/job-board/northwind-cloud")),
		"lever answer":      `[{"id":"a1","text":"Engineer"}]`,
		"not JSON":          `<html>Service unavailable</html>`,
	} {
		t.Run(name, func(t *testing.T) {
			recs, _ := workableReader{}.read(apiPage(t, KindWorkable, workableURL, roleAPI, []byte(body)))
			if len(recs) != 1 || recs[0].RejectCode != data.RejectCodeBadJSON || !strings.HasPrefix(recs[0].RejectReason, "workable response is not an account's jobs") {
				t.Errorf("records %+v, want one bad_json reject", recs)
			}
		})
	}
	recs, _ := workableReader{}.read(apiPage(t, KindWorkable, workableURL, roleAPI, []byte(`{"name":"A","jobs":[{"title":"T","url":"https://a.example/j/1"},{"telecommuting":"yes"}]}`)))
	if len(recs) != 2 || recs[0].Title != "T" || recs[1].URL != workableURL+"#2" || recs[1].RejectCode != data.RejectCodeBadJSON {
		t.Errorf("a job of the wrong shape: %+v", recs)
	}
}

func FuzzWorkable(f *testing.F) {
	f.Add(fixture(f, "board/api/v1/widget/accounts/northwind-cloud"))
	f.Add(fixture(f, "board/api/v1/widget/accounts/greenhouse-answer"))
	f.Add([]byte(`{"name":null,"jobs":[null,{"locations":[{"hidden":true},{}]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		recs, _ := workableReader{}.read(apiPage(t, KindWorkable, workableURL, roleAPI, body))
		if len(recs) == 0 && !strings.Contains(string(body), "jobs") {
			t.Fatal("no record for an answer without jobs: a fetched page must be counted")
		}
		checkFuzzRecords(t, recs)
	})
}
