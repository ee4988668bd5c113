package main

import (
	"bytes"
	"slices"
	"strings"
)

// api.lever.example: Lever's public postings API, one JSON array per
// company at v0/postings/<slug>.

// leverPosting is one element of a Lever postings response, fields in
// Lever's order.
type leverPosting struct {
	ID               string          `json:"id"`
	Text             string          `json:"text"`
	Categories       leverCategories `json:"categories"`
	Country          string          `json:"country"`
	WorkplaceType    string          `json:"workplaceType"`
	CreatedAt        int64           `json:"createdAt"` // Unix milliseconds
	DescriptionPlain string          `json:"descriptionPlain"`
	Description      string          `json:"description"`
	Lists            []struct{}      `json:"lists"`
	AdditionalPlain  string          `json:"additionalPlain"`
	Additional       string          `json:"additional"`
	HostedURL        string          `json:"hostedUrl"`
	ApplyURL         string          `json:"applyUrl"`
	SalaryRange      *leverSalary    `json:"salaryRange,omitempty"`
}

type leverCategories struct {
	Commitment string `json:"commitment"`
	Department string `json:"department"`
	Location   string `json:"location"`
	Team       string `json:"team"`
}

type leverSalary struct {
	Min      int64  `json:"min"`
	Max      int64  `json:"max"`
	Currency string `json:"currency"`
	Interval string `json:"interval"`
}

// leverIntervals names each period as Lever's salaryRange.interval does.
var leverIntervals = map[string]string{
	"YEAR": "per-year-salary", "MONTH": "per-month-salary", "WEEK": "per-week-salary",
	"DAY": "per-day-wage", "HOUR": "per-hour-wage", periodOneTime: "one-time",
}

func renderLever(t tree, postings []*posting) {
	host := boardLever.host() + "/"
	t.add(host+"robots.txt", []byte(robotsAllowAll))
	byCompany := make(map[*company][]leverPosting)
	var companies []*company
	for _, p := range newestFirst(postings, boardLever, func(p *posting) string { return p.leverID }) {
		if _, seen := byCompany[p.company]; !seen {
			companies = append(companies, p.company)
		}
		byCompany[p.company] = append(byCompany[p.company], leverElement(p))
	}
	slices.SortFunc(companies, func(a, b *company) int { return strings.Compare(a.slug(), b.slug()) })
	var index bytes.Buffer
	for _, c := range companies {
		t.add(host+"v0/postings/"+c.slug(), append(marshal(byCompany[c]), '\n'))
		index.WriteString(c.slug() + "\n")
	}
	t.add(host+"v0/postings/index.txt", index.Bytes())
}

func leverElement(p *posting) leverPosting {
	sr := styleRand(p, boardLever)
	hosted := "https://jobs.lever.example/" + p.company.slug() + "/" + p.leverID
	lp := leverPosting{
		ID:   p.leverID,
		Text: p.title,
		Categories: leverCategories{
			Commitment: "Full-time",
			Department: "Engineering",
			Location:   leverLocation(p),
			Team:       "Engineering",
		},
		Country:          p.country.code,
		WorkplaceType:    "onsite",
		CreatedAt:        p.date.UnixMilli(),
		DescriptionPlain: p.plainDescription(),
		Description:      descriptionHTML(p.paragraphs),
		Lists:            []struct{}{},
		HostedURL:        hosted,
		ApplyURL:         hosted + "/apply",
	}
	if _, team, ok := strings.Cut(p.title, ", "); ok {
		lp.Categories.Team = team
	}
	switch {
	case p.remote:
		lp.WorkplaceType = "remote"
	case sr.Float64() < 0.3:
		lp.WorkplaceType = "hybrid"
	}
	if p.pay != nil {
		lp.SalaryRange = &leverSalary{p.pay.min, p.pay.max, p.pay.currency, leverIntervals[p.pay.period]}
		if p.pay.period == "HOUR" || p.pay.period == "DAY" {
			lp.Categories.Commitment = "Contract"
		}
	}
	return lp
}

// leverLocation is categories.location: "Toronto, ON", "Berlin, Germany",
// or "Remote - Canada".
func leverLocation(p *posting) string {
	switch {
	case p.remote:
		return "Remote - " + p.country.name
	case p.city.state != "":
		return p.city.name + ", " + p.city.state
	case p.city.name == p.country.name:
		return p.city.name // Singapore
	}
	return p.city.name + ", " + p.country.name
}
