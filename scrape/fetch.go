package scrape

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/temoto/robotstxt"
)

// Response headers the fetcher adds for the crawl's callbacks; they are
// never stored.
const (
	headerFrom    = "Jobmarket-From" // fromNetwork, fromLocal or fromStore
	headerSHA     = "Jobmarket-Sha256"
	headerRetries = "Jobmarket-Retries"
	headerFetched = "Jobmarket-Fetched" // RFC 3339, UTC: when a network page was received
)

// Where a response came from.
const (
	fromNetwork = "network"
	fromLocal   = "local" // bundled:// or file://
	fromStore   = "store"
)

// fetcher is the http.RoundTripper under colly. It answers from the page
// store when it can, and otherwise fetches, politely and with retries,
// and stores every response before handing it up to be read. Working
// below colly means robots.txt goes through the same path: it is stored,
// served on resume, and its Crawl-delay is seen.
type fetcher struct {
	ctx     context.Context // the run's: colly asks for robots.txt without one
	next    http.RoundTripper
	store   *Store
	gates   *gates
	cfg     Config
	refresh bool // fetch even what is stored
	offline bool // never fetch: the store or nothing
	log     *slog.Logger
	retried func() // counts a retry for the source
	// got counts a response handed up (a redirect hop's too), by where
	// it came from; nil for robots.txt, which is no page.
	got func(from string)
	// damaged counts a stored page skipped because it was damaged.
	damaged func()
	stop    <-chan struct{} // closed when the source is given up: queued requests stop
	// broken stops the run: a page that cannot be stored must not be read,
	// or a resumed run would not find what this one saw.
	broken func(error)
}

// RoundTrip implements http.RoundTripper.
func (f *fetcher) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, stop := joinContexts(req.Context(), f.ctx)
	defer stop()
	network := req.URL.Scheme == "http" || req.URL.Scheme == "https"
	u := req.URL.String()
	sreq, err := storedRequestOf(req)
	if err != nil {
		return nil, err
	}
	// Local files are read again on every run (they are at hand, and a
	// newer build's bundled snapshot must not be shadowed by an old copy);
	// only network pages are served from the store, unless offline. A
	// POST is served by its method, URL and body (RequestKey): an API that
	// lists by POST answers a given body with a given page.
	replayable := req.Method == http.MethodGet || req.Method == http.MethodPost
	if replayable && (f.offline || network && !f.refresh) {
		if p, ok := f.store.Lookup(sreq.key()); ok && (f.offline || f.fresh(p)) {
			if p.BodyAtLeast == 0 {
				resp, err := f.fromStore(req, p)
				if !errors.Is(err, ErrStoreDamaged) {
					return resp, err
				}
				// Skipped, and counted: fetched again below, or a reject
				// offline.
				f.log.Warn("stored page damaged; not served", "url", u, "error", err)
				f.damaged()
				f.store.forget(p)
				if f.offline {
					return nil, &fetchError{kind: kindStoreDamaged, msg: "stored copy damaged (its body no longer matches its sha256); not served offline"}
				}
			}
			if p.BodyAtLeast > int64(f.cfg.MaxBodyBytes) {
				return nil, tooLarge(p.BodyAtLeast, f.cfg.MaxBodyBytes)
			}
		}
	}
	if f.offline {
		return nil, &fetchError{kind: kindNotStored, msg: "not in the page store (offline re-read)"}
	}
	if !network {
		status, header, body, err := f.attempt(ctx, req, sreq, 0)
		return f.keep(req, sreq, time.Now(), status, header, body, err, fromLocal, 0)
	}
	gate := f.gates.of(req.URL.Host)
	for attempt := 0; ; attempt++ {
		if err := gate.acquire(ctx, f.stop); err != nil {
			return nil, err
		}
		fetched := time.Now()
		status, header, body, err := f.attempt(ctx, req, sreq, f.cfg.Timeout)
		transient := transientStatus(status)
		if err != nil {
			_, transient = failureKind(err)
		}
		retry := transient && attempt < f.cfg.Retries
		wait, tooLong := backoff(attempt, header)
		if transientStatus(status) {
			// The host says it is busy: hold back every request to it,
			// not just this one, before the next may go.
			if tooLong {
				gate.close(wait)
			} else {
				gate.pause(wait)
			}
		}
		gate.release()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if tooLong && transientStatus(status) {
			return nil, &fetchError{kind: kindRetryAfter, msg: fmt.Sprintf("HTTP %d asking for a pause of %s (Retry-After); not asked again in this run", status, wait)}
		}
		if !retry {
			return f.keep(req, sreq, fetched, status, header, body, err, fromNetwork, attempt)
		}
		if status != 0 {
			// A rate limit or server error is stored too: the WARC is the
			// record of what the board did.
			if _, err := f.store.put(sreq, fetched, status, header, body); err != nil {
				f.broken(err)
				return nil, err
			}
		}
		f.retried()
		f.log.Debug("retry", "url", u, "attempt", attempt+1, "status", status, "error", err, "wait", wait.Round(time.Millisecond))
		if status == 0 {
			if err := waitFor(ctx, f.stop, wait); err != nil {
				return nil, err
			}
		}
	}
}

// storedRequestOf reads what the store keeps of req: for a method other
// than GET, the body it sends, which req gets back to send.
func storedRequestOf(req *http.Request) (storedRequest, error) {
	sr := storedRequest{url: req.URL.String()}
	if req.Method == http.MethodGet || req.Method == "" {
		return sr, nil
	}
	sr.method, sr.contentType = req.Method, req.Header.Get("Content-Type")
	if req.Body == nil || req.Body == http.NoBody {
		return sr, nil
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return sr, fmt.Errorf("read the body of %s %s: %w", req.Method, sr.url, err)
	}
	sr.body = body
	return sr, nil
}

// attempt makes one request and reads the whole body, within timeout (0:
// none) and the body cap. A request body (sreq.body) is sent afresh on
// every attempt.
func (f *fetcher) attempt(ctx context.Context, req *http.Request, sreq storedRequest, timeout time.Duration) (int, http.Header, []byte, error) {
	actx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		actx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	fail := func(err error) (int, http.Header, []byte, error) {
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			err = &fetchError{kind: kindTimeout, msg: fmt.Sprintf("no complete answer within %s", timeout), transient: true}
		}
		return 0, nil, nil, err
	}
	out := req.WithContext(actx)
	if sreq.method != "" {
		out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(sreq.body)), int64(len(sreq.body))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(sreq.body)), nil }
	}
	resp, err := f.next.RoundTrip(out)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	limit := int64(f.cfg.MaxBodyBytes)
	if resp.ContentLength > limit {
		// Known too large from the headers: not one byte of it is read.
		return resp.StatusCode, resp.Header, nil, tooLarge(resp.ContentLength, f.cfg.MaxBodyBytes)
	}
	body, err := readBody(resp.Body, resp.ContentLength, limit)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = &fetchError{kind: kindTruncated, msg: fmt.Sprintf("body cut off after %d bytes", len(body)), transient: true}
		}
		return fail(err)
	}
	if int64(len(body)) > limit {
		return resp.StatusCode, resp.Header, nil, tooLarge(limit+1, f.cfg.MaxBodyBytes)
	}
	return resp.StatusCode, resp.Header, body, nil
}

// readBody reads at most limit+1 bytes of a body (one more reveals an
// over-size one). A body of announced length is read into a buffer of
// that size, not grown step by step: most pages announce theirs.
func readBody(r io.Reader, announced, limit int64) ([]byte, error) {
	if announced < 0 || announced > limit {
		return io.ReadAll(io.LimitReader(r, limit+1))
	}
	body := make([]byte, announced, announced+1)
	n, err := io.ReadFull(r, body)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return body[:n], err
	}
	return body, nil
}

// keep stores a final answer and hands it up, or returns the failure.
func (f *fetcher) keep(req *http.Request, sreq storedRequest, fetched time.Time, status int, header http.Header, body []byte, err error, from string, retries int) (*http.Response, error) {
	var fe *fetchError
	if errors.As(err, &fe) && fe.kind == kindTooLarge && status != 0 {
		if perr := f.store.putOversize(sreq, fetched, status, header, fe.size); perr != nil {
			f.broken(perr)
			return nil, perr
		}
	}
	if err != nil {
		if retries > 0 {
			err = &retriedError{err: err, retries: retries}
		}
		return nil, err
	}
	sha, err := f.store.put(sreq, fetched, status, header, body)
	if err != nil {
		f.broken(err)
		return nil, err
	}
	if body, err = unpack(body, f.cfg.MaxBodyBytes); err != nil {
		return nil, err
	}
	f.noteRobots(req, status, body)
	f.count(from)
	resp := newResponse(req, status, header, body, from, sha, fetched)
	if retries > 0 {
		resp.Header.Set(headerRetries, strconv.Itoa(retries))
	}
	return resp, nil
}

func (f *fetcher) fromStore(req *http.Request, p StoredPage) (*http.Response, error) {
	header, body, err := f.store.Read(p)
	if errors.Is(err, ErrStoreDamaged) {
		return nil, err
	}
	if err != nil {
		f.broken(err)
		return nil, err
	}
	if body, err = unpack(body, f.cfg.MaxBodyBytes); err != nil {
		return nil, err
	}
	f.noteRobots(req, p.Status, body)
	f.count(fromStore)
	return newResponse(req, p.Status, header, body, fromStore, p.SHA256, p.Fetched), nil
}

func (f *fetcher) count(from string) {
	if f.got != nil {
		f.got(from)
	}
}

// fresh says whether a stored page may be served instead of fetching.
func (f *fetcher) fresh(p StoredPage) bool {
	return p.servable() && (f.cfg.MaxAge == 0 || time.Since(p.Fetched) <= f.cfg.MaxAge)
}

// noteRobots applies a robots.txt Crawl-delay for our agent to the host.
func (f *fetcher) noteRobots(req *http.Request, status int, body []byte) {
	if req.URL.Path != "/robots.txt" || !f.cfg.Robots || status/100 != 2 ||
		(req.URL.Scheme != "http" && req.URL.Scheme != "https") {
		return
	}
	robots, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		return
	}
	if g := robots.FindGroup(f.cfg.UserAgent); g != nil && g.CrawlDelay > 0 && f.gates.of(req.URL.Host).slowDown(g.CrawlDelay) {
		f.log.Info("robots.txt asks for a crawl delay; obeying it", "host", req.URL.Host, "delay", g.CrawlDelay)
	}
}

// newResponse hands a stored response up to colly; it takes header over.
// fetched is when the response was received; it is handed up for pages
// of the network only, since a local page has no moment of its own.
func newResponse(req *http.Request, status int, header http.Header, body []byte, from, sha string, fetched time.Time) *http.Response {
	h := header
	if h == nil {
		h = http.Header{}
	}
	h.Del("Content-Encoding") // unpack has decompressed the body
	h.Set(headerFrom, from)
	h.Set(headerSHA, sha)
	h.Del(headerFetched)
	if (req.URL.Scheme == "http" || req.URL.Scheme == "https") && !fetched.IsZero() {
		h.Set(headerFetched, fetched.UTC().Format(time.RFC3339))
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Uncompressed:  true, // colly must not decompress again, without a limit
		Request:       req,
	}
}

// tooLarge is the failure of a body over the cap; size is what it was
// known to reach.
func tooLarge(size int64, limit int) error {
	return &fetchError{kind: kindTooLarge, size: size,
		msg: fmt.Sprintf("page larger than max_body_bytes (%d bytes); not read", limit)}
}

// retriedError is a failure that remained after retries.
type retriedError struct {
	err     error
	retries int
}

func (e *retriedError) Error() string { return fmt.Sprintf("%v after %d retries", e.err, e.retries) }
func (e *retriedError) Unwrap() error { return e.err }

// joinContexts returns a context derived from a that is also cancelled
// when b is done. colly's page requests carry the run's context already
// (a ends when b does: nothing to join); its robots.txt requests carry
// none.
func joinContexts(a, b context.Context) (context.Context, func()) {
	if a.Done() == b.Done() {
		return a, func() {}
	}
	ctx, cancel := context.WithCancelCause(a)
	stop := context.AfterFunc(b, func() { cancel(context.Cause(b)) })
	return ctx, func() { stop(); cancel(nil) }
}
