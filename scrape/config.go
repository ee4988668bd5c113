package scrape

import (
	"errors"
	"fmt"
	"time"

	"github.com/jobmarket/jobmarket/scrape/redisq"
)

// Defaults, chosen to be a polite citizen on a live board.
const (
	DefaultUserAgent   = "jobmarket/0.1 (+https://github.com/jobmarket/jobmarket)"
	DefaultParallelism = 2                      // per host: most boards tolerate two connections
	DefaultDelay       = 500 * time.Millisecond // between request starts, per host, plus up to half again as jitter
	DefaultRetries     = 3                      // transient failures (timeouts, 429, 5xx) only
	DefaultMaxBody     = 5 << 20                // 5 MB: larger than any real posting page
	DefaultStore       = ".jobmarket/pages"
	DefaultTimeout     = 30 * time.Second // a board slower than this is down, not busy
	DefaultMaxPages    = 50000            // per source: a big board's postings, not a runaway crawl
	DefaultMaxDepth    = 1000             // link hops from a start URL: deep pagination, not a calendar trap
	DefaultErrorBudget = 20               // failed fetches in a row before a source is given up
)

// Config holds the crawl settings shared by every source. The zero value of
// each field means its default.
type Config struct {
	// UserAgent identifies the crawler to the boards and is the agent
	// robots.txt rules are matched against. Default DefaultUserAgent.
	UserAgent string `yaml:"user_agent"`
	// Parallelism is the number of requests in flight per network host,
	// shared by every source that crawls the host. Default 2.
	Parallelism int `yaml:"parallelism"`
	// Delay is the pause between the starts of two requests to one network
	// host, with up to half again added as random jitter so requests do
	// not arrive in lockstep. A robots.txt Crawl-delay that asks for more
	// wins. Local files (bundled://, file://) and pages served from the
	// store are read without delay. Nil means 500ms; 0 turns delays off;
	// negative is an error.
	Delay *time.Duration `yaml:"delay"`
	// Robots says whether robots.txt is honoured. Default true (colly's own
	// default is to ignore it).
	Robots *bool `yaml:"robots"`
	// Retries is how often a transient failure (timeout, connection error,
	// truncated body, 429, 5xx) is retried, with exponential backoff and
	// jitter or after the server's Retry-After. Default 3.
	Retries *int `yaml:"retries"`
	// MaxBodyBytes caps a response; a larger page is rejected, not
	// truncated. Default 5 MB.
	MaxBodyBytes int `yaml:"max_body_bytes"`
	// Store is the folder, relative to the working folder, where every
	// response is kept (WARC files) before it is read. Default
	// .jobmarket/pages.
	Store string `yaml:"store"`
	// Timeout bounds one request attempt, body included; robots.txt too.
	// Default 30s.
	Timeout time.Duration `yaml:"timeout"`
	// MaxPages caps the requests made for one source. Default 50000.
	MaxPages int `yaml:"max_pages"`
	// MaxDepth caps the link hops from a start URL (a listing page's next
	// page is one hop, a posting it links to another). Default 1000.
	MaxDepth int `yaml:"max_depth"`
	// ErrorBudget is how many fetches of one source may fail in a row,
	// after retries, before the source is given up and the run goes on
	// with the others. Only server and network trouble counts, not a
	// missing page. Default 20.
	ErrorBudget int `yaml:"error_budget"`
	// MaxAge is how long a stored page is served instead of fetching it
	// again. Default 0: stored pages never expire, so a rerun reads the
	// same pages; use --refresh (Scraper.Refresh) or a max_age such as 24h
	// for fresh postings.
	MaxAge time.Duration `yaml:"max_age"`
	// Queue, when set, is the URL of a Redis server through which this
	// process shares its crawl with every other `jobmarket scrape` given the
	// same URL, on this machine or others:
	// redis://[user:password@]host[:port][/db][?crawl=name] (rediss:// for
	// TLS; port 6379, db 0 and crawl "default" by default). Each source
	// has one queue of requests and one set of URLs seen, shared by all,
	// so each page is fetched by one worker, once; each worker keeps the
	// pages it fetched in its own Store and returns their records. Workers
	// naming the same crawl join one crawl, and a crawl remembers what it
	// saw: crawl again under a new crawl name. Default "": the crawl is this
	// process's alone. Offline re-reads ignore it. Put the password in an
	// environment variable (${REDIS_PASSWORD}) so it is masked in outputs;
	// logs show only the host, db and crawl.
	Queue string `yaml:"queue"`
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
	if c.Delay == nil {
		d := DefaultDelay
		c.Delay = &d
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
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxPages == 0 {
		c.MaxPages = DefaultMaxPages
	}
	if c.MaxDepth == 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.ErrorBudget == 0 {
		c.ErrorBudget = DefaultErrorBudget
	}
}

// Validate reports every problem in the crawl settings and sources at once.
func (c Config) Validate(sources []Source) error {
	var errs []error
	negative := func(key string, v int64, show any) {
		if v < 0 {
			errs = append(errs, fmt.Errorf("scrape.%s: %v is negative", key, show))
		}
	}
	negative("parallelism", int64(c.Parallelism), c.Parallelism)
	if c.Delay != nil {
		negative("delay", int64(*c.Delay), *c.Delay)
	}
	if c.Retries != nil {
		negative("retries", int64(*c.Retries), *c.Retries)
	}
	negative("max_body_bytes", int64(c.MaxBodyBytes), c.MaxBodyBytes)
	negative("timeout", int64(c.Timeout), c.Timeout)
	negative("max_pages", int64(c.MaxPages), c.MaxPages)
	negative("max_depth", int64(c.MaxDepth), c.MaxDepth)
	negative("error_budget", int64(c.ErrorBudget), c.ErrorBudget)
	negative("max_age", int64(c.MaxAge), c.MaxAge)
	if c.Queue != "" {
		if _, err := redisq.ParseURL(c.Queue); err != nil {
			errs = append(errs, fmt.Errorf("scrape.queue: %w", err))
		}
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
		errs = append(errs, s.validate(at)...)
	}
	return errors.Join(errs...)
}
