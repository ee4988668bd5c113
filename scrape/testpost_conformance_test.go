package scrape_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase("testpost", kindCase{
	name: "testpost",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: "testpost", StartURLs: []string{base + "/wday/cxs/acme/ext/jobs"}}
	},
	postings: map[string]string{"/job/1": "Cloud Engineer", "/job/2": "Python Developer", "/job/3": "OpenStack Operator"},
	handler:  postAPI{},
})

// postAPI answers like an API that lists postings by POST: only a POST
// of a JSON query {"limit":2,"offset":N} to /wday/cxs/acme/ext/jobs (or
// /blocked/jobs, which robots.txt disallows) gets postings; anything else
// is refused.
type postAPI struct{}

var postTitles = []string{"Cloud Engineer", "Python Developer", "OpenStack Operator"}

func (postAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		io.WriteString(w, "User-agent: *\nDisallow: /blocked/\n")
		return
	}
	if r.URL.Path != "/wday/cxs/acme/ext/jobs" && r.URL.Path != "/blocked/jobs" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "POST a JSON query", http.StatusMethodNotAllowed)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var q struct{ Limit, Offset int }
	if err := json.Unmarshal(body, &q); err != nil || q.Limit != 2 || q.Offset%2 != 0 ||
		string(body) != fmt.Sprintf(`{"limit":2,"offset":%d}`, q.Offset) {
		http.Error(w, "bad query "+strings.TrimSpace(string(body)), http.StatusBadRequest)
		return
	}
	type posting struct {
		Title        string `json:"title"`
		ExternalPath string `json:"externalPath"`
	}
	answer := struct {
		Total       int       `json:"total"`
		JobPostings []posting `json:"jobPostings"`
	}{Total: len(postTitles), JobPostings: []posting{}}
	for i := q.Offset; i < min(q.Offset+q.Limit, len(postTitles)); i++ {
		answer.JobPostings = append(answer.JobPostings, posting{Title: postTitles[i], ExternalPath: fmt.Sprintf("/job/%d", i+1)})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(answer)
}
