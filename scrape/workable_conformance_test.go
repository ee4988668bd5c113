package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindWorkable, kindCase{
	name: "workable",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindWorkable, StartURLs: []string{
			base + "/api/v1/widget/accounts/northwind-cloud?details=true",
			base + "/api/v1/widget/accounts/greenhouse-answer?details=true"}}
	},
	postings: map[string]string{
		"https://apply.workable.example/j/8C1F2A9B3D": "OpenStack Platform Engineer",
		"https://apply.workable.example/j/5E7D0C4A21": "Python Developer (Remote)",
	},
	rejects: map[string]string{
		"https://apply.workable.example/j/0000000000":            "workable job 3",
		"/api/v1/widget/accounts/greenhouse-answer?details=true": `not an account's jobs: no account "name"`,
	},
})
