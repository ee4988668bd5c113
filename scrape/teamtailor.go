package scrape

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindTeamtailor names the kind that reads a Teamtailor career site's
// public JSON feed.
const KindTeamtailor = "teamtailor"

// The teamtailor kind reads the JSON Feed (version 1.1) a Teamtailor
// career site serves without a token at https://COMPANY.teamtailor.com/jobs.json
// (or at /jobs.json of the company's own careers domain). Each item
// carries the posting as schema.org JobPosting under "_jobposting", which
// is read as JSON-LD is: pay from baseSalary, place from jobLocation,
// remote from jobLocationType, the employer from hiringOrganization. A
// feed split over pages names the next in "next_url", which is followed.
// (Teamtailor's JSON:API at api.teamtailor.com needs a company's API key,
// so it is not what a public board serves.)
var _ = register(Kind{
	Name:     KindTeamtailor,
	Doc:      "a Teamtailor career site's JSON feed: start_urls are https://COMPANY.teamtailor.com/jobs.json",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   teamtailorReader{},
})

type teamtailorReader struct{}

func (teamtailorReader) start(src Source) []link { return startURLs(src, roleAPI) }

// teamtailorItem holds the fields of a JSON Feed item that we use.
type teamtailorItem struct {
	ID            string         `json:"id"`
	URL           string         `json:"url"`
	Title         string         `json:"title"`
	ContentHTML   string         `json:"content_html"`
	ContentText   string         `json:"content_text"`
	DatePublished string         `json:"date_published"`
	JobPosting    map[string]any `json:"_jobposting"`
}

func (teamtailorReader) read(p page) ([]data.RawRecord, []link) {
	var feed struct {
		Version string            `json:"version"`
		Title   string            `json:"title"`
		NextURL string            `json:"next_url"`
		Items   *[]teamtailorItem `json:"items"`
	}
	err := json.Unmarshal(p.body, &feed)
	switch {
	case err != nil:
	case feed.Items == nil:
		err = errors.New(`no "items" array`)
	case !strings.HasPrefix(feed.Version, "https://jsonfeed.org/version/"):
		err = fmt.Errorf("version %q is not a JSON Feed version", feed.Version)
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "teamtailor", "a JSON Feed of jobs", err)}, nil
	}
	company := hostCompany(p.url, ".teamtailor.com")
	out := make([]data.RawRecord, 0, len(*feed.Items))
	for i, it := range *feed.Items {
		u := postingURL(p, it.URL, i)
		r := newRecord(p, u)
		if it.JobPosting != nil {
			// The item's posting stands alone: references resolve within it.
			g := graph{}
			g.index(it.JobPosting)
			r = g.jobPostingRecord(p, u, it.JobPosting)
		}
		r.Title = cmpOr(r.Title, cleanText(it.Title))
		r.Company = cmpOr(r.Company, company)
		r.PostedDate = cmpOr(r.PostedDate, it.DatePublished)
		r.Description = cmpOr(r.Description, htmlToText(it.ContentHTML), cleanText(it.ContentText))
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("teamtailor item %d (id %q) has no title", i+1, it.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	var follow []link
	if feed.NextURL != "" {
		if next, err := p.url.Parse(feed.NextURL); err == nil && next.String() != p.url.String() {
			follow = append(follow, get(next.String(), roleAPI))
		}
	}
	return out, follow
}
