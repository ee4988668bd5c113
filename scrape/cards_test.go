package scrape_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// cardBoard serves feeds and a listing page of cards written the way job
// boards write them, and posting pages for the items that lack fields.
var cardBoard = map[string]string{
	"/jobs/feed/rss/": `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:job="https://jobs.example/ns/job">
<channel><title>Example Jobs</title><link>https://jobs.example/</link>
<item>
  <title>Senior Python Engineer</title>
  <link>/jobs/1/</link>
  <description>&lt;p&gt;Django services. Salary: €70,000–€80,000 per year.&lt;/p&gt;</description>
  <pubDate>Fri, 11 Sep 2026 07:30:48 +0000</pubDate>
  <job:company>Fjordline AS</job:company>
  <job:location>Oslo, Norway</job:location>
</item>
<item>
  <title>OpenStack Operator</title>
  <link>/jobs/2/</link>
  <pubDate>Thu, 10 Sep 2026 12:00:00 +0000</pubDate>
</item>
</channel></rss>`,
	"/jobs/feed/atom/": `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Jobs</title>
<entry><title>OpenStack Operator</title><link rel="alternate" href="/jobs/2/"/><updated>2026-09-10T12:00:00Z</updated></entry>
</feed>`,
	"/jobs/feed.json": `{"version": "https://jsonfeed.org/version/1.1", "title": "Example Jobs",
 "items": [{"id": "2", "url": "/jobs/2/", "title": "OpenStack Operator", "date_published": "2026-09-10T12:00:00Z"}]}`,
	"/jobs/2/": `<html><body><h1 class="title">Operator (page title)</h1><div class="company">Stackline</div>
<div class="where">Lyon, France</div><div class="text"><p>Nova and Neutron upgrades.</p></div></body></html>`,
	"/jobs/3/": `<html><body><h1 class="title">Python Data Engineer</h1><div class="company">Quayside</div>
<div class="where">Leeds, UK</div><div class="text"><p>Airflow and pandas.</p></div></body></html>`,
	"/jobs/": `<html><body><ul>
<li class="job-card"><a href="/jobs/4/"><h3>Cloud Engineer</h3></a><span class="co">Brightwave</span><span class="loc">Madrid, Spain</span>
  <span class="pay">€60k – €72k</span><time datetime="2026-09-02">2 Sep</time><p class="teaser">OpenStack and Kubernetes.</p></li>
<li class="job-card"><a href="/jobs/3/"><h3>Python Data Engineer</h3></a><span class="pay">£55,000</span><time>3 days ago</time></li>
<li class="job-card"><span>no link here</span></li>
</ul></body></html>`,
}

func cardSources(base string) []scrape.Source {
	fields := scrape.Fields{Title: "h1.title", Company: ".company", Location: ".where", Description: ".text"}
	return []scrape.Source{
		{Name: "rss", Kind: scrape.KindHTML, Feeds: []string{base + "/jobs/feed/rss/"}, Fields: fields},
		{Name: "atom", Kind: scrape.KindHTML, Feeds: []string{base + "/jobs/feed/atom/"}, Fields: fields},
		{Name: "jsonfeed", Kind: scrape.KindHTML, Feeds: []string{base + "/jobs/feed.json"}, Fields: fields},
		{Name: "cards", Kind: scrape.KindHTML, StartURLs: []string{base + "/jobs/"}, Fields: fields,
			Cards: scrape.Cards{Card: "li.job-card", Title: "h3", Company: ".co", Location: ".loc", Pay: ".pay", Date: "time", Description: ".teaser"}},
	}
}

// TestFeedItemsAndCardsArePostings: what a feed item or listing card says
// of a posting is kept; its page is fetched only when the card lacks
// something, and then fills in only what the card lacks.
func TestFeedItemsAndCardsArePostings(t *testing.T) {
	srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := cardBoard[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	cfg := testConfig(t)
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), cardSources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	type key struct{ source, path string }
	got := map[key]data.RawRecord{}
	for _, r := range res.Records {
		if r.RejectReason != "" {
			t.Errorf("reject %s %s: %s", r.Source, r.URL, r.RejectReason)
		}
		got[key{r.Source, strings.TrimPrefix(r.URL, srv.URL)}] = r
	}
	operator := data.RawRecord{Title: "OpenStack Operator", Company: "Stackline", Location: "Lyon, France",
		Description: "Nova and Neutron upgrades."}
	want := map[key]data.RawRecord{
		{"rss", "/jobs/1/"}: {Title: "Senior Python Engineer", Company: "Fjordline AS", Location: "Oslo, Norway",
			PostedDate: "Fri, 11 Sep 2026 07:30:48 +0000", Description: "Django services. Salary: €70,000–€80,000 per year."},
		{"rss", "/jobs/2/"}:      withDate(operator, "Thu, 10 Sep 2026 12:00:00 +0000"),
		{"atom", "/jobs/2/"}:     withDate(operator, "2026-09-10T12:00:00Z"),
		{"jsonfeed", "/jobs/2/"}: withDate(operator, "2026-09-10T12:00:00Z"),
		{"cards", "/jobs/4/"}: {Title: "Cloud Engineer", Company: "Brightwave", Location: "Madrid, Spain", PayText: "€60k – €72k",
			PostedDate: "2026-09-02", Description: "OpenStack and Kubernetes."},
		{"cards", "/jobs/3/"}: {Title: "Python Data Engineer", Company: "Quayside", Location: "Leeds, UK", PayText: "£55,000",
			PostedDate: "3 days ago", Description: "Airflow and pandas."},
	}
	if len(got) != len(want) {
		t.Errorf("got %d postings, want %d: %v", len(got), len(want), got)
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%v: no posting", k)
			continue
		}
		if g.Title != w.Title || g.Company != w.Company || g.Location != w.Location || g.PayText != w.PayText ||
			g.PostedDate != w.PostedDate || g.Description != w.Description || g.FetchedAt == "" {
			t.Errorf("%v:\n got %+v\nwant %+v", k, g, w)
		}
	}
	// Complete cards need no page: /jobs/1/ and /jobs/4/ were never asked.
	for path, want := range map[string]int{"/jobs/1/": 0, "/jobs/4/": 0, "/jobs/3/": 1} {
		if n := hits.of(path); n != want {
			t.Errorf("%s fetched %d times, want %d", path, n, want)
		}
	}
	// Re-read offline from the page store: the same postings, cards and all.
	again, err := (&scrape.Scraper{Config: cfg, Offline: true}).Run(t.Context(), cardSources(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameRecords(res.Records, again.Records); diff != "" {
		t.Errorf("offline re-read differs: %s", diff)
	}
}

func withDate(r data.RawRecord, date string) data.RawRecord {
	r.PostedDate = date
	return r
}

// TestFeedOfAnotherShape: XML that is no RSS or Atom feed (a Personio
// positions file, a sitemap) read as a feed is one reject naming what it
// is, never zero postings and zero rejects.
func TestFeedOfAnotherShape(t *testing.T) {
	bodies := map[string]string{
		"/personio.xml": `<?xml version="1.0" encoding="UTF-8"?><workzag-jobs><position><id>1</id><name>Python Developer</name></position></workzag-jobs>`,
		"/sitemap.xml":  `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/jobs/1</loc></url></urlset>`,
		"/empty.rss":    `<rss version="2.0"><channel><title>Jobs</title></channel></rss>`,
	}
	srv, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	tests := []struct {
		path, root string
		rejects    int
	}{
		{"/personio.xml", "workzag-jobs", 1},
		{"/sitemap.xml", "urlset", 1},
		{"/empty.rss", "", 0}, // a board with no openings today
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			src := scrape.Source{Name: "feed", Kind: scrape.KindJSONLD, Feeds: []string{srv.URL + tc.path}}
			res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), []scrape.Source{src})
			if err != nil {
				t.Fatal(err)
			}
			var rejects []data.RawRecord
			for _, r := range res.Records {
				if r.RejectReason != "" {
					rejects = append(rejects, r)
				}
			}
			if len(rejects) != tc.rejects || len(res.Records) != tc.rejects {
				t.Fatalf("%d records, %d rejects, want %d rejects and nothing else: %+v", len(res.Records), len(rejects), tc.rejects, res.Records)
			}
			if tc.rejects > 0 && (rejects[0].RejectCode != data.RejectCodeBadXML || !strings.Contains(rejects[0].RejectReason, "<"+tc.root+">")) {
				t.Errorf("reject %q (%s), want bad_xml naming <%s>", rejects[0].RejectReason, rejects[0].RejectCode, tc.root)
			}
		})
	}
}
