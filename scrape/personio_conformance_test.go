package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindPersonio, kindCase{
	name: "personio",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindPersonio, StartURLs: []string{base + "/personio/acme/xml", base + "/personio/html-answer/xml"}}
	},
	postings: map[string]string{
		"/personio/acme/job/1650441": "OpenStack Platform Engineer (m/f/d)",
		"/personio/acme/job/1650442": "Python Developer",
	},
	rejects: map[string]string{
		"/personio/acme/job/1650443": "personio position 3 (id 1650443) has no name",
		"/personio/html-answer/xml":  "personio response is not a workzag-jobs feed: root element <html>, want <workzag-jobs>",
	},
})
