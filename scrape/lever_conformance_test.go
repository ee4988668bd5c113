package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindLever, kindCase{
	name: "lever",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindLever, StartURLs: []string{base + "/v0/postings/acme-cloud?mode=json", base + "/v0/postings/broken?mode=json"}}
	},
	postings: map[string]string{"https://jobs.lever.example/acme-cloud/a1": "OpenStack Operator", "https://jobs.lever.example/acme-cloud/a2": "Python Engineer"},
	rejects:  map[string]string{"/v0/postings/broken?mode=json": "not a postings array"},
})
