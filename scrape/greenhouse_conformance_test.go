package scrape_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindGreenhouse, kindCase{
	name: "greenhouse",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindGreenhouse, StartURLs: []string{
			base + "/v1/boards/northwind-cloud/jobs?content=true", base + "/v1/boards/empty-board/jobs?content=true"}}
	},
	postings: map[string]string{
		"https://boards.greenhouse.example/northwind-cloud/jobs/4012001": "OpenStack Cloud Engineer",
		"https://boards.greenhouse.example/northwind-cloud/jobs/4012002": "Python Developer",
		"https://boards.greenhouse.example/northwind-cloud/jobs/4012003": "Site Reliability Engineer",
		"https://boards.greenhouse.example/northwind-cloud/jobs/4012005": "Cloud Platform Engineer",
	},
	rejects: map[string]string{
		"https://boards.greenhouse.example/northwind-cloud/jobs/4012004": "greenhouse job 4 (id 4012004) has no title",
		"/v1/boards/empty-board/jobs?content=true":                       `not a job board: no "jobs" array`,
		// Listed without pay, so its single-job answer was asked for: gone.
		"/v1/boards/northwind-cloud/jobs/4012006?pay_transparency=true": "HTTP 404",
	},
	handler: greenhouseAPI{},
	check: func(t *testing.T, got map[string]data.RawRecord, _ string) {
		j1 := got["https://boards.greenhouse.example/northwind-cloud/jobs/4012001"]
		if j1.Company != "Northwind Cloud" || j1.Location != "Boston, MA" || j1.PostedDate != "2026-07-30T09:00:00-04:00" || j1.Remote != "" ||
			j1.Description != "Run Nova and Neutron at scale. The base salary range for this role is $150,000 - $180,000 per year." {
			t.Errorf("greenhouse job 1: %+v", j1)
		}
		j2 := got["https://boards.greenhouse.example/northwind-cloud/jobs/4012002"]
		if j2.Company != "Northwind Cloud" || j2.PayText != "CA$110,000 – CA$130,000" || j2.Description != "Django & Celery." ||
			j2.PostedDate != "2026-08-01T08:00:00Z" || j2.Remote != "remote" {
			t.Errorf("greenhouse job 2: %+v", j2)
		}
		j3 := got["https://boards.greenhouse.example/northwind-cloud/jobs/4012003"]
		if j3.PayMin != 90000 || j3.PayMax != 110000 || j3.PayCurrency != "EUR" || j3.PaySource != data.PaySourceEmployer {
			t.Errorf("greenhouse job 3: %+v", j3)
		}
	},
})

// greenhouseAPI answers like boards-api.greenhouse.io from
// testdata/greenhouse: a board's list is TOKEN.json, and the single-job
// endpoint, asked with pay_transparency=true, is TOKEN/ID.json.
type greenhouseAPI struct{}

func (greenhouseAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/boards/")
	token, job, _ := strings.Cut(rest, "/jobs")
	var name string
	switch {
	case !ok || strings.Contains(token, "/"):
	case job == "":
		name = token + ".json"
	case r.URL.Query().Get("pay_transparency") != "true":
		http.Error(w, "ask with pay_transparency=true", http.StatusBadRequest)
		return
	default:
		name = filepath.Join(token, strings.TrimPrefix(job, "/")+".json")
	}
	body, err := os.ReadFile(filepath.Join("testdata", "greenhouse", name))
	if name == "" || err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}
