package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindRecruitee, kindCase{
	name: "recruitee",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindRecruitee, StartURLs: []string{
			base + "/recruitee/northwind/api/offers/", base + "/recruitee/workable-answer/api/offers/"}}
	},
	postings: map[string]string{
		"https://northwind.recruitee.com/o/openstack-engineer":      "OpenStack Engineer",
		"https://northwind.recruitee.com/o/python-developer-remote": "Python Developer",
		"https://northwind.recruitee.com/o/cloud-support-engineer":  "Cloud Support Engineer",
	},
	rejects: map[string]string{
		"https://northwind.recruitee.com/o/untitled": "recruitee offer 4 (id 1702103) has no title",
		"/recruitee/workable-answer/api/offers/":     `recruitee response is not an offers list: no "offers" array`,
	},
})
