package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

var _ = conformanceCase(scrape.KindJSONLD, kindCase{
	name: "jsonld listing pages",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindJSONLD, StartURLs: []string{base + "/jobs/index.html"}, Links: "a.job-link", Next: "a[rel=next]"}
	},
	postings: map[string]string{"/jobs/p/1.html": "Senior OpenStack Engineer, R&D", "/jobs/p/2.html": "Python Developer"},
	rejects:  map[string]string{"/jobs/p/3.html": "broken JSON-LD", "/jobs/p/4.html": "HTTP 404", "/admin/p/secret.html": "robots.txt"},
})

var _ = conformanceCase(scrape.KindJSONLD, kindCase{
	name: "jsonld sitemap",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindJSONLD, Sitemaps: []string{base + "/sitemap.xml"}, Match: `/p/\d+\.html$`}
	},
	postings: map[string]string{"/jobs/p/1.html": "Senior OpenStack Engineer, R&D", "/jobs/p/2.html": "Python Developer"},
	rejects:  map[string]string{"https://elsewhere.example/jobs/p/9.html": "leaves the source's domains"},
})
