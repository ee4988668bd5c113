package scrape_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindWorkday, workdayCase())

// workdayCase reads the 23 postings of testdata/workday/northwind: two
// listing pages by POST (20 and 3), then one GET per posting, of which
// number 22 is missing and number 23 has no title.
func workdayCase() kindCase {
	const site = "https://northwind.wd5.myworkdayjobs.example/en-US/External/job/"
	postings := map[string]string{
		site + "Berlin/OpenStack-Cloud-Engineer_R1001":                "OpenStack Cloud Engineer",
		site + "Remote---United-States/Senior-Python-Developer_R1002": "Senior Python Developer",
		site + "Austin/Site-Reliability-Engineer_R1003":               "Site Reliability Engineer",
	}
	for n := 4; n <= 21; n++ {
		postings[fmt.Sprintf("%sDublin/Cloud-Engineer-%d_R%d", site, n, 1000+n)] = fmt.Sprintf("Cloud Engineer %d", n)
	}
	return kindCase{
		name: "workday",
		src: func(base string) scrape.Source {
			return scrape.Source{Name: "s", Kind: scrape.KindWorkday, StartURLs: []string{
				base + "/wday/cxs/northwind/External/jobs", base + "/wday/cxs/greenhouse/External/jobs"}}
		},
		postings: postings,
		rejects: map[string]string{
			"/wday/cxs/northwind/External/job/Dublin/Cloud-Engineer-22_R1022": "fetch posting page: HTTP 404",
			site + "Dublin/Cloud-Engineer-23_R1023":                           "workday posting R1023 has no title",
			"/wday/cxs/greenhouse/External/jobs":                              `not a list of postings: no "jobPostings" array`,
		},
		handler: workdayAPI{},
	}
}

// workdayAPI answers like a Workday career site's API, from
// testdata/workday/northwind: a listing only to a POST of the query
// Workday's pages send, {"appliedFacets":{},"limit":20,"offset":N,
// "searchText":""}, and each posting to a GET.
type workdayAPI struct{}

func (workdayAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	var file string
	switch path := r.URL.Path; {
	case path == "/wday/cxs/northwind/External/jobs" || path == "/wday/cxs/greenhouse/External/jobs":
		body, _ := io.ReadAll(r.Body)
		var q struct{ Offset int }
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &q) != nil ||
			string(body) != fmt.Sprintf(`{"appliedFacets":{},"limit":20,"offset":%d,"searchText":""}`, q.Offset) {
			http.Error(w, "POST the search query", http.StatusBadRequest)
			return
		}
		offset := q.Offset
		file = fmt.Sprintf("testdata/workday/northwind/jobs-%d.json", offset)
		if strings.Contains(path, "greenhouse") {
			file = "testdata/board/posting-api/job-board/greenhouse-answer"
		}
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/wday/cxs/northwind/External/job/"):
		file = "testdata/workday/northwind/" + strings.TrimPrefix(path, "/wday/cxs/northwind/External/") + ".json"
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
