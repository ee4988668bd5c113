package scrape

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
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
	kind, _ := LookupKind(src.Kind) // checked by Validate
	cr := &crawler{run: r, ctx: ctx, src: src, t: t, rd: kind.reader,
		maxPages: int64(r.cfg.MaxPages), maxDepth: r.cfg.MaxDepth,
		origins: originsOf(src.entryURLs()), fileRoots: fileRootsOf(src.entryURLs()), limited: map[string]*limitNote{}, stop: make(chan struct{})}
	if src.MaxPages != nil {
		cr.maxPages = int64(*src.MaxPages)
	}
	if src.MaxDepth != nil {
		cr.maxDepth = *src.MaxDepth
	}
	if src.Match != "" {
		cr.match = regexp.MustCompile(src.Match) // checked by Validate
	}
	log := r.log.With("source", src.Name)
	cr.log = log
	if stop := cr.deadline(); stop != nil {
		defer stop()
	}
	debug := log.Enabled(ctx, slog.LevelDebug)
	fetch := &fetcher{ctx: ctx, next: &Transport{Bundled: r.Bundled, Network: r.network}, store: r.store,
		gates: r.gates, cfg: r.cfg, refresh: r.Refresh, offline: r.Offline, log: log, stop: cr.stop, broken: r.broken,
		retried: func() { t.update(func(s *SourceStats) { s.Retries++ }) }}
	fetch.damaged = func() { t.update(func(s *SourceStats) { s.Damaged++ }) }
	if r.cfg.Robots {
		// robots.txt is asked for as pages are, but is not one of them.
		robotsFetch := *fetch
		cr.robots = newRobots(r.cfg.UserAgent, &http.Client{Transport: &robotsFetch})
	}
	fetch.got = func(from string) { t.update(func(s *SourceStats) { countResponse(s, from) }) }
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
		role := pageRole(resp.Ctx.Get(ctxRole))
		depth, _ := strconv.Atoi(resp.Ctx.Get(ctxDepth))
		p := page{source: src, url: resp.Request.URL, role: role, body: resp.Body, sha256: resp.Headers.Get(headerSHA),
			fetchedAt: resp.Headers.Get(headerFetched), method: resp.Request.Method, sent: []byte(resp.Ctx.Get(ctxBody)),
			card: decodeCard(resp.Ctx.Get(ctxCard))}
		var recs []data.RawRecord
		var follow []link
		switch role {
		case roleSitemap:
			recs, follow = readSitemap(p)
		case roleFeed:
			recs, follow = readFeed(p)
		default:
			recs, follow = cr.rd.read(p)
			if role == rolePosting {
				recs = withCard(p.card, recs)
			}
		}
		from := resp.Headers.Get(headerFrom)
		t.mu.Lock()
		t.stats.Queued--
		t.inARow = 0
		t.addLocked(recs...)
		t.mu.Unlock()
		if debug {
			log.Debug("page", "url", p.url.String(), "status", resp.StatusCode, "from", from, "bytes", len(resp.Body), "records", len(recs), "links", len(follow))
		}
		for _, l := range follow {
			cr.visit(l, depth+1)
		}
	})
	c.OnError(cr.failed)

	for _, l := range cr.rd.start(src) {
		cr.visit(l, 0)
	}
	for _, u := range src.Sitemaps {
		cr.visit(get(u, roleSitemap), 0)
	}
	for _, u := range src.Feeds {
		cr.visit(get(u, roleFeed), 0)
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
	c.IgnoreRobotsTxt = true                // checked in visit and redirect; see robots
	c.MaxBodySize = cr.cfg.MaxBodyBytes + 1 // the fetcher rejects over-size bodies, compressed or not
	c.MaxDepth = 0                          // depth is counted here, per link hop
	c.AllowURLRevisit = false
	c.WithTransport(fetch)
	c.SetRedirectHandler(cr.redirect)
	c.SetRequestTimeout(0) // the fetcher times each attempt; a whole request may retry for longer
	return c
}

// crawler is the state of one source's crawl.
type crawler struct {
	*run
	log       *slog.Logger // the run's, naming the source
	ctx       context.Context
	src       Source
	t         *tally
	rd        reader
	c         *colly.Collector
	shared    *shared // nil unless scrape.queue is set
	match     *regexp.Regexp
	origins   origins
	fileRoots fileRoots // where file:// pages may be read
	robots    *robots   // nil when robots.txt is ignored
	maxPages  int64
	maxDepth  int

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

// Keys of a request's colly context.
const (
	ctxRole  = "role"
	ctxDepth = "depth" // a string: through the shared queue's JSON an int comes back a float64
	ctxBody  = "body"  // the body a POST sent, for the reader of its answer
)

// visit asks for l unless a rule says not to; every URL not fetched is
// counted, and recorded once as a reject with the reason. With a shared
// queue, l is queued for whichever worker is free, unless a worker queued
// it before. A POST goes the same way as a GET: robots.txt, the limits
// and the host's politeness apply alike.
func (cr *crawler) visit(l link, depth int) {
	t := cr.t
	u, role := l.url, l.role
	parsed, err := url.Parse(u)
	if err != nil {
		cr.once(u, func(*SourceStats) data.RawRecord {
			return cr.reject(u, data.RejectCodeBadLink, fmt.Sprintf("link %q is not a URL", u))
		})
		return
	}
	if !cr.origins.allow(parsed) {
		cr.once(u, func(s *SourceStats) data.RawRecord {
			s.Offsite++
			return cr.reject(u, data.RejectCodeOffSite, "link leaves the source's domains; not followed")
		})
		return
	}
	if parsed.Scheme == "file" {
		if err := cr.fileRoots.check(parsed); err != nil {
			cr.once(u, func(*SourceStats) data.RawRecord { return cr.reject(u, data.RejectCodeOutsideRoot, err.Error()) })
			return
		}
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
	case !cr.robotsAllow(u, parsed):
		return
	case cr.shared == nil && cr.requested.Add(1) > cr.maxPages:
		// With a shared queue, max_pages counts the requests this worker
		// takes from the queue (see sharedQueue).
		cr.requested.Add(-1)
		cr.limit("max_pages", u)
		return
	}
	cctx := colly.NewContext()
	cctx.Put(ctxRole, string(role))
	cctx.Put(ctxDepth, strconv.Itoa(depth))
	if l.card != nil {
		cctx.Put(ctxCard, encodeCard(l.card))
	}
	method, hdr := cmp.Or(l.method, http.MethodGet), http.Header(nil)
	var body io.Reader
	if method != http.MethodGet {
		cctx.Put(ctxBody, string(l.body))
		body = bytes.NewReader(l.body)
		if l.contentType != "" {
			hdr = http.Header{"Content-Type": {l.contentType}}
		}
	}
	if cr.shared != nil {
		err = cr.shared.add(parsed, method, l.body, hdr, cctx)
	} else {
		t.update(func(s *SourceStats) { s.Queued++ })
		if err = cr.c.Request(method, u, body, cctx, hdr); err != nil {
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
	case cr.ctx.Err() != nil:
	default:
		kind, transient := failureKind(err)
		cr.count(kind, transient, cr.reject(u, data.RejectCodeFetch, fmt.Sprintf("request %s page: %v", role, unwrapURLError(err))))
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
	t.update(func(s *SourceStats) { s.Queued-- }) // a 404 page was fetched and counted all the same
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
	kind, code, reason, transient := describeFailure(resp, err)
	cr.count(kind, transient, cr.reject(resp.Request.URL.String(), code, reason))
}

// count adds a failure's reject and spends the error budget on server and
// network trouble, giving the source up when it runs out.
func (cr *crawler) count(kind string, transient bool, rec data.RawRecord) {
	t := cr.t
	t.mu.Lock()
	t.stats.Failed[kind]++
	t.addLocked(rec)
	if transient {
		t.inARow++
	}
	inARow := t.inARow
	t.mu.Unlock()
	if transient && inARow >= cr.cfg.ErrorBudget {
		cr.giveUp(fmt.Sprintf("%d fetches failed in a row (error_budget), the last: %s", inARow, rec.RejectReason))
	}
}

// giveUp stops the source for why, the first time it is called: nothing
// more is asked of it, and waiting requests stop at once.
func (cr *crawler) giveUp(why string) {
	t := cr.t
	t.mu.Lock()
	first := !t.gaveUp
	if first {
		t.gaveUp, t.stats.GivenUp = true, why
	}
	t.mu.Unlock()
	if first {
		cr.gaveUp.Store(true)
		close(cr.stop)
		cr.log.Warn("giving up source", "reason", why)
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
		cr.t.add(cr.reject(note.first, data.RejectCodeLimit, reason))
	}
	if cr.shared != nil {
		cr.shared.finish()
	}
	if st := cr.t.snapshot(); st.GivenUp != "" {
		cr.t.add(cr.reject(cr.src.entryURLs()[0], data.RejectCodeGivenUp, fmt.Sprintf("source given up: %s; %d links not followed", st.GivenUp, st.Skipped)))
	}
}

// reject is a record standing for a URL that gave no page to read; code
// is one of data.RejectCode*.
func (cr *crawler) reject(u, code, reason string) data.RawRecord {
	rec := newRecord(page{source: cr.src, url: &url.URL{}}, u)
	rec.RejectReason, rec.RejectCode = reason, code
	return rec
}

// describeFailure names a failed fetch for the summary (kind) and for the
// reject (code, reason), and says whether it spends the error budget.
func describeFailure(resp *colly.Response, err error) (kind, code, reason string, transient bool) {
	prefix := fmt.Sprintf("fetch %s page: ", resp.Ctx.Get(ctxRole))
	var already *colly.AlreadyVisitedError
	var refused *redirectError
	switch status := resp.StatusCode; {
	case status >= 300 && status < 400:
		return kindRedirect, data.RejectCodeFetch, prefix + fmt.Sprintf("HTTP %d: too many redirects", status), false
	case status != 0:
		reason = prefix + fmt.Sprintf("HTTP %d", status)
		if n := resp.Headers.Get(headerRetries); n != "" {
			reason += " after " + n + " retries"
		}
		code = data.RejectCodeFetch
		if k, _ := failureKind(err); k == kindTooLarge {
			code = data.RejectCodeTooLarge
		}
		return fmt.Sprintf("HTTP %d", status), code, reason, transientStatus(status)
	case errors.As(err, &already):
		return kindRedirect, data.RejectCodeFetch, prefix + fmt.Sprintf("redirect loop: %s was already requested", already.Destination), false
	case errors.As(err, &refused):
		return kindRedirect, refused.code, prefix + refused.reason, false
	}
	kind, transient = failureKind(err)
	switch kind {
	case kindTooLarge:
		code = data.RejectCodeTooLarge
	case kindNotStored:
		code = data.RejectCodeStore
	case kindBadGzip:
		code = data.RejectCodeBadGzip
	case kindStoreDamaged:
		code = data.RejectCodeStoreDamaged
	case kindOutsideRoot:
		code = data.RejectCodeOutsideRoot
	default:
		code = data.RejectCodeFetch
	}
	return kind, code, prefix + unwrapURLError(err).Error(), transient
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
