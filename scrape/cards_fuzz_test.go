package scrape

import (
	"net/url"
	"testing"
)

// FuzzListingCards: a listing page of cards is outside input: any bytes
// give postings that keep their origin, links, or a reject; never a crash.
func FuzzListingCards(f *testing.F) {
	f.Add([]byte(`<ul><li class="job-card"><a href="/jobs/4/"><h3>Cloud Engineer</h3></a><span class="co">Brightwave</span>
<span class="loc">Madrid</span><span class="pay">€60k</span><time datetime="2026-09-02">2 Sep</time><p class="teaser">x</p></li></ul>`))
	f.Add([]byte(`<li class="job-card"><a href="::bad"><h3>T</h3></a></li><a class="next" href="?page=2">n</a>`))
	f.Add([]byte(`<li class="job-card" href="/x"><time datetime="">today</time></li>`))
	src := Source{Name: "cards", Kind: KindHTML, Next: "a.next", Cards: Cards{Card: "li.job-card", Title: "h3", Company: ".co",
		Location: ".loc", Pay: ".pay", Date: "time", Description: ".teaser"}}
	u, _ := url.Parse("https://board.example/jobs/")
	f.Fuzz(func(t *testing.T, body []byte) {
		recs, links := htmlReader{}.read(page{source: src, url: u, role: roleListing, body: body})
		if len(recs) == 0 && len(links) == 0 {
			t.Fatal("neither postings, links nor a reject")
		}
		for _, r := range recs {
			if r.Source != "cards" || r.URL == "" {
				t.Fatalf("record lost its origin: %+v", r)
			}
		}
		for _, l := range links {
			if _, err := url.Parse(l.url); err != nil {
				t.Fatalf("bad link %+v", l)
			}
		}
	})
}
