package scrape

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/PuerkitoBio/goquery"
	"github.com/jobmarket/jobmarket/data"
)

// The html kind reads boards without structured data, python.org/jobs
// being the model: each field of a posting page is found by a CSS
// selector; listing pages, sitemaps or feeds lead to the posting pages.
var _ = register(Kind{
	Name:     KindHTML,
	Doc:      "posting pages without structured data, each field found by a CSS selector (fields), reached by listing pages, sitemaps or feeds",
	Keys:     []string{"start_urls", "links", "next", "sitemaps", "feeds", "match", "fields", "max_pages", "max_depth", "cards"},
	Required: []string{"fields"},
	Check: func(s Source) error {
		var err error
		switch {
		case s.Cards.Card != "" && s.Links != "":
			err = data.FieldErrorf("links", "give links or cards.card, not both (each card links to its posting)")
		case s.Cards.Card != "":
			s.Links = s.Cards.Card // each card links to its posting
		}
		err = errors.Join(err, checkPages(s))
		if s.Cards != (Cards{}) && s.Cards.Card == "" {
			err = errors.Join(err, data.FieldErrorf("cards.card", "missing (a CSS selector of each card)"))
		}
		if s.Fields.Title == "" {
			err = errors.Join(err, data.FieldErrorf("fields.title", "missing (a CSS selector)"))
		}
		return err
	},
	reader: htmlReader{},
})

type htmlReader struct{}

func (htmlReader) start(src Source) []link { return startURLs(src, roleListing) }

func (htmlReader) read(p page) ([]data.RawRecord, []link) {
	if p.role == roleListing {
		if p.source.Cards.Card != "" {
			return readCards(p)
		}
		return readListing(p)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.body))
	if err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeNotHTML, fmt.Sprintf("posting page is not HTML: %v", err))}, nil
	}
	f := p.source.Fields
	text := func(sel string) string {
		if sel == "" {
			return ""
		}
		// Block-aware, so "<p>…people.</p><p>We pay" keeps its space.
		fragment, err := goquery.OuterHtml(doc.Find(sel).First())
		if err != nil {
			return ""
		}
		return htmlToText(fragment)
	}
	r := newRecord(p, p.url.String())
	r.Title = text(f.Title)
	if r.Title == "" {
		return []data.RawRecord{reject(p, data.RejectCodeNoTitle, fmt.Sprintf("posting page has no title matching %q", f.Title))}, nil
	}
	r.Company = text(f.Company)
	r.Location = text(f.Location)
	r.PayText = text(f.Pay)
	r.Description = text(f.Description)
	if f.Date != "" {
		// A <time datetime="..."> holds the machine-readable date.
		d := doc.Find(f.Date).First()
		if dt, ok := d.Attr("datetime"); ok && dt != "" {
			r.PostedDate = dt
		} else {
			r.PostedDate = text(f.Date)
		}
	}
	if r.PayText != "" {
		r.PaySource = data.PaySourceEmployer
	}
	return []data.RawRecord{r}, nil
}
