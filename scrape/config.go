package scrape

import (
	"errors"
	"fmt"
	"time"

	"github.com/jobmarket/jobmarket/data"
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
	// DefaultSourceDeadline is long enough for a large board at the
	// default pace (some 10,000 pages; a rerun goes on from the store),
	// short enough that a board stalling every request with long
	// Retry-After pauses costs an afternoon at most.
	DefaultSourceDeadline = 2 * time.Hour
	DefaultRunDeadline    = 6 * time.Hour // every source together
)

// Config holds the crawl settings shared by every source. DefaultConfig
// holds every default; a config file is decoded on top of it, so a key
// left out keeps its default and a value given, zero included, is taken as
// written (Validate refuses zeros that mean nothing).
type Config struct {
	// UserAgent identifies the crawler to the boards and is the agent
	// robots.txt rules are matched against. Default DefaultUserAgent;
	// empty is an error.
	UserAgent string `yaml:"user_agent"`
	// Parallelism is the number of requests in flight per network host,
	// shared by every source that crawls the host. Default 2; at least 1.
	Parallelism int `yaml:"parallelism"`
	// Delay is the pause between the starts of two requests to one network
	// host, with up to half again added as random jitter so requests do
	// not arrive in lockstep. A robots.txt Crawl-delay that asks for more
	// wins. Local files (bundled://, file://) and pages served from the
	// store are read without delay. Default 500ms; 0 turns delays off;
	// negative is an error.
	Delay time.Duration `yaml:"delay"`
	// Robots says whether robots.txt is honoured. Default true (colly's own
	// default is to ignore it).
	Robots bool `yaml:"robots"`
	// Retries is how often a transient failure (timeout, connection error,
	// truncated body, 429, 5xx) is retried, with exponential backoff and
	// jitter or after the server's Retry-After. Default 3; 0 asks once.
	Retries int `yaml:"retries"`
	// MaxBodyBytes caps a response; a larger page is rejected, not
	// truncated. Default 5242880 (5 MB); at least 1.
	MaxBodyBytes int `yaml:"max_body_bytes"`
	// Store is the folder, relative to the working folder, where every
	// response is kept (WARC files) before it is read. Default
	// .jobmarket/pages; empty is an error.
	Store string `yaml:"store"`
	// Timeout bounds one request attempt, body included; robots.txt too.
	// Default 30s; 0 sets no bound (Ctrl-C still stops a request).
	Timeout time.Duration `yaml:"timeout"`
	// MaxPages caps the requests made for one source, POSTs included.
	// Default 50000; at least 1.
	MaxPages int `yaml:"max_pages"`
	// MaxDepth caps the link hops from a start URL (a listing page's next
	// page is one hop, a posting it links to another). Default 1000; 0
	// fetches the start URLs, sitemaps and feeds only.
	MaxDepth int `yaml:"max_depth"`
	// ErrorBudget is how many fetches of one source may fail in a row,
	// after retries, before the source is given up and the run goes on
	// with the others. Only server and network trouble counts, not a
	// missing page. Default 20; at least 1.
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
	// SourceDeadline bounds the time one crawled source may take. A
	// source past it is given up, as when its error budget runs out:
	// nothing more is asked of it (requests in flight end within
	// Timeout), the run goes on with the others and ends saying so
	// (exit 3). Default 2h; 0 sets no bound; negative is an error.
	SourceDeadline time.Duration `yaml:"source_deadline"`
	// RunDeadline bounds the time of the whole scrape: every crawled
	// source not done by then is given up. Default 6h; 0 sets no bound;
	// negative is an error.
	RunDeadline time.Duration `yaml:"run_deadline"`
}

// DefaultConfig returns every crawl setting's default: what a config
// that names none gets, and what a config file is decoded on top of.
func DefaultConfig() Config {
	return Config{
		UserAgent:    DefaultUserAgent,
		Parallelism:  DefaultParallelism,
		Delay:        DefaultDelay,
		Robots:       true,
		Retries:      DefaultRetries,
		MaxBodyBytes: DefaultMaxBody,
		Store:        DefaultStore,
		Timeout:      DefaultTimeout,
		MaxPages:     DefaultMaxPages,
		MaxDepth:     DefaultMaxDepth,
		ErrorBudget:  DefaultErrorBudget,
		MaxAge:       0,
		Queue:        "",

		SourceDeadline: DefaultSourceDeadline,
		RunDeadline:    DefaultRunDeadline,
	}
}

// Validate reports every problem in the crawl settings and sources at
// once, as data.FieldErrors whose paths are those of pipeline.yaml
// ("scrape.delay", "sources[1].kind", "sources[0].start_urls[2]"), joined.
func (c Config) Validate(sources []Source) error {
	var errs []error
	bad := func(key, format string, args ...any) { errs = append(errs, data.FieldErrorf(key, format, args...)) }
	atLeast := func(key string, v, low int) {
		if v < low {
			bad(key, "%d is less than %d", v, low)
		}
	}
	negative := func(key string, d time.Duration) {
		if d < 0 {
			bad(key, "%v is negative", d)
		}
	}
	if c.UserAgent == "" {
		bad("user_agent", "empty (boards and robots.txt need to know who asks)")
	}
	atLeast("parallelism", c.Parallelism, 1)
	negative("delay", c.Delay)
	if c.Retries < 0 {
		bad("retries", "%d is negative", c.Retries)
	}
	atLeast("max_body_bytes", c.MaxBodyBytes, 1)
	if c.Store == "" {
		bad("store", "empty (name the folder pages are kept in)")
	}
	negative("timeout", c.Timeout)
	atLeast("max_pages", c.MaxPages, 1)
	if c.MaxDepth < 0 {
		bad("max_depth", "%d is negative", c.MaxDepth)
	}
	atLeast("error_budget", c.ErrorBudget, 1)
	negative("max_age", c.MaxAge)
	negative("source_deadline", c.SourceDeadline)
	negative("run_deadline", c.RunDeadline)
	if c.Queue != "" {
		if _, err := redisq.ParseURL(c.Queue); err != nil {
			bad("queue", "%w", err)
		}
	}
	all := []error{data.WithinField("scrape", errors.Join(errs...))}
	if len(sources) == 0 {
		all = append(all, data.FieldErrorf("sources", "none configured"))
	}
	seen := map[string]bool{}
	for i, s := range sources {
		at := fmt.Sprintf("sources[%d]", i)
		if s.Name != "" && seen[s.Name] {
			all = append(all, data.FieldErrorf(at+".name", "%q is used twice", s.Name))
		}
		seen[s.Name] = true
		all = append(all, data.WithinField(at, s.validate()))
	}
	return errors.Join(all...)
}
