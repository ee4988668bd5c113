package scrape

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// Backoff bounds for retrying transient failures.
const (
	retryBase = 500 * time.Millisecond
	retryMax  = 30 * time.Second
	// maxRetryAfter is the longest Retry-After obeyed by waiting. A server
	// that asks for a longer pause gets it: its host is not asked again in
	// this run, and its pages fail with the server's wish as the reason.
	maxRetryAfter = 2 * time.Minute
)

// transientStatus says whether an HTTP answer is worth asking again: rate
// limiting and server errors are; other answers, 4xx included, are final.
func transientStatus(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// failureKind classifies a transport error for retries and for the
// per-source summary ("timeout", "connection", "truncated", ...). transient
// is false for errors that asking again will not cure (a bad certificate,
// a host that does not exist).
func failureKind(err error) (kind string, transient bool) {
	var fe *fetchError
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &fe):
		return fe.kind, fe.transient
	case errors.Is(err, io.ErrUnexpectedEOF):
		return kindTruncated, true
	case errors.As(err, &dnsErr):
		return "dns", dnsErr.IsTimeout || dnsErr.IsTemporary
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return kindTimeout, true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF):
		return kindConnection, true
	case errors.As(err, &netErr):
		var opErr *net.OpError
		return kindConnection, errors.As(err, &opErr)
	}
	return "error", false
}

// Failure kinds, as counted in SourceStats.Failed besides "HTTP nnn".
const (
	kindTimeout      = "timeout"
	kindConnection   = "connection"
	kindTruncated    = "truncated"
	kindTooLarge     = "too large"
	kindRetryAfter   = "retry-after too long"
	kindNotStored    = "not in store"
	kindRedirect     = "redirect"
	kindBadGzip      = "bad gzip"
	kindStoreDamaged = "store damaged"
	kindOutsideRoot  = "outside root"
	kindGivenUp      = "given up" // not a failure: the source stopped
)

// fetchError is a failure the fetcher decided on itself.
type fetchError struct {
	kind      string
	msg       string
	transient bool
	size      int64 // kindTooLarge: the size the body was known to reach
}

func (e *fetchError) Error() string { return e.msg }

// backoff is the wait before retry number attempt (0-based): exponential
// with full jitter, or the server's Retry-After when it names one.
// tooLong reports a Retry-After beyond maxRetryAfter.
func backoff(attempt int, header http.Header) (wait time.Duration, tooLong bool) {
	if d, ok := retryAfter(header); ok {
		return d, d > maxRetryAfter
	}
	ceiling := min(retryBase<<attempt, retryMax)
	return ceiling/2 + rand.N(ceiling/2+1), false
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(header http.Header) (time.Duration, bool) {
	s := header.Get("Retry-After")
	if s == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(s); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(s); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// waitFor waits d, or less if ctx is done (its error) or stop is closed
// (errGivenUp). A nil stop never closes.
func waitFor(ctx context.Context, stop <-chan struct{}, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
		return errGivenUp
	}
}

// errGivenUp stops the requests of a source that was given up.
var errGivenUp = &fetchError{kind: kindGivenUp, msg: "source given up"}
