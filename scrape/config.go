package scrape

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Source kinds this package can read.
const (
	KindJSONLD = "jsonld" // posting pages carrying schema.org JobPosting JSON-LD
	KindLever  = "lever"  // Lever postings API (GET /v0/postings/{company}?mode=json)
	KindHTML   = "html"   // posting pages without structured data, read by CSS selectors
)

// Defaults, chosen to be a polite citizen on a live board.
const (
	DefaultUserAgent   = "jobmarket/0.1 (+https://github.com/jobmarket/jobmarket)"
	DefaultParallelism = 2                      // per host: most boards tolerate two connections
	DefaultDelay       = 500 * time.Millisecond // per request, per host, plus up to half again as jitter
	DefaultRetries     = 3                      // transient failures (timeouts, 429, 5xx) only
	DefaultMaxBody     = 5 << 20                // 5 MB: larger than any real posting page
	DefaultStore       = ".jobmarket/pages"
)

// Config holds the crawl settings shared by every source. The zero value of
// each field means its default.
type Config struct {
	// UserAgent identifies the crawler to the boards. Default DefaultUserAgent.
	UserAgent string `yaml:"user_agent"`
	// Parallelism is the number of requests in flight per host. Default 2.
	Parallelism int `yaml:"parallelism"`
	// Delay is the pause between requests to one network host, with up to
	// half again added as random jitter. Local files (bundled://, file://)
	// are read without delay. Default 500ms; a negative value is an error.
	Delay time.Duration `yaml:"delay"`
	// Robots says whether robots.txt is honoured. Default true (colly's own
	// default is to ignore it).
	Robots *bool `yaml:"robots"`
	// Retries is how often a transient failure is retried, with exponential
	// backoff. Default 3.
	Retries *int `yaml:"retries"`
	// MaxBodyBytes caps a response; a larger page is rejected, not
	// truncated. Default 5 MB.
	MaxBodyBytes int `yaml:"max_body_bytes"`
	// Store is the folder where every fetched page is kept by its SHA-256.
	// Default .jobmarket/pages.
	Store string `yaml:"store"`
}

// Source is one board or API to collect postings from.
type Source struct {
	// Name labels the source in every output. Required, unique.
	Name string `yaml:"name"`
	// Kind is jsonld, lever or html.
	Kind string `yaml:"kind"`
	// StartURLs are listing pages (jsonld, html) or API endpoints (lever):
	// http(s)://, file:///abs/path or bundled://host/path.
	StartURLs []string `yaml:"start_urls"`
	// Links selects the posting links on a listing page (jsonld, html).
	Links string `yaml:"links"`
	// Next selects the link to the next listing page (jsonld, html); empty
	// when the board has a single listing page.
	Next string `yaml:"next"`
	// Fields selects each field on a posting page (html only).
	Fields Fields `yaml:"fields"`
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

// DefaultConfig returns the settings used when the config names none.
func DefaultConfig() Config {
	var c Config
	c.applyDefaults()
	return c
}

func (c *Config) applyDefaults() {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Parallelism == 0 {
		c.Parallelism = DefaultParallelism
	}
	if c.Delay == 0 {
		c.Delay = DefaultDelay
	}
	if c.Robots == nil {
		on := true
		c.Robots = &on
	}
	if c.Retries == nil {
		n := DefaultRetries
		c.Retries = &n
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = DefaultMaxBody
	}
	if c.Store == "" {
		c.Store = DefaultStore
	}
}

// Validate reports every problem in the crawl settings and sources at once.
func (c Config) Validate(sources []Source) error {
	var errs []error
	if c.Parallelism < 0 {
		errs = append(errs, fmt.Errorf("scrape.parallelism: %d is negative", c.Parallelism))
	}
	if c.Delay < 0 {
		errs = append(errs, fmt.Errorf("scrape.delay: %s is negative", c.Delay))
	}
	if c.Retries != nil && *c.Retries < 0 {
		errs = append(errs, fmt.Errorf("scrape.retries: %d is negative", *c.Retries))
	}
	if c.MaxBodyBytes < 0 {
		errs = append(errs, fmt.Errorf("scrape.max_body_bytes: %d is negative", c.MaxBodyBytes))
	}
	if len(sources) == 0 {
		errs = append(errs, errors.New("sources: none configured"))
	}
	seen := map[string]bool{}
	for i, s := range sources {
		at := fmt.Sprintf("sources[%d]", i)
		if s.Name == "" {
			errs = append(errs, fmt.Errorf("%s.name: missing", at))
		} else if seen[s.Name] {
			errs = append(errs, fmt.Errorf("%s.name: %q is used twice", at, s.Name))
		}
		seen[s.Name] = true
		switch s.Kind {
		case KindJSONLD, KindHTML:
			if s.Links == "" {
				errs = append(errs, fmt.Errorf("%s.links: missing (a CSS selector of posting links)", at))
			}
			if s.Kind == KindHTML && s.Fields.Title == "" {
				errs = append(errs, fmt.Errorf("%s.fields.title: missing (a CSS selector)", at))
			}
		case KindLever:
		default:
			errs = append(errs, fmt.Errorf("%s.kind: %q is not one of jsonld, lever, html", at, s.Kind))
		}
		if len(s.StartURLs) == 0 {
			errs = append(errs, fmt.Errorf("%s.start_urls: none given", at))
		}
		for j, raw := range s.StartURLs {
			if err := checkURL(raw); err != nil {
				errs = append(errs, fmt.Errorf("%s.start_urls[%d]: %w", at, j, err))
			}
		}
	}
	return errors.Join(errs...)
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
