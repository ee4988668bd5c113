package scrape_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

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

// A start URL with limit pages through the postings with skip: three
// postings, two to a page, then an empty page is never asked for.
var _ = conformanceCase(scrape.KindLever, kindCase{
	name: "lever paged with skip and limit",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindLever, StartURLs: []string{base + "/v0/postings/paged-co?mode=json&limit=2"}}
	},
	postings: map[string]string{"https://jobs.lever.example/paged-co/p0": "Cloud Engineer",
		"https://jobs.lever.example/paged-co/p1": "Python Developer", "https://jobs.lever.example/paged-co/p2": "OpenStack Operator"},
	handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		skip, _ := strconv.Atoi(q.Get("skip"))
		if r.URL.Path != "/v0/postings/paged-co" || q.Get("limit") != "2" || q.Get("mode") != "json" || skip > 2 {
			http.NotFound(w, r)
			return
		}
		var page []map[string]any
		for i := skip; i < min(skip+2, len(postTitles)); i++ {
			page = append(page, map[string]any{"id": fmt.Sprintf("p%d", i), "text": postTitles[i], "hostedUrl": fmt.Sprintf("https://jobs.lever.example/paged-co/p%d", i)})
		}
		json.NewEncoder(w).Encode(page)
	}),
})
