package scrape

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/jobmarket/jobmarket/data"
)

// The testpost kind reads an API that lists postings by POST with a JSON
// body, as Workday's does (POST .../wday/cxs/TENANT/SITE/jobs with
// {"limit":20,"offset":0,...}). It exists for the tests, and shows what a
// new kind is: this one file registers its name, keys, checks and reader,
// its conformance case sits in its test file (testpost_conformance_test.go),
// and nothing else in the package names it.
const kindTestPost = "testpost"

var _ = register(Kind{
	Name:     kindTestPost,
	Doc:      "a test API that lists postings by POST with a JSON body",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   postReader{},
})

// postPageSize is how many postings the reader asks for at a time.
const postPageSize = 2

type postReader struct{}

// postQuery is the body the reader sends.
type postQuery struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func postRequest(u string, offset int) link {
	body, _ := json.Marshal(postQuery{Limit: postPageSize, Offset: offset})
	return link{url: u, role: roleAPI, method: http.MethodPost, body: body, contentType: "application/json"}
}

func (postReader) start(src Source) []link {
	out := make([]link, len(src.StartURLs))
	for i, u := range src.StartURLs {
		out[i] = postRequest(u, 0)
	}
	return out
}

func (postReader) read(p page) ([]data.RawRecord, []link) {
	var asked postQuery
	if err := json.Unmarshal(p.sent, &asked); err != nil || p.method != http.MethodPost {
		return []data.RawRecord{reject(p, data.RejectCodeFetch, fmt.Sprintf("not the answer to a POST of a query: %s %q", p.method, p.sent))}, nil
	}
	var answer struct {
		Total       int `json:"total"`
		JobPostings []struct {
			Title        string `json:"title"`
			ExternalPath string `json:"externalPath"`
		} `json:"jobPostings"`
	}
	if err := json.Unmarshal(p.body, &answer); err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, fmt.Sprintf("testpost answer is not JSON: %v", err))}, nil
	}
	var out []data.RawRecord
	for _, jp := range answer.JobPostings {
		ref, err := p.url.Parse(jp.ExternalPath)
		if err != nil {
			continue
		}
		r := newRecord(p, ref.String())
		r.Title = jp.Title
		if r.Title == "" {
			r.RejectReason, r.RejectCode = "testpost posting has no title", data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	var follow []link
	if next := asked.Offset + len(answer.JobPostings); len(answer.JobPostings) > 0 && next < answer.Total {
		follow = append(follow, postRequest(p.url.String(), next))
	}
	return out, follow
}
