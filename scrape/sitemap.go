package scrape

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/jobmarket/jobmarket/data"
)

// readSitemap follows a sitemap: a <urlset> lists posting pages, a
// <sitemapindex> more sitemaps. Plain-text sitemaps (one URL a line) and
// gzipped ones are read too. A sitemap that is neither, or lists nothing,
// is a reject.
func readSitemap(p page) ([]data.RawRecord, []link) {
	body := p.body // a gzipped sitemap comes decompressed (unpack)
	var follow []link
	add := func(loc string, role pageRole) {
		if ref, err := p.url.Parse(strings.TrimSpace(loc)); err == nil && loc != "" {
			ref.Fragment = ""
			follow = append(follow, get(ref.String(), role))
		}
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] != '<' {
		sc := bufio.NewScanner(bytes.NewReader(trimmed))
		for sc.Scan() {
			add(sc.Text(), rolePosting)
		}
	} else {
		role := rolePosting
		err := walkXML(body, func(d *xml.Decoder, el xml.StartElement) error {
			switch el.Name.Local {
			case "sitemapindex":
				role = roleSitemap
			case "loc":
				var loc string
				if err := d.DecodeElement(&loc, &el); err != nil {
					return err
				}
				add(loc, role)
			}
			return nil
		})
		if err != nil {
			return []data.RawRecord{reject(p, data.RejectCodeBadXML, fmt.Sprintf("sitemap is not XML: %v", err))}, nil
		}
	}
	if len(follow) == 0 {
		return []data.RawRecord{reject(p, data.RejectCodeNoLinks, "sitemap lists no URLs")}, nil
	}
	return nil, follow
}

// readFeed follows an RSS, Atom or JSON Feed: each item's link is a
// posting page, and what the item says of the posting — title,
// description, date, and the company, location and salary elements job
// feeds add — is its card (cards.go): kept, with the page fetched only for
// what the item lacks. An empty feed is no reject: a board may have no
// openings today.
func readFeed(p page) ([]data.RawRecord, []link) {
	if trimmed := bytes.TrimSpace(p.body); len(trimmed) > 0 && trimmed[0] == '{' {
		return readJSONFeed(p, trimmed)
	}
	var items []feedItem
	var item *feedItem
	root := ""
	text := func(d *xml.Decoder, el xml.StartElement) (string, error) {
		var s string
		err := d.DecodeElement(&s, &el)
		return strings.TrimSpace(s), err
	}
	err := walkXML(p.body, func(d *xml.Decoder, el xml.StartElement) error {
		name := strings.ToLower(el.Name.Local)
		if root == "" {
			root = name
		}
		if name == "item" || name == "entry" {
			items = append(items, feedItem{})
			item = &items[len(items)-1]
			return nil
		}
		if item == nil {
			return nil
		}
		if name == "link" {
			if item.link != "" {
				return nil
			}
			href, rel := attr(el, "href"), attr(el, "rel")
			if href == "" { // RSS: <link>URL</link>; Atom: <link href="URL" rel="alternate"/>
				var err error
				if href, err = text(d, el); err != nil {
					return err
				}
			} else if rel != "" && rel != "alternate" {
				return nil
			}
			item.link = strings.TrimSpace(href)
			return nil
		}
		field := item.field(name, el.Name.Space)
		if field == nil {
			return nil
		}
		s, err := text(d, el)
		if *field == "" {
			*field = s
		}
		return err
	})
	if err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeBadXML, fmt.Sprintf("feed is not XML: %v", err))}, nil
	}
	if !feedRoots[root] {
		// XML of another shape (a Personio positions file, a sitemap)
		// read as a feed: said, never zero postings and zero rejects.
		return []data.RawRecord{reject(p, data.RejectCodeBadXML, fmt.Sprintf("not an RSS or Atom feed: the document is <%s>", root))}, nil
	}
	var recs []data.RawRecord
	var follow []link
	for _, it := range items {
		recs, follow = it.add(p, recs, follow)
	}
	return recs, follow
}

// feedRoots are the root elements of RSS (0.9x–2.0, and 1.0 as RDF) and
// Atom documents, in lower case.
var feedRoots = map[string]bool{"rss": true, "rdf": true, "feed": true}

// feedItem is what a feed says of one posting, as written.
type feedItem struct {
	link, title, description, content, date, company, location, salary string
}

// field is where the text of an item's element goes, nil for an element
// not read. Job feeds name their own elements (<company>, <job:location>,
// <salary>); any namespace is accepted.
func (it *feedItem) field(name, space string) *string {
	switch name {
	case "title":
		return &it.title
	case "description", "summary":
		return &it.description
	case "encoded", "content": // content:encoded, Atom content
		return &it.content
	case "pubdate", "published", "updated", "date", "dateposted", "date_posted":
		if name == "date" && space != "" && !strings.Contains(space, "purl.org/dc") {
			return nil
		}
		return &it.date
	case "company", "company_name", "companyname", "employer", "hiringorganization":
		return &it.company
	case "location", "region", "city", "joblocation":
		return &it.location
	case "salary", "pay", "compensation", "basesalary":
		return &it.salary
	}
	return nil
}

// add appends what the item gives: a link to its posting page with its
// card, or the posting itself when the card is complete.
func (it feedItem) add(p page, recs []data.RawRecord, follow []link) ([]data.RawRecord, []link) {
	if it.link == "" {
		return recs, follow
	}
	ref, err := p.url.Parse(it.link)
	if err != nil {
		return recs, follow
	}
	ref.Fragment = ""
	desc := it.content
	if desc == "" {
		desc = it.description
	}
	card := data.RawRecord{Title: cleanText(it.title), Company: cleanText(it.company), Location: cleanText(it.location),
		PayText: cleanText(it.salary), PostedDate: strings.TrimSpace(it.date), Description: htmlToText(unescapeMarkup(desc))}
	r, l := cardLink(p, ref.String(), card)
	if r != nil {
		recs = append(recs, *r)
	}
	if l != nil {
		follow = append(follow, *l)
	}
	return recs, follow
}

// jsonFeed is the part of a JSON Feed (jsonfeed.org, versions 1 and 1.1)
// that describes postings.
type jsonFeed struct {
	Version string `json:"version"`
	Items   []struct {
		URL           string `json:"url"`
		ExternalURL   string `json:"external_url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		ContentText   string `json:"content_text"`
		Summary       string `json:"summary"`
		DatePublished string `json:"date_published"`
	} `json:"items"`
}

// readJSONFeed reads a JSON Feed as readFeed reads RSS: each item's url
// (else external_url) with its title, content and date as its card.
func readJSONFeed(p page, body []byte) ([]data.RawRecord, []link) {
	var f jsonFeed
	if err := json.Unmarshal(body, &f); err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, fmt.Sprintf("JSON Feed is not valid JSON: %v", err))}, nil
	}
	if !strings.Contains(f.Version, "jsonfeed.org") {
		return []data.RawRecord{reject(p, data.RejectCodeBadJSON, "not a JSON Feed: no jsonfeed.org version")}, nil
	}
	var recs []data.RawRecord
	var follow []link
	for _, item := range f.Items {
		it := feedItem{link: item.URL, title: item.Title, description: item.Summary, date: item.DatePublished}
		if it.link == "" {
			it.link = item.ExternalURL
		}
		it.content = cmp.Or(item.ContentHTML, item.ContentText)
		recs, follow = it.add(p, recs, follow)
	}
	return recs, follow
}

// walkXML calls fn for every start element of a lenient reading of body:
// feeds and sitemaps in the wild carry HTML entities and declared
// encodings other than UTF-8.
func walkXML(body []byte, fn func(*xml.Decoder, xml.StartElement) error) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity // &nbsp;, &mdash;: feeds written by HTML templates
	d.CharsetReader = charset.NewReaderLabel
	seen := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !seen {
				return fmt.Errorf("no elements")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			seen = true
			if err := fn(d, el); err != nil {
				return err
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
