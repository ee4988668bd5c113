package scrape

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jobmarket/jobmarket/data"
)

func postingPage(t testing.TB, body string) page {
	t.Helper()
	u, _ := url.Parse("https://board.example/jobs/p/1.html")
	return page{source: Source{Name: "b", Kind: KindJSONLD}, url: u, role: rolePosting, body: []byte(body), sha256: "abc"}
}

func ld(blocks ...string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>x</title>")
	for _, block := range blocks {
		fmt.Fprintf(&b, `<script type="application/ld+json">%s</script>`, block)
	}
	b.WriteString("</head><body><h1>Job</h1></body></html>")
	return b.String()
}

func TestJSONLDPostingPages(t *testing.T) {
	const posting = `{"@type":"JobPosting","title":"Cloud Engineer","hiringOrganization":{"@type":"Organization","name":"Acme"}}`
	tests := []struct {
		name   string
		page   string
		want   []data.RawRecord // fields compared: URL suffix, Title, Company, Pay*, Location, Country, Remote, Description
		reject string
	}{
		{name: "one posting", page: ld(posting), want: []data.RawRecord{{Title: "Cloud Engineer", Company: "Acme"}}},
		{name: "several blocks", page: ld(`{"@type":"Organization","name":"Acme"}`, `{"@type":"BreadcrumbList"}`, posting),
			want: []data.RawRecord{{Title: "Cloud Engineer", Company: "Acme"}}},
		{name: "@graph wrapper", page: ld(`{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},` + posting + `]}`),
			want: []data.RawRecord{{Title: "Cloud Engineer", Company: "Acme"}}},
		{name: "array of postings", page: ld(`[` + posting + `,{"@type":"JobPosting","title":"Python Developer","hiringOrganization":"Beta"}]`),
			want: []data.RawRecord{{URL: "#1", Title: "Cloud Engineer", Company: "Acme"}, {URL: "#2", Title: "Python Developer", Company: "Beta"}}},
		{name: "type list", page: ld(`{"@type":["Thing","JobPosting"],"title":"T"}`), want: []data.RawRecord{{Title: "T"}}},
		{name: "entities and spaces", page: ld(`{"@type":"JobPosting","title":"  R&amp;D\n Engineer ","hiringOrganization":{"name":"Smith &amp; Sons"},"description":"<p>Build&nbsp;things.</p><ul><li>Go</li><li>Python</li></ul>"}`),
			want: []data.RawRecord{{Title: "R&D Engineer", Company: "Smith & Sons", Description: "Build things. Go Python"}}},
		{name: "type attribute in other case", page: `<script type="Application/LD+JSON">` + posting + `</script>`, want: []data.RawRecord{{Title: "Cloud Engineer", Company: "Acme"}}},
		{name: "pay range", page: ld(`{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"@type":"QuantitativeValue","minValue":"60,000","maxValue":70000,"unitText":"YEAR"}}}`),
			want: []data.RawRecord{{Title: "T", PayMin: 60000, PayMax: 70000, PayCurrency: "EUR", PayPeriod: "YEAR", PaySource: data.PaySourceEmployer}}},
		{name: "single pay value", page: ld(`{"@type":"JobPosting","title":"T","baseSalary":{"currency":"USD","value":{"value":45,"unitText":"HOUR"}}}`),
			want: []data.RawRecord{{Title: "T", PayMin: 45, PayMax: 45, PayCurrency: "USD", PayPeriod: "HOUR", PaySource: data.PaySourceEmployer}}},
		{name: "pay as text", page: ld(`{"@type":"JobPosting","title":"T","baseSalary":"£40k–£50k DOE"}`),
			want: []data.RawRecord{{Title: "T", PayText: "£40k–£50k DOE", PaySource: data.PaySourceEmployer}}},
		{name: "board estimate", page: ld(`{"@type":"JobPosting","title":"T","estimatedSalary":[{"currency":"USD","value":{"minValue":1,"maxValue":2}}]}`),
			want: []data.RawRecord{{Title: "T", PayMin: 1, PayMax: 2, PayCurrency: "USD", PaySource: data.PaySourceBoard}}},
		{name: "remote", page: ld(`{"@type":"JobPosting","title":"T","jobLocationType":"TELECOMMUTE","applicantLocationRequirements":{"@type":"Country","name":"Canada"}}`),
			want: []data.RawRecord{{Title: "T", Remote: "TELECOMMUTE", Country: "Canada", Location: "Remote (Canada)"}}},
		{name: "location list and text address", page: ld(`{"@type":"JobPosting","title":"T","jobLocation":[{"@type":"Place","address":"Berlin, Germany"},{"address":{"addressCountry":"FR"}}]}`),
			want: []data.RawRecord{{Title: "T", Location: "Berlin, Germany; FR"}}},
		{name: "one broken block among good ones", page: ld(`{"@type":"JobPosting",}`, posting), want: []data.RawRecord{{Title: "Cloud Engineer", Company: "Acme"}}},
		{name: "broken", page: ld(`{"@type":"JobPosting","title":"T",}`), reject: "broken JSON-LD: JSON-LD block 1: invalid character '}'"},
		{name: "empty block", page: ld(``), reject: "broken JSON-LD: JSON-LD block 1: unexpected end of JSON input"},
		{name: "no posting", page: ld(`{"@type":"Organization"}`), reject: "no JobPosting JSON-LD on page"},
		{name: "no JSON-LD", page: `<html><body><script>var x = {"@type":"JobPosting"}</script></body></html>`, reject: "no JobPosting JSON-LD on page"},
		{name: "not HTML at all", page: "\x00\xff{]", reject: "no JobPosting JSON-LD on page"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, links := jsonldReader{}.read(postingPage(t, tc.page))
			if len(links) != 0 {
				t.Errorf("a posting page gave links %v", links)
			}
			if tc.reject != "" {
				if len(recs) != 1 || !strings.HasPrefix(recs[0].RejectReason, tc.reject) {
					t.Fatalf("got %+v, want one reject %q", recs, tc.reject)
				}
				return
			}
			if len(recs) != len(tc.want) {
				t.Fatalf("got %d records, want %d: %+v", len(recs), len(tc.want), recs)
			}
			for i, w := range tc.want {
				g := recs[i]
				if w.PayMin == 0 && w.PayMax == 0 {
					w.PayMin, w.PayMax = math.NaN(), math.NaN()
				}
				if g.URL != "https://board.example/jobs/p/1.html"+w.URL || g.Title != w.Title || g.Company != w.Company ||
					g.Location != w.Location || g.Country != w.Country || g.Remote != w.Remote || g.PayText != w.PayText ||
					!sameFloat(g.PayMin, w.PayMin) || !sameFloat(g.PayMax, w.PayMax) || g.PayCurrency != w.PayCurrency ||
					g.PayPeriod != w.PayPeriod || g.PaySource != w.PaySource || (w.Description != "" && g.Description != w.Description) ||
					g.PageSHA256 != "abc" || g.Source != "b" || g.RejectReason != "" {
					t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// FuzzJSONLDPage: any bytes a board serves give records, never a crash,
// and every record says where it came from.
func FuzzJSONLDPage(f *testing.F) {
	f.Add([]byte(ld(`{"@type":"JobPosting","title":"T","baseSalary":{"value":{"minValue":"1,0"}}}`)))
	f.Add([]byte(ld(`[{"@graph":[{"@type":"JobPosting","jobLocation":[[]],"applicantLocationRequirements":[]}]}]`)))
	f.Add([]byte(`<script type="application/ld+json">{"@type":"JobPosting"`))
	f.Add([]byte(`<script type=application/ld+json><!--{}--></script><script type="application/ld+json">null</script>`))
	f.Add([]byte(ld(`//<![CDATA[
{"@graph":[{"@id":"#o","name":"O"},{"@type":"JobPosting","name":"N","hiringOrganization":{"@id":"#o"},"jobLocation":[{"@id":"#o"},{"@id":"#x"}],"jobLocationType":["TELECOMMUTE",3],"baseSalary":5,"salaryCurrency":"EUR","description":"&amp;lt;p&amp;gt;x"}]}
//]]>`)))
	f.Add([]byte(ld(`{"@id":"#a","@type":"JobPosting","title":"T","jobLocation":{"@id":"#a"},"baseSalary":{"@id":"#a"}}`)))
	for _, name := range []string{"graph-references.html", "cdata.html", "comment.html", "remote-several.html", "offices.html"} {
		if body, err := os.ReadFile("testdata/jsonld-shapes/" + name); err == nil {
			f.Add(body)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		recs, _ := jsonldReader{}.read(postingPage(t, string(body)))
		if len(recs) == 0 {
			t.Fatal("no record: a fetched page must be counted")
		}
		for _, r := range recs {
			if r.Source != "b" || !strings.HasPrefix(r.URL, "https://board.example/jobs/p/1.html") {
				t.Fatalf("record lost its origin: %+v", r)
			}
		}
	})
}

// FuzzJSONLDRoundTrip: whatever a title and company hold, a posting that
// embeds them as JSON-LD (escaped as encoding/json does) reads back the
// same, modulo entity decoding and space folding.
func FuzzJSONLDRoundTrip(f *testing.F) {
	f.Add("Senior OpenStack Engineer", "Acme & Co")
	f.Add("</script><script>alert(1)</script>", "R&amp;D")
	f.Add("Ingénieur\tcloud\u00a0(H/F)", "\x00\xffbroken")
	f.Fuzz(func(t *testing.T, title, company string) {
		jp, err := json.Marshal(map[string]any{"@type": "JobPosting", "title": title, "hiringOrganization": map[string]any{"name": company}})
		if err != nil {
			t.Skip()
		}
		recs, _ := jsonldReader{}.read(postingPage(t, ld(string(jp))))
		if len(recs) != 1 || recs[0].RejectReason != "" {
			t.Fatalf("page with one posting gave %+v", recs)
		}
		// encoding/json turns each invalid byte into U+FFFD, as []rune does.
		valid := func(s string) string { return cleanText(string([]rune(s))) }
		if recs[0].Title != valid(title) || recs[0].Company != valid(company) {
			t.Fatalf("title %q company %q read back as %q, %q", title, company, recs[0].Title, recs[0].Company)
		}
		if !utf8.ValidString(recs[0].Title) {
			t.Fatalf("title %q is not UTF-8", recs[0].Title)
		}
	})
}

// FuzzSitemapAndFeed: sitemaps and feeds are outside input too.
func FuzzSitemapAndFeed(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>/jobs/1</loc></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://board.example/s2.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte("https://board.example/a\n/b\n"))
	f.Add([]byte(`<rss><channel><item><link>/p/1</link></item></channel></rss>`))
	f.Add([]byte(`<feed><entry><link rel="alternate" href="/p/2"/></entry></feed>`))
	f.Add([]byte("\x1f\x8b\x08"))
	f.Add([]byte(`<rss><channel><item><title>T</title><link>/p/1</link><pubDate>Fri, 11 Sep 2026 07:30:48 +0000</pubDate><company>C</company><location>L</location><description>&lt;p&gt;D&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"/p/1","title":"T","content_text":"x","date_published":"2026-09-10T12:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p := postingPage(t, string(body))
		for _, read := range []func(page) ([]data.RawRecord, []link){readSitemap, readFeed} {
			recs, links := read(p)
			for _, l := range links {
				if _, err := url.Parse(l.url); err != nil || (l.role != rolePosting && l.role != roleSitemap) {
					t.Fatalf("bad link %+v", l)
				}
			}
			for _, r := range recs {
				// A feed item holding a whole posting is one; nothing else.
				if r.RejectReason == "" && (r.Title == "" || r.Company == "" || r.Location == "" || r.PostedDate == "") {
					t.Fatalf("sitemap or feed gave a posting without a whole card: %+v", r)
				}
			}
		}
	})
}
