package scrape_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindSmartRecruiters, kindCase{
	name: "smartrecruiters",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindSmartRecruiters, StartURLs: []string{
			base + "/v1/companies/northwind-cloud/postings", base + "/v1/companies/greenhouse-answer/postings"}}
	},
	postings: map[string]string{
		"https://jobs.smartrecruiters.example/NorthwindCloud/744000001-openstack-engineer": "OpenStack Engineer",
		"https://jobs.smartrecruiters.example/NorthwindCloud/744000002-python-developer":   "Python Developer",
		"https://jobs.smartrecruiters.example/NorthwindCloud/744000003-cloud-architect":    "Cloud Architect",
	},
	rejects: map[string]string{
		"/v1/companies/northwind-cloud/postings/744000004":                       "fetch posting page: HTTP 404",
		"https://jobs.smartrecruiters.example/NorthwindCloud/744000005-untitled": "smartrecruiters posting 744000005 has no title",
		"/v1/companies/greenhouse-answer/postings?limit=100&offset=0":            `not a list of postings: no "content" array`,
	},
	handler: smartRecruitersAPI{},
})

// smartRecruitersAPI answers like SmartRecruiters' posting API, from
// testdata/smartrecruiters: pages of two postings whatever limit is asked
// (the answer's limit says so), and each posting's detail.
type smartRecruitersAPI struct{}

func (smartRecruitersAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	company, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/v1/companies/"), "/")
	var file string
	switch {
	case company == "greenhouse-answer" && rest == "postings":
		file = "testdata/board/posting-api/job-board/greenhouse-answer"
	case company != "northwind-cloud":
	case rest == "postings":
		q := r.URL.Query()
		if q.Get("limit") == "" || q.Get("offset") == "" {
			http.Error(w, "want offset and limit", http.StatusBadRequest)
			return
		}
		file = fmt.Sprintf("testdata/smartrecruiters/northwind-cloud/list-%s.json", q.Get("offset"))
	case strings.HasPrefix(rest, "postings/") && r.URL.RawQuery == "":
		file = "testdata/smartrecruiters/northwind-cloud/" + rest + ".json"
	}
	f, err := os.Open(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, f)
}
