package scrape

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Backoff bounds for retrying transient failures.
const (
	retryBase = 500 * time.Millisecond
	retryMax  = 30 * time.Second
)

// transient says whether a failed fetch is worth retrying: rate limiting,
// server errors and network trouble are; other 4xx answers are not.
func transient(status int, err error) bool {
	if status == http.StatusTooManyRequests || status >= 500 {
		return true
	}
	if status != 0 {
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, context.DeadlineExceeded)
}

// backoff is the wait before retry number attempt (0-based): exponential
// with full jitter, or the server's Retry-After when it names one.
func backoff(attempt int, header http.Header) time.Duration {
	if header != nil {
		if s := header.Get("Retry-After"); s != "" {
			if secs, err := strconv.Atoi(s); err == nil && secs >= 0 {
				return min(time.Duration(secs)*time.Second, retryMax)
			}
			if t, err := http.ParseTime(s); err == nil {
				return min(max(time.Until(t), 0), retryMax)
			}
		}
	}
	ceiling := min(retryBase<<attempt, retryMax)
	return ceiling/2 + rand.N(ceiling/2+1)
}

// sleep waits d or until ctx is done, reporting whether the full wait passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
