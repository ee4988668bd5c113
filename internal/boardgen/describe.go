package main

import (
	"strconv"
	"strings"
)

// describe writes a posting's description: an optional company paragraph,
// a role paragraph and a paragraph of generic sentences, 3-6 sentences in
// all. The generic sentences carry numbers that are not pay ("5+ years",
// "401(k)", "99.99% uptime") and never sit next to a currency.
func (g *generator) describe(p *posting, j job, sen seniority) [][]string {
	r := g.r
	var paras [][]string
	total := 3 + r.IntN(4)
	if r.Float64() < 0.7 {
		paras = append(paras, []string{p.company.name + " was founded in " + itoa(1998+r.IntN(22)) +
			" and now works with customers in " + itoa(4+r.IntN(57)) + " countries."})
		total--
	}

	roleSentences := []string{g.fill(p, j.core[r.IntN(len(j.core))])}
	if r.Float64() < 0.5 {
		roleSentences = append(roleSentences, j.extra[r.IntN(len(j.extra))])
	}
	if j.role != roleOpenStack && !j.namesProject && r.Float64() < shareTrap {
		roleSentences = append(roleSentences, trapSentences[r.IntN(len(trapSentences))])
	}
	paras = append(paras, roleSentences)
	total -= len(roleSentences)

	var generic []string
	if p.remote {
		generic = append(generic, "This role is fully remote, but you must live in "+p.country.name+".")
	}
	pool := []string{
		"We are looking for " + itoa(experienceYears(sen)+r.IntN(3)) + "+ years of experience in a similar role.",
		"You will join a team of " + itoa(4+r.IntN(37)) + " engineers across " + itoa(2+r.IntN(4)) + " time zones.",
		"Our services run at " + []string{"99.9", "99.95", "99.99"}[r.IntN(3)] + "% uptime, and on-call is shared fairly.",
		"Our products reach " + itoa(2+r.IntN(48)) + " million people.",
	}
	if p.country != nil && p.country.code == "US" {
		pool = append(pool, "Benefits include health insurance, 401(k) matching and "+itoa(12+r.IntN(9))+" weeks of parental leave.")
	} else {
		pool = append(pool, "You get "+itoa(25+r.IntN(6))+" days of holiday and a yearly conference trip.")
	}
	if !p.remote && p.country != nil {
		pool = append(pool, "Our "+p.city.name+" office is "+itoa(5+r.IntN(20))+" minutes from the main station.")
	}
	r.Shuffle(len(pool), func(i, k int) { pool[i], pool[k] = pool[k], pool[i] })
	for _, s := range pool {
		if len(generic) >= max(total, 1) {
			break
		}
		generic = append(generic, s)
	}
	if p.listsOpenStack {
		generic = append(generic, listedOpenStack[r.IntN(len(listedOpenStack))])
	}
	if p.listsPython {
		generic = append(generic, listedPython[r.IntN(len(listedPython))])
	}
	return append(paras, generic)
}

// fill expands the placeholders of a role sentence.
func (g *generator) fill(p *posting, s string) string {
	where := "North America"
	if p.country != nil {
		where = p.country.name
	}
	return strings.NewReplacer("{n}", itoa(2+g.r.IntN(7)), "{country}", where).Replace(s)
}

// experienceYears is the least experience a seniority asks for.
func experienceYears(sen seniority) int {
	switch {
	case sen.logPay < 0:
		return 1
	case sen.logPay == 0:
		return 2
	case sen.logPay < 0.4:
		return 5
	}
	return 8
}

func itoa(n int) string { return strconv.Itoa(n) }
