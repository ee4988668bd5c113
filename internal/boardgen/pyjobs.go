package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// pyjobs.example: an HTML board without structured data, modelled on
// python.org/jobs; pay, when stated, is a sentence of the description.
const pyPerPage = 25

func renderPy(t tree, postings []*posting) {
	host := boardPy.host() + "/"
	t.add(host+"robots.txt", []byte("User-agent: *\nDisallow:\n"))
	listed := newestFirst(postings, boardPy, func(p *posting) string { return strconv.Itoa(p.pyID) })
	pages := (len(listed) + pyPerPage - 1) / pyPerPage
	for page := 1; page <= pages; page++ {
		var b strings.Builder
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Python Jobs, page %d | PyJobs</title></head>\n<body>\n<div class=\"content\">\n<h1>Python Jobs</h1>\n<ol class=\"list-recent-jobs\">\n", page)
		for _, p := range listed[(page-1)*pyPerPage : min(page*pyPerPage, len(listed))] {
			fmt.Fprintf(&b, "<li><h2 class=\"listing-company\"><span class=\"listing-company-name\"><a href=\"%d/\">%s</a></span></h2><span class=\"listing-location\">%s</span></li>\n",
				p.pyID, esc(p.title), esc(displayLocation(p)))
		}
		b.WriteString("</ol>\n")
		if page < pages {
			fmt.Fprintf(&b, "<ul class=\"pagination\"><li class=\"next\"><a href=\"page-%d.html\">Next</a></li></ul>\n", page+1)
		}
		b.WriteString("</div>\n</body>\n</html>\n")
		t.add(host+"jobs/"+listingFile(page), []byte(b.String()))
	}
	for _, p := range listed {
		t.add(fmt.Sprintf("%sjobs/%d/index.html", host, p.pyID), pyPage(p))
	}
}

func pyPage(p *posting) []byte {
	sr := styleRand(p, boardPy)
	paras := slices.Clone(p.paragraphs)
	var note string
	if p.pay != nil {
		text := pyjobsPayText(*p.pay, sr)
		if p.countryCode() == "AR" {
			// In Argentina "$" is the peso: dollar pay is written US$.
			text = strings.ReplaceAll(text, "$", "US$")
		}
		// "Up to" and "From" open a sentence only after "Compensation:".
		switch template := sr.IntN(3); {
		case template == 0 || p.pay.shape == shapeUpTo || p.pay.shape == shapeFrom:
			note = "Compensation: " + text
		case template == 1:
			note = "The salary for this role is " + text
		default:
			note = "We pay " + text + ", plus equity"
		}
		if !strings.HasSuffix(note, ".") { // "p.a." already ends the sentence
			note += "."
		}
	} else {
		note = []string{"", "Competitive salary.", "Salary depends on experience (DOE)."}[sr.IntN(3)]
	}
	if note != "" {
		at := len(paras)
		if sr.IntN(2) == 0 {
			at-- // before the closing paragraph
		}
		paras = slices.Insert(paras, at, []string{note})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>%s | PyJobs</title></head>\n<body>\n<div class=\"content\">\n", esc(p.title))
	fmt.Fprintf(&b, "<article class=\"job\"><h1 class=\"listing-title\">%s</h1><p class=\"listing-company\">%s</p><p class=\"listing-location\">%s</p><time class=\"listing-posted\" datetime=\"%s\">%s</time><div class=\"job-description\">%s</div></article>\n",
		esc(p.title), esc(p.company.name), esc(displayLocation(p)), p.day(), p.date.Format("2 January 2006"), descriptionHTML(paras))
	b.WriteString("</div>\n</body>\n</html>\n")
	return []byte(b.String())
}
