package scrape

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/gocolly/colly/v2"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape/redisq"
)

// crawl collects one crawled source through its own colly collector, so
// each source has its own allowed hosts, limits and visited set; politeness
// is per host and shared (see gates).
func (r *run) crawl(ctx context.Context, src Source, t *tally) {
	cr := &crawler{run: r, ctx: ctx, src: src, t: t, rd: readerFor(src.Kind),
		maxPages: int64(cmp.Or(src.MaxPages, r.cfg.MaxPages)), maxDepth: cmp.Or(src.MaxDepth, r.cfg.MaxDepth),
		origins: originsOf(src.entryURLs()), limited: map[string]*limitNote{}, stop: make(chan struct{})}
	if src.Match != "" {
		cr.match = regexp.MustCompile(src.Match) // checked by Validate
	}
	log := r.log.With("source", src.Name)
	cr.log = log
	debug := log.Enabled(ctx, slog.LevelDebug)
	fetch := &fetcher{ctx: ctx, next: &Transport{Bundled: r.Bundled, Network: r.network}, store: r.store,
		gates: r.gates, cfg: r.cfg, refresh: r.Refresh, offline: r.Offline, log: log, stop: cr.stop, broken: r.broken,
		retried: func() { t.update(func(s *SourceStats) { s.Retries++ }) }}
	c := cr.collector(fetch)
	cr.c = c
	switch {
	case r.cfg.Queue == "":
		colly.Async(true)(c)
	case r.Offline:
		// An offline re-read fetches nothing, so there is nothing to share:
		// it reads this worker's store alone.
		log.Info("offline: scrape.queue not used")
		colly.Async(true)(c)
	default:
		sh, err := cr.share(fetch)
		if err != nil {
			cr.queueFailed(err)
			cr.finish()
			return
		}
		defer sh.close()
		cr.shared = sh
	}

	c.OnRequest(func(req *colly.Request) {
		// A request queued before Ctrl-C or a give-up starts here after
		// it: stop it before it waits for its turn.
		if ctx.Err() != nil || cr.gaveUp.Load() {
			req.Abort()
			if cr.shared != nil {
				cr.shared.giveBack(req)
			}
			t.update(func(s *SourceStats) {
				s.Queued--
				if ctx.Err() == nil {
					s.Skipped++
				}
			})
		}
	})
	c.OnResponse(func(resp *colly.Response) {
		role := pageRole(resp.Ctx.Get("role"))
		depth, _ := strconv.Atoi(resp.Ctx.Get("depth"))
		p := page{source: src, url: resp.Request.URL, role: role, body: resp.Body, sha256: resp.Headers.Get(headerSHA)}
		var recs []data.RawRecord
		var follow []link
		switch role {
		case roleSitemap:
			recs, follow = readSitemap(p)
		case roleFeed:
			recs, follow = readFeed(p)
		default:
			recs, follow = cr.rd.read(p)
		}
		from := resp.Headers.Get(headerFrom)
		t.mu.Lock()
		t.stats.Queued--
		countResponse(&t.stats, from)
		t.inARow = 0
		t.addLocked(recs...)
		t.mu.Unlock()
		if debug {
			log.Debug("page", "url", p.url.String(), "status", resp.StatusCode, "from", from, "bytes", len(resp.Body), "records", len(recs), "links", len(follow))
		}
		for _, l := range follow {
			cr.visit(l.url, l.role, depth+1)
		}
	})
	c.OnError(cr.failed)

	for _, u := range src.StartURLs {
		cr.visit(u, cr.rd.startRole(), 0)
	}
	for _, u := range src.Sitemaps {
		cr.visit(u, roleSitemap, 0)
	}
	for _, u := range src.Feeds {
		cr.visit(u, roleFeed, 0)
	}
	if cr.shared != nil {
		cr.shared.consume()
	} else {
		c.Wait()
	}
	cr.finish()
}

// collector makes a collector with the run's settings, fetching through
// fetch. It is synchronous; the in-process crawl makes it Async.
func (cr *crawler) collector(fetch *fetcher) *colly.Collector {
	// Not colly.NewCollector: it lets COLLY_* environment variables
	// override options, and a run must do what its config says.
	c := &colly.Collector{}
	c.Init()
	colly.StdlibContext(cr.ctx)(c)
	c.UserAgent = cr.cfg.UserAgent
	c.IgnoreRobotsTxt = !*cr.cfg.Robots
	c.MaxBodySize = cr.cfg.MaxBodyBytes + 1 // the fetcher rejects over-size bodies; this only bounds colly's own gunzip input
	c.MaxDepth = 0                          // depth is counted here, per link hop
	c.AllowURLRevisit = false
	c.AllowedDomains = cr.origins.hostnames() // for redirects; links are checked in visit, port included
	c.WithTransport(fetch)
	c.SetRequestTimeout(0) // the fetcher times each attempt; a whole request may retry for longer
	return c
}

// crawler is the state of one source's crawl.
type crawler struct {
	*run
	log      *slog.Logger // the run's, naming the source
	ctx      context.Context
	src      Source
	t        *tally
	rd       reader
	c        *colly.Collector
	shared   *shared // nil unless scrape.queue is set
	match    *regexp.Regexp
	origins  origins
	maxPages int64
	maxDepth int

	requested atomic.Int64 // requests made, against maxPages
	gaveUp    atomic.Bool
	stop      chan struct{} // closed on giving up, to wake requests waiting their turn

	mu      sync.Mutex
	limited map[string]*limitNote // links not followed, by the limit that stopped them
}

// limitNote remembers the first link a limit stopped and how many more.
type limitNote struct {
	first string
	more  int
}

// visit asks for u unless a rule says not to; every URL not fetched is
// counted, and recorded once as a reject with the reason. With a shared
// queue, u is queued for whichever worker is free, unless a worker queued
// it before.
func (cr *crawler) visit(u string, role pageRole, depth int) {
	t := cr.t
	parsed, err := url.Parse(u)
	if err != nil {
		cr.once(u, func(*SourceStats) data.RawRecord { return cr.reject(u, fmt.Sprintf("link %q is not a URL", u)) })
		return
	}
	if !cr.origins.allow(parsed) {
		cr.once(u, func(s *SourceStats) data.RawRecord {
			s.Offsite++
			return cr.reject(u, "link leaves the source's domains; not followed")
		})
		return
	}
	if role == rolePosting && cr.match != nil && !cr.match.MatchString(u) {
		return // not a posting: sitemaps list whole sites
	}
	switch {
	case cr.gaveUp.Load():
		if !cr.visited(u) {
			t.update(func(s *SourceStats) { s.Skipped++ })
		}
		return
	case depth > cr.maxDepth:
		cr.limit("max_depth", u)
		return
	case cr.shared == nil && cr.requested.Add(1) > cr.maxPages:
		// With a shared queue, max_pages counts the requests this worker
		// takes from the queue (see sharedQueue).
		cr.requested.Add(-1)
		cr.limit("max_pages", u)
		return
	}
	cctx := colly.NewContext()
	cctx.Put("role", string(role))
	cctx.Put("depth", strconv.Itoa(depth)) // a string: through the shared queue's JSON an int comes back a float64
	if cr.shared != nil {
		err = cr.shared.add(parsed, cctx)
	} else {
		t.update(func(s *SourceStats) { s.Queued++ })
		if err = cr.c.Request(http.MethodGet, u, nil, cctx, nil); err != nil {
			cr.requested.Add(-1)
			t.update(func(s *SourceStats) { s.Queued-- })
		}
	}
	if err != nil {
		cr.refused(u, role, err)
	}
}

// refused records why a URL visit wanted was not asked for.
func (cr *crawler) refused(u string, role pageRole, err error) {
	var already *colly.AlreadyVisitedError
	var qerr *queueError
	switch {
	case errors.As(err, &already), errors.Is(err, redisq.ErrSeen):
	case errors.As(err, &qerr):
		cr.queueFailed(qerr.err)
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		cr.once(u, func(s *SourceStats) data.RawRecord {
			s.RobotsBlocked++
			return cr.reject(u, "disallowed by robots.txt; not fetched")
		})
	case errors.Is(err, colly.ErrForbiddenDomain):
		cr.once(u, func(s *SourceStats) data.RawRecord {
			s.Offsite++
			return cr.reject(u, "link leaves the source's domains; not followed")
		})
	case cr.ctx.Err() != nil:
	default:
		// Asking for robots.txt failed, after the fetcher's retries.
		kind, transient := failureKind(err)
		cr.count(kind, transient, cr.reject(u, fmt.Sprintf("robots.txt for %s page: %v", role, unwrapURLError(err))))
	}
}

// once records, through f, why u was not fetched, the first time u is
// seen; with a shared queue, the first time any worker sees it, so that
// the workers' records together have it once, as a single crawl's would.
func (cr *crawler) once(u string, f func(s *SourceStats) data.RawRecord) {
	if cr.shared != nil {
		cr.t.mu.Lock()
		noted := cr.t.noted[u]
		cr.t.mu.Unlock()
		if noted || !cr.shared.claim(u) {
			return
		}
	}
	cr.t.once(u, f)
}

// failed records a fetch that did not give a page to read.
func (cr *crawler) failed(resp *colly.Response, err error) {
	t := cr.t
	from := ""
	if resp.Headers != nil {
		from = resp.Headers.Get(headerFrom)
	}
	t.update(func(s *SourceStats) {
		s.Queued--
		countResponse(s, from) // a 404 page was fetched and stored all the same
	})
	if cr.ctx.Err() != nil {
		if cr.shared != nil {
			cr.shared.giveBack(resp.Request)
		}
		return // cancelled: nothing failed, the run stopped
	}
	var fe *fetchError
	if errors.As(err, &fe) && fe.kind == kindGivenUp {
		if cr.shared != nil {
			cr.shared.giveBack(resp.Request)
		}
		t.update(func(s *SourceStats) { s.Skipped++ })
		return
	}
	kind, reason, transient := describeFailure(resp, err)
	cr.count(kind, transient, cr.reject(resp.Request.URL.String(), reason))
}

// count adds a failure's reject and spends the error budget on server and
// network trouble, giving the source up when it runs out.
func (cr *crawler) count(kind string, transient bool, rec data.RawRecord) {
	t := cr.t
	t.mu.Lock()
	t.stats.Failed[kind]++
	t.addLocked(rec)
	giveUp := false
	if transient {
		t.inARow++
		if t.inARow >= cr.cfg.ErrorBudget && !t.gaveUp {
			t.gaveUp, giveUp = true, true
			t.stats.GivenUp = fmt.Sprintf("%d fetches failed in a row (error_budget), the last: %s", t.inARow, rec.RejectReason)
		}
	}
	t.mu.Unlock()
	if giveUp {
		cr.gaveUp.Store(true)
		close(cr.stop)
		cr.log.Warn("giving up source", "reason", t.snapshot().GivenUp)
	}
}

// visited says whether u was asked for already (by any worker, with a
// shared queue), so that a link to it that a limit stops is no loss.
func (cr *crawler) visited(u string) bool {
	if cr.shared != nil {
		return cr.shared.seen(u)
	}
	seen, err := cr.c.HasVisited(u)
	return err == nil && seen
}

// limit notes a link not followed because of a crawl limit.
func (cr *crawler) limit(key string, u string) {
	if cr.visited(u) {
		return
	}
	cr.t.update(func(s *SourceStats) { s.Skipped++ })
	cr.mu.Lock()
	defer cr.mu.Unlock()
	note := cr.limited[key]
	if note == nil {
		cr.limited[key] = &limitNote{first: u}
		return
	}
	note.more++
}

// finish records the limits that stopped the crawl and a give-up, each as
// one reject, so they show in rejects.csv as well as in the summary.
func (cr *crawler) finish() {
	for _, key := range []string{"max_depth", "max_pages"} {
		note := cr.limited[key]
		if note == nil {
			continue
		}
		limit := strconv.FormatInt(cr.maxPages, 10)
		if key == "max_depth" {
			limit = strconv.Itoa(cr.maxDepth)
		}
		reason := fmt.Sprintf("%s (%s) reached: this link and %d more not followed", key, limit, note.more)
		cr.log.Warn("crawl limit reached", "limit", key, "value", limit, "links_not_followed", note.more+1)
		cr.t.add(cr.reject(note.first, reason))
	}
	if cr.shared != nil {
		cr.shared.finish()
	}
	if st := cr.t.snapshot(); st.GivenUp != "" {
		cr.t.add(cr.reject(cr.src.entryURLs()[0], fmt.Sprintf("source given up: %s; %d links not followed", st.GivenUp, st.Skipped)))
	}
}

// reject is a record standing for a URL that gave no page to read.
func (cr *crawler) reject(u, reason string) data.RawRecord {
	rec := newRecord(page{source: cr.src, url: &url.URL{}}, u)
	rec.RejectReason = reason
	return rec
}

// describeFailure names a failed fetch for the summary (kind) and for the
// reject (reason), and says whether it spends the error budget.
func describeFailure(resp *colly.Response, err error) (kind, reason string, transient bool) {
	prefix := fmt.Sprintf("fetch %s page: ", resp.Ctx.Get("role"))
	var already *colly.AlreadyVisitedError
	switch code := resp.StatusCode; {
	case code >= 300 && code < 400:
		return kindRedirect, prefix + fmt.Sprintf("HTTP %d: too many redirects", code), false
	case code != 0:
		reason = prefix + fmt.Sprintf("HTTP %d", code)
		if n := resp.Headers.Get(headerRetries); n != "" {
			reason += " after " + n + " retries"
		}
		return fmt.Sprintf("HTTP %d", code), reason, transientStatus(code)
	case errors.As(err, &already):
		return kindRedirect, prefix + fmt.Sprintf("redirect loop: %s was already requested", already.Destination), false
	case errors.Is(err, colly.ErrForbiddenDomain):
		return kindRedirect, prefix + "redirect leaves the source's domains; not followed", false
	}
	kind, transient = failureKind(err)
	return kind, prefix + unwrapURLError(err).Error(), transient
}

// unwrapURLError drops net/http's "Get URL:" wrapper: the reject names the
// URL already.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func countResponse(s *SourceStats, from string) {
	switch from {
	case fromStore:
		s.FromStore++
		s.Responses++
	case fromNetwork, fromLocal:
		s.Fetched++
		s.Responses++
	}
}
