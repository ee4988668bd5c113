package scrape

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// The greenhouse kind reads Greenhouse's public job board API,
// GET /v1/boards/{token}/jobs?content=true: one response lists every open
// posting of one board, descriptions included.
var _ = register(Kind{
	Name:     KindGreenhouse,
	Doc:      "the Greenhouse job board API: start_urls are https://boards-api.greenhouse.io/v1/boards/TOKEN/jobs?content=true",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   greenhouseReader{},
})

type greenhouseReader struct{}

func (greenhouseReader) start(src Source) []link { return startURLs(src, roleAPI) }

// greenhouseJob holds the fields of a Greenhouse job that we use. Pay is
// rarely structured: boards that publish pay ranges put them in
// pay_input_ranges (in cents) or a custom metadata field; most write it in
// the description, where the transform stage finds it.
type greenhouseJob struct {
	ID             json.Number `json:"id"`
	Title          string      `json:"title"`
	CompanyName    string      `json:"company_name"`
	UpdatedAt      string      `json:"updated_at"`
	FirstPublished string      `json:"first_published"`
	AbsoluteURL    string      `json:"absolute_url"`
	Location       struct {
		Name string `json:"name"`
	} `json:"location"`
	Content  string `json:"content"` // HTML, itself HTML-escaped
	Metadata []struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	} `json:"metadata"`
	PayInputRanges []struct {
		MinCents     *float64 `json:"min_cents"`
		MaxCents     *float64 `json:"max_cents"`
		CurrencyType string   `json:"currency_type"`
	} `json:"pay_input_ranges"`
}

func (greenhouseReader) read(p page) ([]data.RawRecord, []link) {
	var board struct {
		Jobs *[]greenhouseJob `json:"jobs"`
	}
	if err := json.Unmarshal(p.body, &board); err != nil || board.Jobs == nil {
		if err == nil {
			err = fmt.Errorf("no \"jobs\" array")
		}
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, fmt.Sprintf("greenhouse response is not a job board: %v", err))}, nil
	}
	company := greenhouseCompany(p.url.Path)
	out := make([]data.RawRecord, 0, len(*board.Jobs))
	for i, j := range *board.Jobs {
		u := j.AbsoluteURL
		if u == "" {
			u = p.url.String() + "#" + strconv.Itoa(i+1)
		}
		r := newRecord(p, u)
		r.Title = cleanText(j.Title)
		r.Company = cleanText(j.CompanyName)
		if r.Company == "" {
			r.Company = company
		}
		r.Location = cleanText(j.Location.Name)
		r.PostedDate = j.FirstPublished
		if r.PostedDate == "" {
			r.PostedDate = j.UpdatedAt
		}
		// content arrives escaped once more than HTML needs ("&lt;p&gt;").
		r.Description = htmlToText(html.UnescapeString(j.Content))
		if len(j.PayInputRanges) > 0 {
			pr := j.PayInputRanges[0]
			r.PayMin, r.PayMax = cents(pr.MinCents), cents(pr.MaxCents)
			r.PayCurrency = pr.CurrencyType
			r.PaySource = data.PaySourceEmployer
		} else if pay := greenhousePayField(j); pay != "" {
			r.PayText = pay
			r.PaySource = data.PaySourceEmployer
		}
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("greenhouse job %d (id %s) has no title", i+1, j.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
}

// greenhousePayField finds a custom field that holds pay, which boards
// name as they like ("Salary Range", "Compensation").
func greenhousePayField(j greenhouseJob) string {
	for _, m := range j.Metadata {
		name := strings.ToLower(m.Name)
		if strings.Contains(name, "salary") || strings.Contains(name, "compensation") || strings.Contains(name, "pay") {
			if s := cleanText(str(m.Value)); s != "" {
				return s
			}
		}
	}
	return ""
}

// greenhouseCompany names the company from the board token,
// /v1/boards/acme-cloud/jobs → "Acme Cloud", for responses without
// company_name.
func greenhouseCompany(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i, part := range parts {
		if part == "boards" && i+1 < len(parts) {
			return leverCompany(parts[i+1])
		}
	}
	return ""
}

func cents(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v / 100
}
