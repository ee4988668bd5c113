package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindHTML, kindCase{
	name: "html listing pages",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindHTML, StartURLs: []string{base + "/py/index.html"}, Links: ".list-recent-jobs h2 a", Fields: pyFields}
	},
	postings: map[string]string{"/py/7/": "Python Engineer"},
})

var _ = conformanceCase(scrape.KindHTML, kindCase{
	name: "html feed",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindHTML, Feeds: []string{base + "/py/feed.rss"}, Fields: pyFields}
	},
	postings: map[string]string{"/py/7/": "Python Engineer"},
	rejects:  map[string]string{"/py/8/": "HTTP 404"},
})
