package scrape

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindRecruitee names the kind that reads a Recruitee careers site's
// public offers API.
const KindRecruitee = "recruitee"

// The recruitee kind reads GET https://COMPANY.recruitee.com/api/offers/:
// one response lists every published offer of one company, with its
// salary as an object and dates written "2026-08-05 10:10:39 UTC". The
// API does not page.
var _ = register(Kind{
	Name:     KindRecruitee,
	Doc:      "the Recruitee careers site API: start_urls are https://COMPANY.recruitee.com/api/offers/",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   recruiteeReader{},
})

type recruiteeReader struct{}

func (recruiteeReader) start(src Source) []link { return startURLs(src, roleAPI) }

// recruiteeDate is how the offers API writes dates.
const recruiteeDate = "2006-01-02 15:04:05 MST"

// recruiteeOffer holds the fields of a Recruitee offer that we use.
type recruiteeOffer struct {
	ID           json.Number `json:"id"`
	Title        string      `json:"title"`
	CompanyName  string      `json:"company_name"`
	Location     string      `json:"location"`
	City         string      `json:"city"`
	Country      string      `json:"country"`
	CountryCode  string      `json:"country_code"`
	Remote       bool        `json:"remote"`
	PublishedAt  string      `json:"published_at"`
	CreatedAt    string      `json:"created_at"`
	Description  string      `json:"description"`  // HTML
	Requirements string      `json:"requirements"` // HTML
	CareersURL   string      `json:"careers_url"`
	// Locations, in newer answers, lists every place of the offer; the
	// first stands in when the flat fields are empty.
	Locations []struct {
		Name        string `json:"name"`
		City        string `json:"city"`
		Country     string `json:"country"`
		CountryCode string `json:"country_code"`
	} `json:"locations"`
	Salary *struct {
		Min      *amount `json:"min"`
		Max      *amount `json:"max"`
		Currency string  `json:"currency"`
		Period   string  `json:"period"`
	} `json:"salary"`
}

func (recruiteeReader) read(p page) ([]data.RawRecord, []link) {
	var answer struct {
		Offers *[]recruiteeOffer `json:"offers"`
	}
	err := json.Unmarshal(p.body, &answer)
	if err == nil && answer.Offers == nil {
		err = errors.New(`no "offers" array`)
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "recruitee", "an offers list", err)}, nil
	}
	company := hostCompany(p.url, ".recruitee.com")
	out := make([]data.RawRecord, 0, len(*answer.Offers))
	for i, o := range *answer.Offers {
		r := newRecord(p, postingURL(p, o.CareersURL, i))
		r.Title = cleanText(o.Title)
		r.Company = cmpOr(cleanText(o.CompanyName), company)
		city, country, code := o.City, o.Country, o.CountryCode
		if len(o.Locations) > 0 && city+country+code == "" {
			l := o.Locations[0]
			city, country, code = cmpOr(l.City, l.Name), l.Country, l.CountryCode
		}
		r.Location = cleanText(o.Location)
		if r.Location == "" {
			r.Location = joinNonEmpty(", ", cleanText(city), cleanText(country))
		}
		r.Country = cmpOr(strings.TrimSpace(code), cleanText(country))
		if o.Remote {
			r.Remote = "remote"
		}
		r.PostedDate = apiDate(cmpOr(o.PublishedAt, o.CreatedAt), recruiteeDate, "2006-01-02T15:04:05Z07:00")
		r.Description = joinNonEmpty(" ", htmlToText(o.Description), htmlToText(o.Requirements))
		if s := o.Salary; s != nil && (!math.IsNaN(orNaNAmount(s.Min)) || !math.IsNaN(orNaNAmount(s.Max))) {
			r.PayMin, r.PayMax = orNaNAmount(s.Min), orNaNAmount(s.Max)
			r.PayCurrency, r.PayPeriod = strings.TrimSpace(s.Currency), strings.TrimSpace(s.Period)
			r.PaySource = data.PaySourceEmployer
		}
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("recruitee offer %d (id %s) has no title", i+1, o.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
}
