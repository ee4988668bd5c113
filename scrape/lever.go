package scrape

import (
	"encoding/json"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// The lever kind reads Lever's public postings API,
// GET /v0/postings/{company}?mode=json: one response lists every open
// posting of one company, or, when the start URL sets limit, a page of
// them, the next asked with skip. Pay is salaryRange, else the salary
// description's text; the description is the posting's body, its lists
// (each under its heading) and its closing text. The API names no
// employer, so the company is the URL's slug title-cased.
var _ = register(Kind{
	Name:     KindLever,
	Doc:      "the Lever postings API: start_urls are https://api.lever.co/v0/postings/COMPANY?mode=json",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   leverReader{},
})

type leverReader struct{}

func (leverReader) start(src Source) []link { return startURLs(src, roleAPI) }

// leverPosting holds the fields of a Lever posting that we use.
type leverPosting struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	Categories struct {
		Location string `json:"location"`
	} `json:"categories"`
	Country                string  `json:"country"`
	WorkplaceType          string  `json:"workplaceType"`
	CreatedAt              float64 `json:"createdAt"`
	DescriptionPlain       string  `json:"descriptionPlain"`
	OpeningPlain           string  `json:"openingPlain"`
	DescriptionBodyPlain   string  `json:"descriptionBodyPlain"`
	AdditionalPlain        string  `json:"additionalPlain"`
	SalaryDescription      string  `json:"salaryDescription"` // HTML
	SalaryDescriptionPlain string  `json:"salaryDescriptionPlain"`
	HostedURL              string  `json:"hostedUrl"`
	Lists                  []struct {
		Text    string `json:"text"`
		Content string `json:"content"` // HTML, usually <li> items
	} `json:"lists"`
	SalaryRange *struct {
		Min      *float64 `json:"min"`
		Max      *float64 `json:"max"`
		Currency string   `json:"currency"`
		Interval string   `json:"interval"`
	} `json:"salaryRange"`
}

func (leverReader) read(p page) ([]data.RawRecord, []link) {
	var postings []leverPosting
	if err := json.Unmarshal(p.body, &postings); err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, fmt.Sprintf("lever response is not a postings array: %v", err))}, nil
	}
	company := leverCompany(p.url.Path)
	out := make([]data.RawRecord, 0, len(postings))
	for i, lp := range postings {
		r := newRecord(p, postingURL(p, lp.HostedURL, i))
		r.Title = cleanText(lp.Text)
		r.Company = company
		r.Location = cleanText(lp.Categories.Location)
		r.Country = lp.Country
		if strings.EqualFold(lp.WorkplaceType, "remote") {
			r.Remote = lp.WorkplaceType
		}
		if lp.CreatedAt > 0 {
			r.PostedDate = strconv.FormatInt(int64(lp.CreatedAt), 10)
		}
		r.Description = leverDescription(lp)
		salaryText := cmpOr(cleanText(lp.SalaryDescriptionPlain), htmlToText(lp.SalaryDescription))
		if sr := lp.SalaryRange; sr != nil {
			r.PayMin, r.PayMax = orNaN(sr.Min), orNaN(sr.Max)
			r.PayCurrency, r.PayPeriod = sr.Currency, sr.Interval
			r.PaySource = data.PaySourceEmployer
		}
		if salaryText != "" {
			r.PayText = salaryText
			r.PaySource = data.PaySourceEmployer
		}
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("lever posting %d (id %q) has no title", i+1, lp.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, leverNext(p, len(postings))
}

// leverNext is the next page of a start URL that pages with limit (and
// skip): a full page may have more after it. Without limit the API
// answers every posting at once.
func leverNext(p page, got int) []link {
	q := p.url.Query()
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit < 1 || got < limit {
		return nil
	}
	skip, _ := strconv.Atoi(q.Get("skip"))
	q.Set("skip", strconv.Itoa(max(skip, 0)+got))
	next := *p.url
	next.RawQuery = q.Encode()
	return []link{get(next.String(), roleAPI)}
}

// leverDescription is a posting's whole text: the description (or its
// opening and body, as newer postings split it), then each list under its
// heading, then the closing text. Lists hold most requirements and often
// the pay line.
func leverDescription(lp leverPosting) string {
	parts := []string{cmpOr(cleanText(lp.DescriptionPlain), joinNonEmpty(" ", cleanText(lp.OpeningPlain), cleanText(lp.DescriptionBodyPlain)))}
	for _, l := range lp.Lists {
		parts = append(parts, joinNonEmpty(": ", cleanText(l.Text), htmlToText(l.Content)))
	}
	parts = append(parts, cleanText(lp.AdditionalPlain))
	return joinNonEmpty(" ", parts...)
}

// leverCompany names the company from the API path, /v0/postings/acme-cloud
// → "Acme Cloud", since Lever's postings carry no company name.
func leverCompany(p string) string {
	words := strings.Fields(strings.ReplaceAll(path.Base(p), "-", " "))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}
