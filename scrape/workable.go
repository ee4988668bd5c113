package scrape

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindWorkable reads the public widget API of a Workable account.
const KindWorkable = "workable"

// The workable kind reads the public widget API of a Workable account,
// GET /api/v1/widget/accounts/{account}?details=true: one answer names the
// account and lists every published job, with its description when
// details=true. The API does not page.
var _ = register(Kind{
	Name:     KindWorkable,
	Doc:      "the Workable widget API: start_urls are https://apply.workable.com/api/v1/widget/accounts/ACCOUNT?details=true",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   workableReader{},
})

type workableReader struct{}

func (workableReader) start(src Source) []link { return startURLs(src, roleAPI) }

type workableJob struct {
	Title          string `json:"title"`
	Shortcode      string `json:"shortcode"`
	Telecommuting  bool   `json:"telecommuting"`
	URL            string `json:"url"`
	Shortlink      string `json:"shortlink"`
	ApplicationURL string `json:"application_url"`
	PublishedOn    string `json:"published_on"`
	CreatedAt      string `json:"created_at"`
	City           string `json:"city"`
	State          string `json:"state"`
	Country        string `json:"country"` // a name
	Locations      []struct {
		City        string `json:"city"`
		Region      string `json:"region"`
		Country     string `json:"country"`
		CountryCode string `json:"countryCode"`
		Hidden      bool   `json:"hidden"`
	} `json:"locations"`
	Description     string `json:"description"` // HTML, with details=true
	FullDescription string `json:"full_description"`
	Requirements    string `json:"requirements"`
	Benefits        string `json:"benefits"`
}

func (workableReader) read(p page) ([]data.RawRecord, []link) {
	var account struct {
		Name *string            `json:"name"`
		Jobs *[]json.RawMessage `json:"jobs"`
	}
	err := json.Unmarshal(p.body, &account)
	switch {
	case err != nil:
	case account.Jobs == nil:
		err = fmt.Errorf("no \"jobs\" array")
	case account.Name == nil:
		err = fmt.Errorf("no account \"name\" beside its \"jobs\" (another API's answer?)")
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "workable", "an account's jobs", err)}, nil
	}
	company := cleanText(*account.Name)
	if company == "" {
		company = leverCompany(p.url.Path)
	}
	out := make([]data.RawRecord, 0, len(*account.Jobs))
	for i, raw := range *account.Jobs {
		var j workableJob
		if err := json.Unmarshal(raw, &j); err != nil {
			out = append(out, jobReject(p, i, fmt.Sprintf("workable job %d is not a posting: %v", i+1, err)))
			continue
		}
		r := newRecord(p, postingURL(p, cmpOr(j.URL, j.Shortlink, j.ApplicationURL), i))
		r.Title = cleanText(j.Title)
		r.Company = company
		r.Location, r.Country = workablePlace(j)
		if j.Telecommuting {
			r.Remote = "remote"
		}
		r.PostedDate = cmpOr(j.PublishedOn, j.CreatedAt)
		r.Description = htmlToText(j.FullDescription)
		if r.Description == "" {
			r.Description = htmlToText(strings.Join([]string{j.Description, j.Requirements, j.Benefits}, "<p>"))
		}
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("workable job %d (shortcode %q) has no title", i+1, j.Shortcode), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
}

// workablePlace is the job's city, region and country as text, and its
// country: the first shown location's code, else the country name.
func workablePlace(j workableJob) (place, country string) {
	city, region, name := j.City, j.State, j.Country
	for _, l := range j.Locations {
		if l.Hidden {
			continue
		}
		if city == "" && region == "" {
			city, region = l.City, l.Region
		}
		name = cmpOr(name, l.Country)
		country = strings.ToUpper(l.CountryCode)
		break
	}
	return joinNonEmpty(", ", cleanText(city), cleanText(region), cleanText(name)), cleanText(cmpOr(country, name))
}
