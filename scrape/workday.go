package scrape

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindWorkday reads the public job search API behind Workday career sites.
const KindWorkday = "workday"

// The workday kind reads the API behind a Workday career site: POST
// /wday/cxs/{tenant}/{site}/jobs with a JSON query lists postings twenty
// at a time (the first answer alone gives the total), and GET
// /wday/cxs/{tenant}/{site}{externalPath} gives one posting.
var _ = register(Kind{
	Name:     KindWorkday,
	Doc:      "the Workday career site API: start_urls are https://TENANT.wdN.myworkdayjobs.com/wday/cxs/TENANT/SITE/jobs",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkWorkday,
	reader:   workdayReader{},
})

// checkWorkday asks for start URLs of the listing endpoint: a career
// page's own address (https://TENANT.wdN.myworkdayjobs.com/SITE) answers
// HTML, not postings.
func checkWorkday(s Source) error {
	if err := checkAPI(s); err != nil {
		return err
	}
	var errs []error
	for i, raw := range s.StartURLs {
		u, err := url.Parse(raw)
		if err != nil {
			continue // checkCommon says so
		}
		if p := strings.TrimSuffix(u.Path, "/"); !strings.Contains(p, "/wday/cxs/") || !strings.HasSuffix(p, "/jobs") {
			errs = append(errs, data.FieldErrorf(fmt.Sprintf("start_urls[%d]", i),
				"%q is not a Workday listing endpoint (https://TENANT.wdN.myworkdayjobs.com/wday/cxs/TENANT/SITE/jobs)", raw))
		}
	}
	return errors.Join(errs...)
}

// workdayPageSize is the limit Workday's own career pages ask for; the
// API refuses larger ones.
const workdayPageSize = 20

type workdayReader struct{}

// workdayQuery is the body a listing POST sends, as Workday's career
// pages send it.
type workdayQuery struct {
	AppliedFacets map[string]any `json:"appliedFacets"`
	Limit         int            `json:"limit"`
	Offset        int            `json:"offset"`
	SearchText    string         `json:"searchText"`
}

func workdayListing(u string, offset int) link {
	body, _ := json.Marshal(workdayQuery{AppliedFacets: map[string]any{}, Limit: workdayPageSize, Offset: offset})
	return link{url: u, role: roleListing, method: http.MethodPost, body: body, contentType: "application/json"}
}

func (workdayReader) start(src Source) []link {
	out := make([]link, len(src.StartURLs))
	for i, u := range src.StartURLs {
		out[i] = workdayListing(u, 0)
	}
	return out
}

func (workdayReader) read(p page) ([]data.RawRecord, []link) {
	if p.role == rolePosting {
		return []data.RawRecord{workdayPosting(p)}, nil
	}
	var asked workdayQuery
	if err := json.Unmarshal(p.sent, &asked); err != nil || p.method != http.MethodPost {
		return []data.RawRecord{reject(p, data.RejectCodeFetch, fmt.Sprintf("workday listing is not the answer to a POST of a query: %s %q", p.method, p.sent))}, nil
	}
	var list struct {
		Total       int                `json:"total"`
		JobPostings *[]json.RawMessage `json:"jobPostings"`
	}
	err := json.Unmarshal(p.body, &list)
	if err == nil && list.JobPostings == nil {
		err = fmt.Errorf("no \"jobPostings\" array")
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "workday", "a list of postings", err)}, nil
	}
	site := *p.url
	site.Path, site.RawPath = strings.TrimSuffix(strings.TrimSuffix(site.Path, "/"), "/jobs"), ""
	site.RawQuery, site.Fragment = "", ""
	var out []data.RawRecord
	var follow []link
	for i, raw := range *list.JobPostings {
		var entry struct {
			ExternalPath string `json:"externalPath"`
		}
		if err := json.Unmarshal(raw, &entry); err != nil || !strings.HasPrefix(entry.ExternalPath, "/") {
			out = append(out, jobReject(p, i, fmt.Sprintf("workday posting %d at offset %d has no externalPath", i+1, asked.Offset)))
			continue
		}
		// externalPath is a URL path, escaped ("/job/Berlin/Engineer_R1").
		posting, err := url.Parse(site.String() + entry.ExternalPath)
		if err != nil || posting.Host != site.Host || !strings.HasPrefix(posting.Path, site.Path+"/") {
			out = append(out, jobReject(p, i, fmt.Sprintf("workday posting %d at offset %d: externalPath %q is not a path under the site", i+1, asked.Offset, entry.ExternalPath)))
			continue
		}
		follow = append(follow, get(posting.String(), rolePosting))
	}
	// Workday gives the total on the first page only (later pages say 0),
	// so the first page asks for all the others.
	if asked.Offset == 0 {
		pages, limited := offsetPages(p, list.Total, asked.Limit, func(offset int) link { return workdayListing(p.url.String(), offset) })
		follow, out = append(follow, pages...), append(out, limited...)
	}
	return out, follow
}

// workdayPosting reads one posting's answer.
func workdayPosting(p page) data.RawRecord {
	var d struct {
		JobPostingInfo *struct {
			Title          string `json:"title"`
			JobDescription string `json:"jobDescription"` // HTML
			Location       string `json:"location"`
			PostedOn       string `json:"postedOn"`  // "Posted 3 Days Ago"
			StartDate      string `json:"startDate"` // 2026-08-05
			RemoteType     string `json:"remoteType"`
			JobReqID       string `json:"jobReqId"`
			ExternalURL    string `json:"externalUrl"`
			Country        struct {
				Descriptor string `json:"descriptor"`
			} `json:"country"`
		} `json:"jobPostingInfo"`
		HiringOrganization struct {
			Name string `json:"name"`
		} `json:"hiringOrganization"`
	}
	err := json.Unmarshal(p.body, &d)
	if err == nil && d.JobPostingInfo == nil {
		err = fmt.Errorf("no \"jobPostingInfo\"")
	}
	if err != nil {
		return wrongShape(p, data.RejectCodeBadJSON, "workday", "a posting", err)
	}
	j := d.JobPostingInfo
	r := newRecord(p, cmpOr(j.ExternalURL, p.url.String()))
	r.Title = cleanText(j.Title)
	r.Company = cleanText(d.HiringOrganization.Name)
	if r.Company == "" {
		r.Company = leverCompany(workdayTenant(p.url.Path))
	}
	r.Location = cleanText(j.Location)
	r.Country = cleanText(j.Country.Descriptor)
	if remote := strings.ToLower(j.RemoteType); strings.Contains(remote, "remote") && !strings.Contains(remote, "hybrid") {
		r.Remote = "remote"
	}
	// startDate is a date; postedOn is relative to the fetch ("Posted
	// Yesterday"), resolved by transform against the fetch time.
	r.PostedDate = cmpOr(j.StartDate, j.PostedOn)
	r.Description = htmlToText(j.JobDescription)
	if r.Title == "" {
		r.RejectReason, r.RejectCode = fmt.Sprintf("workday posting %s has no title", cmpOr(j.JobReqID, p.url.Path)), data.RejectCodeNoTitle
	}
	return r
}

// workdayTenant is the tenant of an API path, /wday/cxs/{tenant}/{site}/....
func workdayTenant(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i, part := range parts {
		if part == "cxs" && i+1 < len(parts) {
			return parts[i+1]
		}
	}
	return ""
}
