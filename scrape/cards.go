package scrape

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/jobmarket/jobmarket/data"
)

// A card is what a feed item or a listing-page card says of a posting
// before its page is fetched: often its title, company, place, pay or
// date. The card's fields are kept; the posting page is fetched only for
// what the card lacks, and not at all when the card is complete.

// ctxCard is the key of a posting request's colly context holding its
// card as JSON, so that the card survives the shared queue too.
const ctxCard = "card"

// complete reports whether a card holds a whole posting: title, company,
// place, date, and the text or pay the role and pay are read from. Its
// posting page is then not fetched.
func complete(c *data.RawRecord) bool {
	return c.Title != "" && c.Company != "" && c.Location != "" && c.PostedDate != "" &&
		(c.Description != "" || c.PayText != "")
}

// cardLink is a link to a posting page carrying the card that led to it,
// or, for a complete card, the record the card is: no fetch is needed.
// A card whose URL the source's match refuses is neither.
func cardLink(p page, u string, card data.RawRecord) (*data.RawRecord, *link) {
	if p.source.Match != "" && !regexp.MustCompile(p.source.Match).MatchString(u) {
		return nil, nil
	}
	if complete(&card) {
		r := newRecord(p, u)
		mergeCard(&r, &card)
		return &r, nil
	}
	l := get(u, rolePosting)
	if card != (data.RawRecord{}) {
		l.card = &card
	}
	return nil, &l
}

// encodeCard is a card as the request context holds it.
func encodeCard(c *data.RawRecord) string {
	b, _ := json.Marshal(c) // a record of strings and finite numbers always encodes
	return string(b)
}

// decodeCard reads what encodeCard wrote; "" is no card.
func decodeCard(s string) *data.RawRecord {
	if s == "" {
		return nil
	}
	var c data.RawRecord
	if json.Unmarshal([]byte(s), &c) != nil {
		return nil
	}
	return &c
}

// withCard puts a posting page's card into the records read from it: the
// card's fields are kept over the page's, except the description, where
// the page's full text is kept over the card's summary. A page that could
// not be read as a posting still gives the posting its card describes,
// when the card has a title. A page of several postings keeps its own.
func withCard(card *data.RawRecord, recs []data.RawRecord) []data.RawRecord {
	if card == nil || len(recs) != 1 {
		return recs // a page of several postings: which one the card is, is unknown
	}
	for i := range recs {
		r := &recs[i]
		if r.RejectReason != "" {
			if card.Title == "" {
				continue
			}
			r.RejectReason, r.RejectCode = "", ""
		}
		desc := r.Description
		mergeCard(r, card)
		if desc != "" {
			r.Description = desc
		}
	}
	return recs
}

// mergeCard sets every field of r that the card gives.
func mergeCard(r, card *data.RawRecord) {
	for _, f := range []struct{ dst, src *string }{
		{&r.Title, &card.Title}, {&r.Company, &card.Company}, {&r.Location, &card.Location},
		{&r.Country, &card.Country}, {&r.Remote, &card.Remote}, {&r.PayText, &card.PayText},
		{&r.PostedDate, &card.PostedDate}, {&r.Description, &card.Description},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	if card.PayText != "" {
		r.PaySource = data.PaySourceEmployer
	}
}

// readCards follows a listing page of cards (an html source's cards):
// each card matching Cards.Card links to its posting and carries what it
// shows of it; the Next selector gives the following listing page. A
// listing page with no card that links anywhere is a reject, as an empty
// listing page is.
func readCards(p page) ([]data.RawRecord, []link) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.body))
	if err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeNotHTML, fmt.Sprintf("listing page is not HTML: %v", err))}, nil
	}
	c := p.source.Cards
	var recs []data.RawRecord
	var follow []link
	doc.Find(c.Card).Each(func(_ int, card *goquery.Selection) {
		href := cardHref(card, c.Link)
		ref, err := p.url.Parse(href)
		if href == "" || err != nil {
			return
		}
		ref.Fragment = ""
		date := ""
		if c.Date != "" {
			d := card.Find(c.Date).First()
			date = d.AttrOr("datetime", "")
			if date == "" {
				date = selectionText(d)
			}
		}
		field := func(sel string) string {
			if sel == "" {
				return ""
			}
			return selectionText(card.Find(sel).First())
		}
		r, l := cardLink(p, ref.String(), data.RawRecord{Title: field(c.Title), Company: field(c.Company),
			Location: field(c.Location), PayText: field(c.Pay), PostedDate: strings.TrimSpace(date), Description: field(c.Description)})
		if r != nil {
			recs = append(recs, *r)
		}
		if l != nil {
			follow = append(follow, *l)
		}
	})
	if len(recs) == 0 && len(follow) == 0 {
		return []data.RawRecord{reject(p, data.RejectCodeNoLinks, fmt.Sprintf("listing page has no cards matching %q that link to a posting", c.Card))}, nil
	}
	if p.source.Next != "" {
		doc.Find(p.source.Next).Each(func(_ int, s *goquery.Selection) {
			if ref, err := p.url.Parse(s.AttrOr("href", "")); err == nil && s.AttrOr("href", "") != "" {
				ref.Fragment = ""
				follow = append(follow, get(ref.String(), roleListing))
			}
		})
	}
	return recs, follow
}

// cardHref is the link of a card: what sel selects in it, else the card
// itself when it is a link, else its first link.
func cardHref(card *goquery.Selection, sel string) string {
	if sel != "" {
		return card.Find(sel).First().AttrOr("href", "")
	}
	if href, ok := card.Attr("href"); ok {
		return href
	}
	return card.Find("a[href]").First().AttrOr("href", "")
}

// selectionText is the text of an element, block-aware ("<p>a</p><p>b"
// keeps its space).
func selectionText(s *goquery.Selection) string {
	fragment, err := goquery.OuterHtml(s)
	if err != nil || s.Length() == 0 {
		return ""
	}
	return htmlToText(fragment)
}
