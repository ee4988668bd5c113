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
// posting of one company.
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
	Country          string  `json:"country"`
	WorkplaceType    string  `json:"workplaceType"`
	CreatedAt        float64 `json:"createdAt"`
	DescriptionPlain string  `json:"descriptionPlain"`
	HostedURL        string  `json:"hostedUrl"`
	SalaryRange      *struct {
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
		u := lp.HostedURL
		if u == "" {
			u = p.url.String() + "#" + strconv.Itoa(i+1)
		}
		r := newRecord(p, u)
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
		r.Description = cleanText(lp.DescriptionPlain)
		if sr := lp.SalaryRange; sr != nil {
			r.PayMin, r.PayMax = orNaN(sr.Min), orNaN(sr.Max)
			r.PayCurrency, r.PayPeriod = sr.Currency, sr.Interval
			r.PaySource = data.PaySourceEmployer
		}
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("lever posting %d (id %q) has no title", i+1, lp.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
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
