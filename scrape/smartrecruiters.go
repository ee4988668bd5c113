package scrape

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindSmartRecruiters reads SmartRecruiters' public posting API.
const KindSmartRecruiters = "smartrecruiters"

// The smartrecruiters kind reads SmartRecruiters' public posting API:
// GET /v1/companies/{company}/postings?offset=N&limit=M lists a company's
// postings a page at a time (totalFound says how many in all), and
// GET /v1/companies/{company}/postings/{id} gives one posting with its job
// ad. The listing's entries lack the ad, so every posting is fetched.
var _ = register(Kind{
	Name:     KindSmartRecruiters,
	Doc:      "the SmartRecruiters posting API: start_urls are https://api.smartrecruiters.com/v1/companies/COMPANY/postings",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   smartRecruitersReader{},
})

// smartRecruitersPageSize is the limit asked for: the API's largest.
const smartRecruitersPageSize = 100

type smartRecruitersReader struct{}

// start asks for the first page of each start URL, keeping the filters
// it gives (q, country, department, ...).
func (smartRecruitersReader) start(src Source) []link {
	out := make([]link, len(src.StartURLs))
	for i, u := range src.StartURLs {
		out[i] = get(withOffset(u, 0, smartRecruitersPageSize), roleListing)
	}
	return out
}

// withOffset sets the offset and limit query parameters of u; a URL that
// does not parse is returned as it is, for the crawler to reject.
func withOffset(u string, offset, limit int) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := parsed.Query()
	q.Set("offset", strconv.Itoa(offset))
	q.Set("limit", strconv.Itoa(limit))
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

func (smartRecruitersReader) read(p page) ([]data.RawRecord, []link) {
	if p.role == rolePosting {
		return []data.RawRecord{smartRecruitersPosting(p)}, nil
	}
	var list struct {
		Limit      int                `json:"limit"`
		TotalFound *int               `json:"totalFound"`
		Content    *[]json.RawMessage `json:"content"`
	}
	err := json.Unmarshal(p.body, &list)
	switch {
	case err != nil:
	case list.Content == nil:
		err = fmt.Errorf("no \"content\" array")
	case list.TotalFound == nil:
		err = fmt.Errorf("no \"totalFound\" beside its \"content\" (another API's answer?)")
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "smartrecruiters", "a list of postings", err)}, nil
	}
	var out []data.RawRecord
	var follow []link
	listURL := *p.url
	listURL.RawQuery, listURL.Fragment = "", ""
	for i, raw := range *list.Content {
		var entry struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(raw, &entry); err != nil || strings.TrimSpace(entry.ID) == "" {
			out = append(out, jobReject(p, i, fmt.Sprintf("smartrecruiters posting %d of the list has no id", i+1)))
			continue
		}
		follow = append(follow, get(listURL.JoinPath(url.PathEscape(entry.ID)).String(), rolePosting))
	}
	// The first page asks for all the others at once: a later page may
	// count differently while the board changes.
	if offset, _ := strconv.Atoi(p.url.Query().Get("offset")); offset == 0 {
		pages, limited := offsetPages(p, *list.TotalFound, list.Limit, func(offset int) link {
			return get(withOffset(p.url.String(), offset, list.Limit), roleListing)
		})
		follow, out = append(follow, pages...), append(out, limited...)
	}
	return out, follow
}

// smartRecruitersSection is one section of a job ad: a title and HTML.
type smartRecruitersSection struct {
	Text string `json:"text"`
}

// smartRecruitersPosting reads one posting's detail answer.
func smartRecruitersPosting(p page) data.RawRecord {
	var d struct {
		ID      *string `json:"id"`
		Name    string  `json:"name"`
		Company struct {
			Identifier string `json:"identifier"`
			Name       string `json:"name"`
		} `json:"company"`
		ReleasedDate string `json:"releasedDate"`
		Location     struct {
			City         string `json:"city"`
			Region       string `json:"region"`
			Country      string `json:"country"` // ISO 3166-1 alpha-2, lower case
			Remote       bool   `json:"remote"`
			FullLocation string `json:"fullLocation"`
		} `json:"location"`
		PostingURL string `json:"postingUrl"`
		JobAd      *struct {
			Sections struct {
				CompanyDescription    smartRecruitersSection `json:"companyDescription"`
				JobDescription        smartRecruitersSection `json:"jobDescription"`
				Qualifications        smartRecruitersSection `json:"qualifications"`
				AdditionalInformation smartRecruitersSection `json:"additionalInformation"`
			} `json:"sections"`
		} `json:"jobAd"`
		Compensation *struct {
			Min      *float64 `json:"min"`
			Max      *float64 `json:"max"`
			Currency string   `json:"currency"`
			Period   string   `json:"period"`
		} `json:"compensation"`
	}
	err := json.Unmarshal(p.body, &d)
	switch {
	case err != nil:
	case d.ID == nil:
		err = fmt.Errorf("no \"id\"")
	case d.JobAd == nil:
		err = fmt.Errorf("no \"jobAd\" (a list entry, or another API's answer?)")
	}
	if err != nil {
		return wrongShape(p, data.RejectCodeBadJSON, "smartrecruiters", "a posting", err)
	}
	r := newRecord(p, cmpOr(d.PostingURL, p.url.String()))
	r.Title = cleanText(d.Name)
	r.Company = cleanText(d.Company.Name)
	if r.Company == "" {
		r.Company = leverCompany(cmpOr(d.Company.Identifier, smartRecruitersCompany(p.url.Path)))
	}
	loc := d.Location
	r.Location = cleanText(loc.FullLocation)
	if r.Location == "" {
		r.Location = joinNonEmpty(", ", cleanText(loc.City), cleanText(loc.Region), strings.ToUpper(cleanText(loc.Country)))
	}
	r.Country = strings.ToUpper(cleanText(loc.Country))
	if loc.Remote {
		r.Remote = "remote"
	}
	r.PostedDate = d.ReleasedDate
	// The company description is left out: it tells of the employer
	// ("$5 billion raised"), not of the job's pay.
	s := d.JobAd.Sections
	r.Description = htmlToText(strings.Join([]string{s.JobDescription.Text, s.Qualifications.Text, s.AdditionalInformation.Text}, "<p>"))
	if c := d.Compensation; c != nil && (c.Min != nil || c.Max != nil) {
		r.PayMin, r.PayMax = orNaN(c.Min), orNaN(c.Max)
		r.PayCurrency, r.PayPeriod = c.Currency, c.Period
		r.PaySource = data.PaySourceEmployer
	}
	if r.Title == "" {
		r.RejectReason, r.RejectCode = fmt.Sprintf("smartrecruiters posting %s has no title", *d.ID), data.RejectCodeNoTitle
	}
	return r
}

// smartRecruitersCompany is the company segment of an API path,
// /v1/companies/{company}/postings/....
func smartRecruitersCompany(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i, part := range parts {
		if part == "companies" && i+1 < len(parts) {
			return parts[i+1]
		}
	}
	return ""
}
