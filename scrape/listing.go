package scrape

import (
	"bytes"
	"fmt"

	"github.com/PuerkitoBio/goquery"
	"github.com/jobmarket/jobmarket/data"
)

// readListing follows a listing page: every element matching the source's
// Links selector is a posting, the Next selector the following listing page.
// A listing page that is not HTML or links to nothing is a reject, since a
// silent empty page usually means the board changed its markup.
func readListing(p page) ([]data.RawRecord, []link) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.body))
	if err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeNotHTML, fmt.Sprintf("listing page is not HTML: %v", err))}, nil
	}
	var follow []link
	add := func(sel string, role pageRole) {
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			href, ok := s.Attr("href")
			if !ok || href == "" {
				return
			}
			ref, err := p.url.Parse(href)
			if err != nil {
				return
			}
			ref.Fragment = ""
			follow = append(follow, get(ref.String(), role))
		})
	}
	add(p.source.Links, rolePosting)
	if len(follow) == 0 {
		return []data.RawRecord{reject(p, data.RejectCodeNoLinks, fmt.Sprintf("listing page has no posting links matching %q", p.source.Links))}, nil
	}
	if p.source.Next != "" {
		add(p.source.Next, roleListing)
	}
	return nil, follow
}
