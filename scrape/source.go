package scrape

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"

	"github.com/andybalholm/cascadia"

	"github.com/jobmarket/jobmarket/data"
)

// Names of the source kinds this package registers; see Kinds for the
// whole registry.
const (
	KindJSONLD     = "jsonld"     // posting pages carrying schema.org JobPosting JSON-LD
	KindLever      = "lever"      // Lever postings API (GET /v0/postings/{company}?mode=json)
	KindGreenhouse = "greenhouse" // Greenhouse job board API (GET /v1/boards/{token}/jobs?content=true)
	KindHTML       = "html"       // posting pages without structured data, read by CSS selectors
	KindFile       = "file"       // a researcher's own table: CSV, JSON Lines or Parquet
)

// Source is one board, API or file to collect postings from.
type Source struct {
	// Name labels the source in every output. Required, unique.
	Name string `yaml:"name"`
	// Kind names a registered kind (see Kinds); required.
	Kind string `yaml:"kind"`
	// StartURLs are listing pages (jsonld, html) or API endpoints (lever,
	// greenhouse): http(s)://, file:///abs/path or bundled://host/path.
	StartURLs []string `yaml:"start_urls,omitempty"`
	// Links selects the posting links on a listing page (jsonld, html).
	Links string `yaml:"links,omitempty"`
	// Next selects the link to the next listing page (jsonld, html); empty
	// when the board has a single listing page.
	Next string `yaml:"next,omitempty"`
	// Sitemaps are sitemap.xml URLs (sitemap indexes are followed) whose
	// entries are posting pages: another way into a jsonld or html board.
	Sitemaps []string `yaml:"sitemaps,omitempty"`
	// Feeds are RSS or Atom feed URLs whose items link to posting pages:
	// another way into a jsonld or html board.
	Feeds []string `yaml:"feeds,omitempty"`
	// Match, when set, is a regular expression every posting URL must
	// match; sitemaps list a whole site, not only its postings.
	Match string `yaml:"match,omitempty"`
	// Fields selects each field on a posting page (html only).
	Fields Fields `yaml:"fields,omitempty"`
	// MaxPages and MaxDepth override scrape.max_pages and scrape.max_depth
	// for this source; left out (nil), the scrape-wide value holds.
	// MaxDepth 0 fetches the start URLs, sitemaps and feeds only.
	MaxPages *int `yaml:"max_pages,omitempty"`
	MaxDepth *int `yaml:"max_depth,omitempty"`

	// Path is the table a file source reads. In a config file it is
	// relative to the file's folder; the command resolves it when it reads
	// the file, so here it is relative to the working folder.
	Path string `yaml:"path,omitempty"`
	// Format is csv, jsonl or parquet; empty means from Path's extension.
	Format string `yaml:"format,omitempty"`
	// Columns maps our field names (the raw table's columns: title,
	// company, location, country, remote, pay_text, pay_min, pay_max,
	// pay_currency, pay_period, description, posted_date, url) to the
	// file's column names. A field left out is looked for under its own
	// name, in any case.
	Columns map[string]string `yaml:"columns,omitempty"`

	// DateOrder is how the source writes numeric dates whose day and
	// month could be swapped ("07/08/2026"): dmy (day first) or mdy
	// (month first). Left out, only unambiguous ones ("19/07/2026",
	// "07/21/2026") are read, and the others are counted as unreadable.
	// Any kind may set it; the transform stage reads dates by it.
	DateOrder string `yaml:"date_order,omitempty"`

	// Cards reads the postings' cards on a listing page (html only): the
	// fields a card shows are kept, and a posting page is fetched only for
	// what its card lacks, not at all when the card is complete (title,
	// company, location, date, and description or pay). With Cards.Card
	// set, links is left out: each card's link is its posting.
	Cards Cards `yaml:"cards,omitempty"`

	// Pay is the source's own pay conventions: pay field values to ignore
	// (a board's site default) and whether the pay field or the
	// description is read first. Any kind may set it; the transform stage
	// applies it. Default none, field first.
	Pay data.PaySettings `yaml:"pay,omitempty"`
}

// Cards are the CSS selectors of the postings' cards on an html source's
// listing page. Card selects each card; the others select within it.
// Link defaults to the card's first a[href] (or the card itself when it
// is a link); the fields may each be left out.
type Cards struct {
	Card        string `yaml:"card,omitempty"`
	Link        string `yaml:"link,omitempty"`
	Title       string `yaml:"title,omitempty"`
	Company     string `yaml:"company,omitempty"`
	Location    string `yaml:"location,omitempty"`
	Pay         string `yaml:"pay,omitempty"`
	Date        string `yaml:"date,omitempty"`
	Description string `yaml:"description,omitempty"`
}

// Fields are the CSS selectors of an html source's posting page. Title is
// required; Pay may be empty, in which case pay is looked for in the
// description text.
type Fields struct {
	Title       string `yaml:"title,omitempty"`
	Company     string `yaml:"company,omitempty"`
	Location    string `yaml:"location,omitempty"`
	Pay         string `yaml:"pay,omitempty"`
	Date        string `yaml:"date,omitempty"`
	Description string `yaml:"description,omitempty"`
}

// crawled reports whether the source is fetched over URLs (every kind but
// file). An unknown kind is not crawled; Validate refuses it.
func (s Source) crawled() bool {
	k, ok := LookupKind(s.Kind)
	return ok && k.crawled()
}

// entryURLs lists every URL a crawl of s starts from.
func (s Source) entryURLs() []string {
	return slices.Concat(s.StartURLs, s.Sitemaps, s.Feeds)
}

// sourceKeys are the keys of a source besides name and kind, as written
// in pipeline.yaml.
var sourceKeys = []string{"start_urls", "links", "next", "sitemaps", "feeds", "match", "fields",
	"max_pages", "max_depth", "path", "format", "columns", "date_order", "cards", "pay"}

// setKeys lists the keys of sourceKeys that s sets.
func (s Source) setKeys() []string {
	set := map[string]bool{
		"start_urls": len(s.StartURLs) > 0, "links": s.Links != "", "next": s.Next != "",
		"sitemaps": len(s.Sitemaps) > 0, "feeds": len(s.Feeds) > 0, "match": s.Match != "",
		"fields": s.Fields != Fields{}, "max_pages": s.MaxPages != nil, "max_depth": s.MaxDepth != nil,
		"path": s.Path != "", "format": s.Format != "", "columns": len(s.Columns) > 0, "date_order": s.DateOrder != "",
		"cards": s.Cards != Cards{}, "pay": !s.Pay.IsZero(),
	}
	var keys []string
	for _, k := range sourceKeys {
		if set[k] {
			keys = append(keys, k)
		}
	}
	return keys
}

// checkCommon checks what every source may set, whatever its kind: URLs,
// selectors, the match pattern and limits.
func (s Source) checkCommon() []error {
	var errs []error
	bad := func(path, format string, args ...any) { errs = append(errs, data.FieldErrorf(path, format, args...)) }
	for _, list := range []struct {
		key  string
		urls []string
	}{{"start_urls", s.StartURLs}, {"sitemaps", s.Sitemaps}, {"feeds", s.Feeds}} {
		for j, raw := range list.urls {
			if err := checkURL(raw); err != nil {
				bad(fmt.Sprintf("%s[%d]", list.key, j), "%v", err)
			}
		}
	}
	for key, sel := range map[string]string{"links": s.Links, "next": s.Next, "fields.title": s.Fields.Title,
		"fields.company": s.Fields.Company, "fields.location": s.Fields.Location, "fields.pay": s.Fields.Pay,
		"fields.date": s.Fields.Date, "fields.description": s.Fields.Description, "cards.card": s.Cards.Card,
		"cards.link": s.Cards.Link, "cards.title": s.Cards.Title, "cards.company": s.Cards.Company,
		"cards.location": s.Cards.Location, "cards.pay": s.Cards.Pay, "cards.date": s.Cards.Date,
		"cards.description": s.Cards.Description} {
		if sel == "" {
			continue
		}
		if _, err := cascadia.ParseGroup(sel); err != nil {
			bad(key, "%q is not a CSS selector: %v", sel, err)
		}
	}
	if s.Match != "" {
		if _, err := regexp.Compile(s.Match); err != nil {
			bad("match", "%q is not a regular expression: %v", s.Match, err)
		}
	}
	if s.DateOrder != "" && s.DateOrder != data.DateOrderDMY && s.DateOrder != data.DateOrderMDY {
		bad("date_order", "%q is neither %s (day first) nor %s (month first)", s.DateOrder, data.DateOrderDMY, data.DateOrderMDY)
	}
	if err := data.WithinField("pay", errors.Join(s.Pay.Validate()...)); err != nil {
		errs = append(errs, err)
	}
	if s.MaxPages != nil && *s.MaxPages < 1 {
		bad("max_pages", "%d is less than 1", *s.MaxPages)
	}
	if s.MaxDepth != nil && *s.MaxDepth < 0 {
		bad("max_depth", "%d is negative", *s.MaxDepth)
	}
	return errs
}

// checkPages is the check of a kind that reads listing pages, sitemaps or
// feeds (jsonld, html).
func checkPages(s Source) error {
	var errs []error
	if len(s.StartURLs) == 0 && len(s.Sitemaps) == 0 && len(s.Feeds) == 0 {
		errs = append(errs, data.FieldErrorf("start_urls", "none given (give start_urls with links, sitemaps or feeds)"))
	}
	if len(s.StartURLs) > 0 && s.Links == "" {
		errs = append(errs, data.FieldErrorf("links", "missing (a CSS selector of posting links)"))
	}
	return errors.Join(errs...)
}

// checkAPI is the check of a kind that reads API endpoints (lever,
// greenhouse).
func checkAPI(s Source) error {
	if len(s.StartURLs) == 0 {
		return data.FieldErrorf("start_urls", "none given")
	}
	return nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %w", raw, err)
	}
	switch u.Scheme {
	case "http", "https", BundledScheme:
		if u.Host == "" {
			return fmt.Errorf("%q has no host", raw)
		}
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return fmt.Errorf("%q: a file URL needs an absolute path (file:///path), not host %q", raw, u.Host)
		}
	default:
		return fmt.Errorf("%q: scheme must be http, https, file or %s", raw, BundledScheme)
	}
	return nil
}
