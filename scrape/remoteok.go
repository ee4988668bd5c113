package scrape

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// KindRemoteOK names the kind that reads the Remote OK jobs API.
const KindRemoteOK = "remoteok"

// The remoteok kind reads GET https://remoteok.com/api (?tag=python
// narrows it): a JSON array whose first element is the API's legal notice
// and the rest postings, every one remote. Pay is salary_min and
// salary_max in US dollars a year, where 0 means not stated. The API does
// not page.
var _ = register(Kind{
	Name:     KindRemoteOK,
	Doc:      "the Remote OK jobs API: start_urls are https://remoteok.com/api (optionally ?tag=TAG)",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   remoteOKReader{},
})

type remoteOKReader struct{}

func (remoteOKReader) start(src Source) []link { return startURLs(src, roleAPI) }

// remoteOKPosting holds the fields of a Remote OK element that we use;
// Legal is set only on the notice.
type remoteOKPosting struct {
	Legal       *string     `json:"legal"`
	ID          json.Number `json:"id"`
	Epoch       json.Number `json:"epoch"`
	Date        string      `json:"date"`
	Company     string      `json:"company"`
	Position    string      `json:"position"`
	Description string      `json:"description"` // HTML
	Location    string      `json:"location"`
	SalaryMin   *amount     `json:"salary_min"`
	SalaryMax   *amount     `json:"salary_max"`
	URL         string      `json:"url"`
}

func (remoteOKReader) read(p page) ([]data.RawRecord, []link) {
	var all []remoteOKPosting
	if err := json.Unmarshal(p.body, &all); err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "remoteok", "an array of postings", err)}, nil
	}
	if !remoteOKShaped(all) {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "remoteok", "an array of postings",
			fmt.Errorf("none of its %d elements is a legal notice or has a position", len(all)))}, nil
	}
	out := make([]data.RawRecord, 0, len(all))
	for i, jp := range all {
		if jp.Legal != nil && jp.Position == "" {
			continue // the legal notice: no posting, no reject
		}
		r := newRecord(p, postingURL(p, jp.URL, i))
		r.Title = cleanText(jp.Position)
		r.Company = cleanText(jp.Company)
		r.Location = cleanText(jp.Location)
		r.Remote = "remote"
		r.PostedDate = apiDate(jp.Date, time.RFC3339)
		if r.PostedDate == "" {
			if secs, err := jp.Epoch.Int64(); err == nil && secs > 0 {
				r.PostedDate = strconv.FormatInt(secs*1000, 10)
			}
		}
		r.Description = htmlToText(jp.Description)
		lo, hi := remoteOKPay(jp.SalaryMin), remoteOKPay(jp.SalaryMax)
		if !math.IsNaN(lo) || !math.IsNaN(hi) {
			r.PayMin, r.PayMax, r.PayCurrency, r.PayPeriod = lo, hi, "USD", "year"
			r.PaySource = data.PaySourceEmployer
		}
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("remoteok element %d (id %s) has no position", i+1, jp.ID), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
}

// remoteOKPay reads a salary bound, where 0 (or less) means none.
func remoteOKPay(a *amount) float64 {
	if v := orNaNAmount(a); v > 0 {
		return v
	}
	return math.NaN()
}

// remoteOKShaped tells Remote OK's array from another API's: an empty
// array, or one holding the legal notice or a position, is Remote OK's.
func remoteOKShaped(all []remoteOKPosting) bool {
	for _, jp := range all {
		if jp.Legal != nil || jp.Position != "" {
			return true
		}
	}
	return len(all) == 0
}
