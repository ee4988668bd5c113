package scrape

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"
	"github.com/redis/go-redis/v9"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape/redisq"
)

// sharedLease is how long a worker counts as busy after it last said so;
// it says so every third of it. A worker that dies holds the others' exit
// back this long. A variable for tests of a dying worker only.
var sharedLease = 15 * time.Second

// Timing of a crawl through a shared queue.
const (
	// sharedPoll is how often an idle worker looks for new requests while
	// others are busy, and so how late it joins in.
	sharedPoll = 100 * time.Millisecond
	// sharedGiveBack bounds a call to the server that must be made even
	// after the run's context is cancelled: returning a request to the
	// queue, going idle.
	sharedGiveBack = 5 * time.Second
)

// shared is one source's crawl through a Redis queue shared with other
// workers (scrape.queue). Links are checked as in a crawl of our own
// (visit: domains, depth, robots.txt), then queued on the server unless a
// worker queued them before; this worker's colly queue.Queue takes
// requests from the server, its collector making them synchronously, one
// per thread. Claim once: the server queues each URL once (redisq.Queue),
// and a redirect's target is claimed the same way. Termination: a worker
// is done when no request waits and no worker is busy, that is, running
// requests that may queue more (see consume).
type shared struct {
	cr     *crawler
	rdb    *redis.Client
	queue  *redisq.Queue
	colly  *queue.Queue // consumes queue through sharedQueue
	worker string       // this worker's name on the server

	leaseMu sync.Mutex // orders lease updates: a late renewal must not undo going idle
	busy    bool
	stop    chan struct{} // ends the lease renewals
	done    chan struct{}
}

// share connects the crawl to the shared queue.
func (cr *crawler) share(fetch *fetcher) (*shared, error) {
	target, err := redisq.ParseURL(cr.cfg.Queue) // checked by Validate
	if err != nil {
		return nil, err
	}
	// The prefix keeps crawls and sources apart; a crawl name has no ':'.
	prefix := "jobmarket:" + target.Crawl + ":" + cr.src.Name + ":"
	rdb := redis.NewClient(target.Options)
	sh := &shared{cr: cr, rdb: rdb, queue: redisq.NewQueue(rdb, prefix),
		worker: workerName(), stop: make(chan struct{}), done: make(chan struct{})}
	ctx, cancel := context.WithTimeout(cr.ctx, 10*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	c := cr.c
	// Cookies a board sets are shared too. Its visited set is not used:
	// the queue claims each URL once, so the collector may make every
	// request it is given (the queue's, or one given back).
	if err := c.SetStorage(redisq.NewStorage(rdb, prefix)); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	c.AllowURLRevisit = true // crawler.redirect claims each hop through redirect
	// Enough threads to keep every host's gate busy, and no more: a
	// thread waiting at a gate holds a request other workers could make.
	threads := max(cr.cfg.Parallelism, 1) * max(len(cr.origins), 1)
	sh.colly, err = queue.New(threads, &sharedQueue{sh: sh})
	if err != nil {
		rdb.Close()
		return nil, err
	}
	cr.log.Info("sharing the crawl queue", "queue", target.String(), "worker", sh.worker)
	// Busy from before the start URLs are queued, so that no worker takes
	// the crawl for over in between.
	sh.setBusy(true)
	go sh.renew()
	return sh, nil
}

// workerName tells this process apart from every other on the server.
func workerName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), rand.Text()[:8])
}

// sharedKey is the form of a URL the server dedupes on: as a request
// shows it, without a fragment.
func sharedKey(u *url.URL) string {
	if u.Fragment == "" && u.RawFragment == "" {
		return u.String()
	}
	v := *u
	v.Fragment, v.RawFragment = "", ""
	return v.String()
}

// queueError is a failure of the shared queue's server.
type queueError struct{ err error }

func (e *queueError) Error() string { return "shared queue: " + e.err.Error() }
func (e *queueError) Unwrap() error { return e.err }

// add queues a request visit has checked, unless a worker queued it
// before (redisq.ErrSeen). The server dedupes a GET on its URL and any
// other request on the page store's key (method, URL, body digest), so
// that the pages of an API listing by POST to one URL are each made once.
func (sh *shared) add(u *url.URL, method string, body []byte, hdr http.Header, cctx *colly.Context) error {
	bare := *u
	bare.Fragment, bare.RawFragment = "", ""
	req := &colly.Request{URL: &bare, Method: method, Ctx: cctx}
	if method != http.MethodGet {
		req.Body = bytes.NewReader(body)
		req.Headers = &hdr
	}
	err := sh.colly.AddRequest(req) // through sharedQueue.AddRequest
	if err != nil && !errors.Is(err, redisq.ErrSeen) {
		return &queueError{err}
	}
	return err
}

// claim marks u seen on the server and says whether this worker was the
// first to; a failing server gives the source up.
func (sh *shared) claim(u string) bool {
	ok, err := sh.queue.Claim(sh.cr.ctx, keyOf(u))
	if err != nil {
		sh.failed(err)
	}
	return ok
}

// seen says whether any worker queued or claimed u.
func (sh *shared) seen(u string) bool {
	ok, err := sh.queue.Seen(sh.cr.ctx, keyOf(u))
	if err != nil {
		sh.failed(err)
	}
	return ok
}

func keyOf(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return u
	}
	return sharedKey(parsed)
}

// failed gives the source up over a server failure, unless the run was
// cancelled (which fails every call in flight).
func (sh *shared) failed(err error) {
	if sh.cr.ctx.Err() == nil {
		sh.cr.queueFailed(err)
	}
}

// redirect claims a redirect's target, so that a page reached both by a
// redirect and by a link is fetched once, whichever worker meets it
// first. It stands in for colly's own check, which uses the visited set
// this crawl leaves unused; crawler.redirect checks the rest.
func (sh *shared) redirect(req *http.Request, via []*http.Request) error {
	if key := sharedKey(req.URL); key != sharedKey(via[0].URL) { // a board may redirect to the page itself to set a cookie
		first, err := sh.queue.Claim(req.Context(), key)
		if err != nil {
			return &queueError{err}
		}
		if !first {
			return &colly.AlreadyVisitedError{Destination: req.URL}
		}
	}
	if req.URL.Host != via[len(via)-1].URL.Host {
		req.Header.Del("Authorization")
	}
	return nil
}

// giveBack returns a request this worker took but will not make (it was
// cancelled, or gave the source up) to the queue, for another worker.
func (sh *shared) giveBack(req *colly.Request) {
	if req.Method != http.MethodGet {
		// The body was read when the request was made: send it again.
		req.Body = strings.NewReader(req.Ctx.Get(ctxBody))
	}
	r, err := req.Marshal()
	if err == nil {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(sh.cr.ctx), sharedGiveBack)
		defer cancel()
		err = sh.queue.Requeue(ctx, r)
	}
	if err != nil {
		sh.cr.log.Warn("request lost: cannot return it to the shared queue", "url", req.URL.String(), "error", err)
	}
}

// finish records, as one reject, that max_pages stopped this worker while
// requests still waited.
func (sh *shared) finish() {
	cr := sh.cr
	if cr.requested.Load() < cr.maxPages {
		return
	}
	left, err := sh.queue.Len(context.WithoutCancel(cr.ctx))
	if err != nil || left == 0 {
		return
	}
	cr.log.Warn("crawl limit reached", "limit", "max_pages", "value", cr.maxPages, "left_in_shared_queue", left)
	cr.t.add(cr.reject(cr.src.entryURLs()[0], data.RejectCodeLimit, fmt.Sprintf(
		"max_pages (%d) reached by this worker: it took no more requests from the shared queue, where %d were left", cr.maxPages, left)))
}

// close goes idle on the server and disconnects.
func (sh *shared) close() {
	close(sh.stop)
	<-sh.done
	sh.setBusy(false)
	sh.rdb.Close()
}

// queueFailed gives the source up because its shared queue failed: this
// worker can neither take requests nor pass on the links it finds. Other
// workers go on as far as the server lets them.
func (cr *crawler) queueFailed(err error) {
	cr.giveUp(fmt.Sprintf("shared queue failed: %v", err))
}
