package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindTeamtailor, kindCase{
	name: "teamtailor",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindTeamtailor, StartURLs: []string{base + "/teamtailor/jobs.json", base + "/teamtailor/wrong.json"}}
	},
	// The feed's second page, named by next_url, holds two of the three.
	postings: map[string]string{
		"https://careers.fjord.example/jobs/3317001-openstack-engineer":        "OpenStack Engineer",
		"https://careers.fjord.example/jobs/3317002-python-developer":          "Python Developer",
		"https://careers.fjord.example/jobs/3317003-site-reliability-engineer": "Site Reliability Engineer",
	},
	rejects: map[string]string{
		"/teamtailor/wrong.json": "teamtailor response is not a JSON Feed of jobs: json: cannot unmarshal array",
	},
})
