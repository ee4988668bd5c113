package scrape

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/andybalholm/cascadia"

	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// Source kinds this package can read.
const (
	KindJSONLD     = "jsonld"     // posting pages carrying schema.org JobPosting JSON-LD
	KindLever      = "lever"      // Lever postings API (GET /v0/postings/{company}?mode=json)
	KindGreenhouse = "greenhouse" // Greenhouse job board API (GET /v1/boards/{token}/jobs?content=true)
	KindHTML       = "html"       // posting pages without structured data, read by CSS selectors
	KindFile       = "file"       // a researcher's own table: CSV, JSON Lines or Parquet
)

// Kinds lists every source kind, for config schemas and messages.
var Kinds = []string{KindJSONLD, KindLever, KindGreenhouse, KindHTML, KindFile}

// Source is one board, API or file to collect postings from.
type Source struct {
	// Name labels the source in every output. Required, unique.
	Name string `yaml:"name"`
	// Kind is one of Kinds.
	Kind string `yaml:"kind"`
	// StartURLs are listing pages (jsonld, html) or API endpoints (lever,
	// greenhouse): http(s)://, file:///abs/path or bundled://host/path.
	StartURLs []string `yaml:"start_urls"`
	// Links selects the posting links on a listing page (jsonld, html).
	Links string `yaml:"links"`
	// Next selects the link to the next listing page (jsonld, html); empty
	// when the board has a single listing page.
	Next string `yaml:"next"`
	// Sitemaps are sitemap.xml URLs (sitemap indexes are followed) whose
	// entries are posting pages: another way into a jsonld or html board.
	Sitemaps []string `yaml:"sitemaps"`
	// Feeds are RSS or Atom feed URLs whose items link to posting pages:
	// another way into a jsonld or html board.
	Feeds []string `yaml:"feeds"`
	// Match, when set, is a regular expression every posting URL must
	// match; sitemaps list a whole site, not only its postings.
	Match string `yaml:"match"`
	// Fields selects each field on a posting page (html only).
	Fields Fields `yaml:"fields"`
	// MaxPages and MaxDepth override scrape.max_pages and scrape.max_depth
	// for this source; 0 keeps them.
	MaxPages int `yaml:"max_pages"`
	MaxDepth int `yaml:"max_depth"`

	// Path is the table a file source reads, relative to the working folder.
	Path string `yaml:"path"`
	// Format is csv, jsonl or parquet; empty means from Path's extension.
	Format string `yaml:"format"`
	// Columns maps our field names (the raw table's columns: title,
	// company, location, country, remote, pay_text, pay_min, pay_max,
	// pay_currency, pay_period, description, posted_date, url) to the
	// file's column names. A field left out is looked for under its own
	// name, in any case.
	Columns map[string]string `yaml:"columns"`
}

// Fields are the CSS selectors of an html source's posting page. Title is
// required; Pay may be empty, in which case pay is looked for in the
// description text.
type Fields struct {
	Title       string `yaml:"title"`
	Company     string `yaml:"company"`
	Location    string `yaml:"location"`
	Pay         string `yaml:"pay"`
	Date        string `yaml:"date"`
	Description string `yaml:"description"`
}

// crawled reports whether the source is fetched over URLs (every kind but
// file).
func (s Source) crawled() bool { return s.Kind != KindFile }

// entryURLs lists every URL a crawl of s starts from.
func (s Source) entryURLs() []string {
	return slices.Concat(s.StartURLs, s.Sitemaps, s.Feeds)
}

func (s Source) validate(at string) []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s.%s: "+format, append([]any{at, field}, args...)...))
	}
	pages := len(s.StartURLs) > 0
	switch s.Kind {
	case KindJSONLD, KindHTML:
		if !pages && len(s.Sitemaps) == 0 && len(s.Feeds) == 0 {
			bad("start_urls", "none given (give start_urls with links, sitemaps or feeds)")
		}
		if pages && s.Links == "" {
			bad("links", "missing (a CSS selector of posting links)")
		}
		if s.Kind == KindHTML && s.Fields.Title == "" {
			bad("fields.title", "missing (a CSS selector)")
		}
	case KindLever, KindGreenhouse:
		if !pages {
			bad("start_urls", "none given")
		}
		if len(s.Sitemaps) > 0 || len(s.Feeds) > 0 || s.Links != "" {
			bad("start_urls", "an API source reads its start_urls only (no links, sitemaps or feeds)")
		}
	case KindFile:
		if s.Path == "" {
			bad("path", "missing (the table to read)")
		}
		if pages || len(s.Sitemaps) > 0 || len(s.Feeds) > 0 {
			bad("start_urls", "a file source reads path, not URLs")
		}
		if _, err := tablefile.FormatOf(s.Path, s.Format); err != nil && s.Path != "" {
			bad("format", "%v", err)
		}
		for field := range s.Columns {
			if !slices.Contains(tablefile.Fields, field) {
				bad("columns", "%q is not one of %s", field, strings.Join(tablefile.Fields, ", "))
			}
		}
	default:
		bad("kind", "%q is not one of %s", s.Kind, strings.Join(Kinds, ", "))
	}
	if s.Kind != KindFile && (s.Path != "" || s.Format != "" || len(s.Columns) > 0) {
		bad("path", "only a file source reads a path, format and columns")
	}
	for key, list := range map[string][]string{"start_urls": s.StartURLs, "sitemaps": s.Sitemaps, "feeds": s.Feeds} {
		for j, raw := range list {
			if err := checkURL(raw); err != nil {
				bad(fmt.Sprintf("%s[%d]", key, j), "%v", err)
			}
		}
	}
	for key, sel := range map[string]string{"links": s.Links, "next": s.Next, "fields.title": s.Fields.Title,
		"fields.company": s.Fields.Company, "fields.location": s.Fields.Location, "fields.pay": s.Fields.Pay,
		"fields.date": s.Fields.Date, "fields.description": s.Fields.Description} {
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
	if s.MaxPages < 0 {
		bad("max_pages", "%d is negative", s.MaxPages)
	}
	if s.MaxDepth < 0 {
		bad("max_depth", "%d is negative", s.MaxDepth)
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
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
