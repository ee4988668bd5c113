package scrape

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindAshby reads Ashby's public job posting API.
const KindAshby = "ashby"

// The ashby kind reads Ashby's public job posting API,
// GET /posting-api/job-board/{board}?includeCompensation=true: one
// response lists every published posting of one board, with structured
// pay when the board publishes it. The API does not page.
var _ = register(Kind{
	Name:     KindAshby,
	Doc:      "the Ashby job posting API: start_urls are https://api.ashbyhq.com/posting-api/job-board/ORG?includeCompensation=true",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   ashbyReader{},
})

type ashbyReader struct{}

func (ashbyReader) start(src Source) []link { return startURLs(src, roleAPI) }

// ashbyAddress is a schema.org PostalAddress as Ashby writes it;
// addressCountry is a name ("United States", "USA"), not a code.
type ashbyAddress struct {
	AddressLocality string `json:"addressLocality"`
	AddressRegion   string `json:"addressRegion"`
	AddressCountry  string `json:"addressCountry"`
}

// ashbyComponent is one part of a compensation tier: a salary, an equity
// share, a bonus or a commission.
type ashbyComponent struct {
	CompensationType string   `json:"compensationType"` // Salary, EquityPercentage, EquityCashValue, Bonus, Commission
	Interval         string   `json:"interval"`         // "1 YEAR", "1 HOUR", "NONE"
	CurrencyCode     string   `json:"currencyCode"`
	MinValue         *float64 `json:"minValue"`
	MaxValue         *float64 `json:"maxValue"`
}

type ashbyJob struct {
	ID                 string `json:"id"`
	Title              string `json:"title"`
	Location           string `json:"location"`
	SecondaryLocations []struct {
		Location string `json:"location"`
	} `json:"secondaryLocations"`
	Address struct {
		PostalAddress ashbyAddress `json:"postalAddress"`
	} `json:"address"`
	IsRemote         bool   `json:"isRemote"`
	WorkplaceType    string `json:"workplaceType"` // OnSite, Hybrid, Remote
	PublishedAt      string `json:"publishedAt"`
	JobURL           string `json:"jobUrl"`
	ApplyURL         string `json:"applyUrl"`
	DescriptionPlain string `json:"descriptionPlain"`
	DescriptionHTML  string `json:"descriptionHtml"`
	Compensation     *struct {
		CompensationTierSummary             string           `json:"compensationTierSummary"`
		ScrapeableCompensationSalarySummary string           `json:"scrapeableCompensationSalarySummary"`
		SummaryComponents                   []ashbyComponent `json:"summaryComponents"`
		CompensationTiers                   []struct {
			Title      string           `json:"title"`
			Components []ashbyComponent `json:"components"`
		} `json:"compensationTiers"`
	} `json:"compensation"`
}

func (ashbyReader) read(p page) ([]data.RawRecord, []link) {
	var board struct {
		APIVersion *json.RawMessage   `json:"apiVersion"`
		Jobs       *[]json.RawMessage `json:"jobs"`
	}
	err := json.Unmarshal(p.body, &board)
	switch {
	case err != nil:
	case board.Jobs == nil:
		err = fmt.Errorf("no \"jobs\" array")
	case board.APIVersion == nil:
		err = fmt.Errorf("no \"apiVersion\" beside its \"jobs\" (another API's answer?)")
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "ashby", "a job board", err)}, nil
	}
	company := leverCompany(p.url.Path)
	out := make([]data.RawRecord, 0, len(*board.Jobs))
	for i, raw := range *board.Jobs {
		var j ashbyJob
		if err := json.Unmarshal(raw, &j); err != nil {
			out = append(out, jobReject(p, i, fmt.Sprintf("ashby job %d is not a posting: %v", i+1, err)))
			continue
		}
		r := newRecord(p, postingURL(p, j.JobURL, i))
		r.Title = cleanText(j.Title)
		r.Company = company
		r.Location = cleanText(j.Location)
		r.Country = cleanText(j.Address.PostalAddress.AddressCountry)
		if strings.EqualFold(j.WorkplaceType, "remote") || j.WorkplaceType == "" && j.IsRemote {
			r.Remote = "remote"
		}
		r.PostedDate = j.PublishedAt
		r.Description = cleanText(j.DescriptionPlain)
		if r.Description == "" {
			r.Description = htmlToText(j.DescriptionHTML)
		}
		ashbyPay(&r, j)
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("ashby job %d (id %q) has no title", i+1, j.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
}

// ashbyPay reads the salary of a job: the summary's Salary component (the
// range over every tier), else the tiers' Salary components joined when
// they agree on currency and interval (else the first tier's), else the
// summary text. Equity, bonus and commission are not pay here.
func ashbyPay(r *data.RawRecord, j ashbyJob) {
	c := j.Compensation
	if c == nil {
		return
	}
	salary, ok := ashbySalary(c.SummaryComponents)
	if !ok {
		for _, tier := range c.CompensationTiers {
			s, found := ashbySalary(tier.Components)
			switch {
			case !found:
			case !ok:
				salary, ok = s, true
			case s.CurrencyCode == salary.CurrencyCode && s.Interval == salary.Interval:
				salary.MinValue = ptrMin(salary.MinValue, s.MinValue)
				salary.MaxValue = ptrMax(salary.MaxValue, s.MaxValue)
			}
		}
	}
	if ok {
		r.PayMin, r.PayMax = orNaN(salary.MinValue), orNaN(salary.MaxValue)
		r.PayCurrency, r.PayPeriod = salary.CurrencyCode, ashbyPeriod(salary.Interval)
		r.PaySource = data.PaySourceEmployer
		return
	}
	for _, text := range []string{c.ScrapeableCompensationSalarySummary, c.CompensationTierSummary} {
		if text = cleanText(text); text != "" {
			r.PayText, r.PaySource = text, data.PaySourceEmployer
			return
		}
	}
}

// ashbySalary finds the Salary component among cs.
func ashbySalary(cs []ashbyComponent) (ashbyComponent, bool) {
	for _, c := range cs {
		if strings.EqualFold(c.CompensationType, "salary") && (c.MinValue != nil || c.MaxValue != nil) {
			return c, true
		}
	}
	return ashbyComponent{}, false
}

// ashbyPeriod turns Ashby's interval ("1 YEAR", "1 HOUR") into the period
// name ("YEAR", "HOUR"); "NONE" is no period, and a count other than one
// ("2 WEEK") is kept as given, a period that cannot be annualized.
func ashbyPeriod(interval string) string {
	interval = strings.TrimSpace(interval)
	if strings.EqualFold(interval, "none") {
		return ""
	}
	if n, unit, ok := strings.Cut(interval, " "); ok && n == "1" {
		return strings.TrimSpace(unit)
	}
	return interval
}

func ptrMin(a, b *float64) *float64 {
	if a == nil || b != nil && *b < *a {
		return b
	}
	return a
}

func ptrMax(a, b *float64) *float64 {
	if a == nil || b != nil && *b > *a {
		return b
	}
	return a
}
