package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// cloudjobs.example: an HTML board whose posting pages carry schema.org
// JobPosting JSON-LD.
const cloudPerPage = 50

// schema.org types, with fields in the order boards usually write them.
type (
	jobPosting struct {
		Context            string             `json:"@context,omitempty"`
		Type               string             `json:"@type"`
		Title              string             `json:"title"`
		Description        string             `json:"description"`
		DatePosted         string             `json:"datePosted"`
		EmploymentType     string             `json:"employmentType"`
		HiringOrganization organization       `json:"hiringOrganization"`
		JobLocation        *jobPlace          `json:"jobLocation,omitempty"`
		JobLocationType    string             `json:"jobLocationType,omitempty"`
		ApplicantLocation  *applicantLocation `json:"applicantLocationRequirements,omitempty"`
		BaseSalary         *monetaryAmount    `json:"baseSalary,omitempty"`
	}
	organization struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	jobPlace struct {
		Type    string        `json:"@type"`
		Address postalAddress `json:"address"`
	}
	postalAddress struct {
		Type     string `json:"@type"`
		Locality string `json:"addressLocality"`
		Region   string `json:"addressRegion,omitempty"`
		Country  string `json:"addressCountry"`
	}
	applicantLocation struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	monetaryAmount struct {
		Type     string            `json:"@type"`
		Currency string            `json:"currency"`
		Value    quantitativeValue `json:"value"`
	}
	// quantitativeValue holds numbers as int64, or as strings like
	// "120,000" on some pages.
	quantitativeValue struct {
		Type     string `json:"@type"`
		Value    any    `json:"value,omitempty"`
		MinValue any    `json:"minValue,omitempty"`
		MaxValue any    `json:"maxValue,omitempty"`
		UnitText string `json:"unitText"`
	}
	graph struct {
		Context string `json:"@context"`
		Graph   []any  `json:"@graph"`
	}
	webPage struct {
		Type string `json:"@type"`
		ID   string `json:"@id"`
		Name string `json:"name"`
	}
)

func renderCloud(t tree, postings []*posting) {
	host := boardCloud.host() + "/"
	t.add(host+"robots.txt", []byte("User-agent: *\nDisallow: /admin/\n"))
	listed := newestFirst(postings, boardCloud, func(p *posting) string { return strconv.Itoa(p.cloudID) })
	pages := (len(listed) + cloudPerPage - 1) / cloudPerPage
	for page := 1; page <= pages; page++ {
		var b strings.Builder
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Cloud jobs, page %d | CloudJobs</title></head>\n<body>\n<h1>Cloud jobs</h1>\n<ul class=\"jobs\">\n", page)
		for i, p := range listed[(page-1)*cloudPerPage : min(page*cloudPerPage, len(listed))] {
			if page == 1 && i == 10 {
				// Disallowed by robots.txt; no such page exists.
				b.WriteString("<li><a class=\"job-link\" href=\"/admin/p/hidden.html\">Staff-only posting</a> — CloudJobs</li>\n")
			}
			fmt.Fprintf(&b, "<li><a class=\"job-link\" href=\"p/%d.html\">%s</a> — %s</li>\n", p.cloudID, esc(p.title), esc(p.company.name))
		}
		b.WriteString("</ul>\n")
		if page < pages {
			fmt.Fprintf(&b, "<nav><a rel=\"next\" href=\"page-%d.html\">Next</a></nav>\n", page+1)
		}
		b.WriteString("</body>\n</html>\n")
		t.add(host+"jobs/"+listingFile(page), []byte(b.String()))
	}
	for _, p := range listed {
		t.add(fmt.Sprintf("%sjobs/p/%d.html", host, p.cloudID), cloudPage(p))
	}
}

// listingFile names listing page n: index.html, page-2.html, ...
func listingFile(n int) string {
	if n == 1 {
		return "index.html"
	}
	return "page-" + strconv.Itoa(n) + ".html"
}

func cloudPage(p *posting) []byte {
	sr := styleRand(p, boardCloud)
	jp := jobPosting{
		Type:               "JobPosting",
		Title:              p.title,
		Description:        descriptionHTML(p.paragraphs),
		DatePosted:         p.day(),
		EmploymentType:     "FULL_TIME",
		HiringOrganization: organization{"Organization", p.company.name},
	}
	if strings.Contains(p.title, "&") && sr.Float64() < 0.2 {
		jp.Title = esc(p.title) // boards often leave HTML entities in JSON-LD
	}
	if p.remote {
		jp.JobLocationType = "TELECOMMUTE"
		jp.ApplicantLocation = &applicantLocation{"Country", p.country.name}
	} else {
		jp.JobLocation = &jobPlace{"Place", postalAddress{"PostalAddress", p.city.name, p.city.state, p.country.code}}
	}
	if p.pay != nil {
		jp.BaseSalary = cloudSalary(*p.pay, sr)
	}
	var ld []byte
	if sr.Float64() < 0.1 {
		ld = marshal(graph{"https://schema.org", []any{webPage{"WebPage", "#webpage", p.title}, jp}})
	} else {
		jp.Context = "https://schema.org"
		ld = marshal(jp)
	}
	switch p.special {
	case specialTrailingComma:
		ld = append(ld[:len(ld)-1:len(ld)-1], ",}"...)
	case specialTruncated:
		ld = ld[:len(ld)*3/5]
	}

	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s at %s | CloudJobs</title>\n", esc(p.title), esc(p.company.name))
	if p.special != specialNoJSONLD {
		fmt.Fprintf(&b, "<script type=\"application/ld+json\">%s</script>\n", ld)
	}
	fmt.Fprintf(&b, "</head>\n<body>\n<header><a href=\"/jobs/\">CloudJobs</a></header>\n<main class=\"job\">\n<h1>%s</h1>\n<p class=\"company\">%s</p>\n<p class=\"location\">%s</p>\n<p class=\"posted\">Posted <time datetime=\"%s\">%s</time></p>\n<div class=\"description\">%s</div>\n</main>\n</body>\n</html>\n",
		esc(p.title), esc(p.company.name), esc(displayLocation(p)), p.day(), p.date.Format("2 Jan 2006"), descriptionHTML(p.paragraphs))
	return []byte(b.String())
}

// cloudSalary writes stated pay as a schema.org MonetaryAmount, with the
// board's quirks: numbers sometimes as strings, unitText in any case.
func cloudSalary(p pay, sr *rand.Rand) *monetaryAmount {
	asString := sr.Float64() < 0.05
	num := func(n int64) any {
		if asString {
			return group(n, ",")
		}
		return n
	}
	unit := p.period
	switch x := sr.Float64(); {
	case x < 0.15:
		unit = strings.ToLower(unit)
	case x < 0.30:
		unit = unit[:1] + strings.ToLower(unit[1:])
	}
	qv := quantitativeValue{Type: "QuantitativeValue", UnitText: unit}
	switch p.shape {
	case shapeRange:
		qv.MinValue, qv.MaxValue = num(p.min), num(p.max)
	case shapeSingle:
		qv.Value = num(p.min)
	case shapeUpTo:
		qv.MaxValue = num(p.max)
	case shapeFrom:
		qv.MinValue = num(p.min)
	}
	return &monetaryAmount{"MonetaryAmount", p.currency, qv}
}
