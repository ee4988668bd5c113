package scrape

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/jobmarket/jobmarket/data"
)

// requestTimeout bounds one request, robots.txt included.
const requestTimeout = 30 * time.Second

// localParallelism is how many bundled:// or file:// pages are read at
// once: reading local files needs no politeness, only a bound on memory.
const localParallelism = 8

// Scraper collects postings. Bundled and Network are what tests and the
// command swap; they are not part of the YAML config.
type Scraper struct {
	Config  Config
	Bundled fs.FS             // served as bundled://host/path; nil disables the scheme
	Network http.RoundTripper // for http(s); nil means http.DefaultTransport
	Log     *slog.Logger      // nil means slog.Default()
}

// SourceStats counts what happened while crawling one source.
type SourceStats struct {
	Source        string
	Responses     int // pages and API responses received
	Records       int // postings read, rejects included
	Rejects       int // records that could not be read
	RobotsBlocked int // URLs robots.txt disallowed, never fetched
	Retries       int
}

// Result is what a crawl produced. Records are ordered by source (config
// order) and URL, so the same pages always give the same table.
type Result struct {
	Records []data.RawRecord
	Stats   []SourceStats
}

// Run crawls every source, sources in parallel. A source that fails does
// not stop the others; its failures are rejects in the result. Run returns
// ctx.Err() if it was cancelled, together with everything collected so far.
func (s *Scraper) Run(ctx context.Context, sources []Source) (Result, error) {
	cfg := s.Config
	cfg.applyDefaults()
	if err := cfg.Validate(sources); err != nil {
		return Result{}, err
	}
	log := cmp.Or(s.Log, slog.Default())
	results := make([]sourceResult, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Go(func() {
			start := time.Now()
			results[i] = s.crawl(ctx, cfg, src)
			st := results[i].stats
			log.Info("scraped source", "source", src.Name, "responses", st.Responses,
				"records", st.Records, "rejects", st.Rejects, "robots_blocked", st.RobotsBlocked,
				"duration", time.Since(start).Round(time.Millisecond))
		})
	}
	wg.Wait()
	var res Result
	for _, r := range results {
		slices.SortStableFunc(r.records, func(a, b data.RawRecord) int { return cmp.Compare(a.URL, b.URL) })
		res.Records = append(res.Records, r.records...)
		res.Stats = append(res.Stats, r.stats)
	}
	return res, ctx.Err()
}

type sourceResult struct {
	records []data.RawRecord
	stats   SourceStats
}

// crawl runs one source through its own colly collector, so that each
// source has its own allowed domains, limits and visited set.
func (s *Scraper) crawl(ctx context.Context, cfg Config, src Source) sourceResult {
	rd := readerFor(src.Kind)
	store := pageStore{dir: cfg.Store}
	var (
		mu  sync.Mutex
		out = sourceResult{stats: SourceStats{Source: src.Name}}
	)
	add := func(recs []data.RawRecord, responses, retries int) {
		mu.Lock()
		defer mu.Unlock()
		out.records = append(out.records, recs...)
		out.stats.Responses += responses
		out.stats.Retries += retries
		for _, r := range recs {
			out.stats.Records++
			if r.RejectReason != "" {
				out.stats.Rejects++
			}
		}
	}
	failed := func(u string, reason string) data.RawRecord {
		r := reject(page{source: src, url: &url.URL{}}, reason)
		r.URL = u
		return r
	}

	c := colly.NewCollector(colly.StdlibContext(ctx), colly.Async(true))
	// Set after construction: NewCollector lets COLLY_* environment
	// variables override options, and a run must do what its config says.
	c.UserAgent = cfg.UserAgent
	c.IgnoreRobotsTxt = !*cfg.Robots
	c.MaxBodySize = cfg.MaxBodyBytes + 1 // one byte more reveals an over-size page instead of truncating it
	c.MaxDepth = 0
	c.AllowURLRevisit = false
	c.WithTransport(&Transport{Bundled: s.Bundled, Network: s.Network})
	c.SetRequestTimeout(requestTimeout)
	var rules []*colly.LimitRule
	for _, h := range hostsOf(src.StartURLs) {
		c.AllowedDomains = append(c.AllowedDomains, h.domain)
		rule := &colly.LimitRule{DomainGlob: h.glob, Parallelism: localParallelism}
		if h.network {
			rule.Parallelism, rule.Delay, rule.RandomDelay = cfg.Parallelism, cfg.Delay, cfg.Delay/2
		}
		rules = append(rules, rule)
	}
	if err := c.Limits(rules); err != nil {
		add([]data.RawRecord{failed(src.StartURLs[0], fmt.Sprintf("set crawl limits: %v", err))}, 0, 0)
		return out
	}

	var visit func(u string, role pageRole)
	visit = func(u string, role pageRole) {
		cctx := colly.NewContext()
		cctx.Put("role", string(role))
		cctx.Put("attempt", 0)
		err := c.Request(http.MethodGet, u, nil, cctx, nil)
		var already *colly.AlreadyVisitedError
		switch {
		case err == nil, errors.As(err, &already):
		case errors.Is(err, colly.ErrRobotsTxtBlocked):
			mu.Lock()
			out.stats.RobotsBlocked++
			mu.Unlock()
			add([]data.RawRecord{failed(u, "disallowed by robots.txt; not fetched")}, 0, 0)
		case errors.Is(err, colly.ErrForbiddenDomain):
			add([]data.RawRecord{failed(u, "link leaves the source's domains; not followed")}, 0, 0)
		case ctx.Err() != nil:
		default:
			add([]data.RawRecord{failed(u, fmt.Sprintf("request %s page: %v", role, err))}, 0, 0)
		}
	}

	c.OnRequest(func(r *colly.Request) {
		// Queued requests still wait out their delay after a cancel, and
		// local transports ignore the context: stop them here.
		if ctx.Err() != nil {
			r.Abort()
		}
	})
	c.OnResponse(func(resp *colly.Response) {
		p := page{source: src, url: resp.Request.URL, role: pageRole(resp.Ctx.Get("role")), body: resp.Body}
		if len(resp.Body) > cfg.MaxBodyBytes {
			add([]data.RawRecord{reject(p, fmt.Sprintf("page larger than max_body_bytes (%d bytes); not read", cfg.MaxBodyBytes))}, 1, 0)
			return
		}
		sha, err := store.put(resp.Body)
		if err != nil {
			add([]data.RawRecord{reject(p, err.Error())}, 1, 0)
			return
		}
		p.sha256 = sha
		recs, follow := rd.read(p)
		add(recs, 1, 0)
		for _, l := range follow {
			visit(l.url, l.role)
		}
	})
	c.OnError(func(resp *colly.Response, err error) {
		if ctx.Err() != nil {
			return
		}
		attempt, _ := resp.Ctx.GetAny("attempt").(int)
		if transient(resp.StatusCode, err) && attempt < *cfg.Retries {
			if sleep(ctx, backoff(attempt, headerOf(resp))) {
				resp.Ctx.Put("attempt", attempt+1)
				if rerr := resp.Request.Retry(); rerr == nil {
					add(nil, 0, 1)
					return
				}
			}
		}
		reason := fmt.Sprintf("fetch %s page: %v", resp.Ctx.Get("role"), err)
		if resp.StatusCode != 0 {
			reason = fmt.Sprintf("fetch %s page: HTTP %d", resp.Ctx.Get("role"), resp.StatusCode)
		}
		if attempt > 0 {
			reason += fmt.Sprintf(" after %d retries", attempt)
		}
		add([]data.RawRecord{failed(resp.Request.URL.String(), reason)}, 0, 0)
	})

	for _, u := range src.StartURLs {
		visit(u, rd.startRole())
	}
	c.Wait()
	return out
}

func headerOf(resp *colly.Response) http.Header {
	if resp.Headers == nil {
		return nil
	}
	return *resp.Headers
}

// host is one place a source's pages come from. colly compares allowed
// domains without the port but matches limit rules against the host with
// its port, so both are kept.
type host struct {
	domain  string // host name without port; "" for file://
	glob    string // limit-rule pattern: host with port, "*" for file://
	network bool   // http(s): politeness applies; local files are read at once
}

func hostsOf(urls []string) []host {
	var hosts []host
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		h := host{domain: u.Hostname(), glob: u.Host, network: u.Scheme == "http" || u.Scheme == "https"}
		if h.glob == "" {
			h.glob = "*"
		}
		if !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	// A catch-all rule must come last: colly applies the first that matches.
	slices.SortStableFunc(hosts, func(a, b host) int {
		return cmp.Compare(boolInt(a.glob == "*"), boolInt(b.glob == "*"))
	})
	return hosts
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
