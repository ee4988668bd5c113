// Package scrapetest serves a synthetic job board over HTTP, for tests and
// benchmarks of the scrape package and for comparing it with other
// crawlers on the same pages.
package scrapetest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/scrape"
)

// Board is a JSON-LD job board: numbered listing pages at /jobs/ and
// /jobs/page-N.html, each linking to PerPage posting pages
// /jobs/p/N.html that carry schema.org JobPosting JSON-LD, plus a
// robots.txt. Pages are made on request, the same for the same N.
type Board struct {
	Postings int    // posting pages
	PerPage  int    // posting links per listing page; 0 means 50
	Disallow string // a path prefix robots.txt disallows, "" for none
}

func (b Board) perPage() int {
	if b.PerPage <= 0 {
		return 50
	}
	return b.PerPage
}

// ListingPages is the number of listing pages.
func (b Board) ListingPages() int { return (b.Postings + b.perPage() - 1) / b.perPage() }

// Pages is the number of listing and posting pages, robots.txt aside.
func (b Board) Pages() int { return b.ListingPages() + b.Postings }

// Source is the jsonld source that crawls the board at base
// (http://127.0.0.1:port).
func (b Board) Source(name, base string) scrape.Source {
	return scrape.Source{Name: name, Kind: scrape.KindJSONLD, StartURLs: []string{base + "/jobs/"},
		Links: "a.job-link", Next: "a[rel=next]"}
}

// ServeHTTP implements http.Handler.
func (b Board) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "User-agent: *\nDisallow: %s\n", b.Disallow)
	case p == "/jobs/" || p == "/jobs/index.html":
		b.listing(w, 1)
	case strings.HasPrefix(p, "/jobs/page-") && strings.HasSuffix(p, ".html"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/jobs/page-"), ".html"))
		if err != nil || n < 1 || n > b.ListingPages() {
			http.NotFound(w, r)
			return
		}
		b.listing(w, n)
	case strings.HasPrefix(p, "/jobs/p/") && strings.HasSuffix(p, ".html"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/jobs/p/"), ".html"))
		if err != nil || n < 1 || n > b.Postings {
			http.NotFound(w, r)
			return
		}
		posting(w, n)
	default:
		http.NotFound(w, r)
	}
}

func (b Board) listing(w http.ResponseWriter, page int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var s strings.Builder
	fmt.Fprintf(&s, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Jobs, page %d</title></head>\n<body><h1>Jobs</h1>\n<ul class=\"jobs\">\n", page)
	first := (page-1)*b.perPage() + 1
	for n := first; n < first+b.perPage() && n <= b.Postings; n++ {
		fmt.Fprintf(&s, "<li><a class=\"job-link\" href=\"p/%d.html\">%s</a> — %s</li>\n", n, title(n), company(n))
	}
	s.WriteString("</ul>\n")
	if page < b.ListingPages() {
		fmt.Fprintf(&s, "<a rel=\"next\" href=\"page-%d.html\">Next</a>\n", page+1)
	}
	s.WriteString("</body></html>\n")
	w.Write([]byte(s.String()))
}

var (
	roles     = []string{"OpenStack Engineer", "Python Developer", "Site Reliability Engineer", "Senior Python Engineer", "Cloud Platform Engineer (OpenStack)"}
	companies = []string{"Northwind Cloud", "Bluefin Digital", "Ashford Systems", "Larkspur Hosting", "Coldstream Software"}
	places    = [][2]string{{"Berlin", "DE"}, {"Toronto", "CA"}, {"Austin", "US"}, {"London", "GB"}, {"Singapore", "SG"}}
)

func title(n int) string   { return roles[n%len(roles)] }
func company(n int) string { return companies[(n/len(roles))%len(companies)] }

func posting(w http.ResponseWriter, n int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	place := places[n%len(places)]
	low := 60000 + (n%40)*1000
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%[2]s at %[3]s</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":%[2]q,"description":"<p>%[3]s builds clouds for customers in %[1]d countries.</p><p>You will run OpenStack and write Python every day.</p>","datePosted":"2026-%02[6]d-%02[7]d","hiringOrganization":{"@type":"Organization","name":%[3]q},"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":%[4]q,"addressCountry":%[5]q}},"baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":%[8]d,"maxValue":%[9]d,"unitText":"YEAR"}}}</script>
</head>
<body>
<main class="job">
<h1>%[2]s</h1>
<p class="company">%[3]s</p>
<p class="location">%[4]s</p>
<div class="description"><p>%[3]s builds clouds for customers in %[1]d countries.</p><p>You will run OpenStack and write Python every day.</p></div>
</main>
</body>
</html>
`, n%90+10, title(n), company(n), place[0], place[1], n%12+1, n%28+1, low, low+15000)
}
