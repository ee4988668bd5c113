package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindAshby, kindCase{
	name: "ashby",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindAshby, StartURLs: []string{
			base + "/posting-api/job-board/northwind-cloud?includeCompensation=true",
			base + "/posting-api/job-board/greenhouse-answer?includeCompensation=true"}}
	},
	postings: map[string]string{
		"https://jobs.ashbyhq.example/northwind-cloud/0b6f1c2e-5a41-4d2a-9e51-7c3d2f0a1001": "OpenStack Cloud Engineer",
		"https://jobs.ashbyhq.example/northwind-cloud/0b6f1c2e-5a41-4d2a-9e51-7c3d2f0a1002": "Senior Python Developer",
		"https://jobs.ashbyhq.example/northwind-cloud/0b6f1c2e-5a41-4d2a-9e51-7c3d2f0a1003": "Cloud Support Engineer (Contract)",
		"https://jobs.ashbyhq.example/northwind-cloud/0b6f1c2e-5a41-4d2a-9e51-7c3d2f0a1004": "Site Reliability Engineer",
	},
	rejects: map[string]string{
		"https://jobs.ashbyhq.example/northwind-cloud/0b6f1c2e-5a41-4d2a-9e51-7c3d2f0a1005": "ashby job 5",
		"/posting-api/job-board/greenhouse-answer?includeCompensation=true":                 `not a job board: no "apiVersion"`,
	},
})
