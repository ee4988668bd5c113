package scrape

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// gates space out the requests of one run to each network host. They are
// shared by every source of the run, so two sources on one host (say two
// Lever companies) do not double the load on it.
//
// colly has limit rules of its own, but they sleep the delay after a
// request while holding its slot and cannot be interrupted, so after
// Ctrl-C every queued request would still sleep its turn. Waiting here,
// inside the transport, can stop at once.
type gates struct {
	parallelism int
	delay       time.Duration

	mu     sync.Mutex
	byHost map[string]*gate
}

func newGates(parallelism int, delay time.Duration) *gates {
	return &gates{parallelism: max(parallelism, 1), delay: delay, byHost: map[string]*gate{}}
}

// of returns the gate of a host (host[:port]).
func (g *gates) of(host string) *gate {
	g.mu.Lock()
	defer g.mu.Unlock()
	gt, ok := g.byHost[host]
	if !ok {
		gt = &gate{host: host, slots: make(chan struct{}, g.parallelism), delay: g.delay}
		g.byHost[host] = gt
	}
	return gt
}

// gate admits requests to one host: at most cap(slots) in flight, starts
// at least delay apart plus jitter, none before a pause the server asked
// for has passed.
type gate struct {
	host  string
	slots chan struct{}

	mu          sync.Mutex
	delay       time.Duration
	next        time.Time // earliest start of the next request
	closedUntil time.Time // a Retry-After longer than we wait: no more requests this run
	closedFor   time.Duration
}

// acquire waits for a slot and for the host's next start time; release
// must follow unless it returns an error. It gives up when ctx is done or
// stop is closed (the source was given up). A start time is taken only
// when it has come, so a waiter that gives up holds no one back.
func (g *gate) acquire(ctx context.Context, stop <-chan struct{}) error {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
		return errGivenUp
	}
	for {
		g.mu.Lock()
		now := time.Now()
		if now.Before(g.closedUntil) {
			why := g.closedFor
			g.mu.Unlock()
			g.release()
			return &fetchError{kind: kindRetryAfter, msg: fmt.Sprintf("%s asked for a pause of %s (Retry-After); not asked again in this run", g.host, why)}
		}
		wait := g.next.Sub(now)
		if wait <= 0 {
			g.next = now.Add(g.delay + jitter(g.delay))
			g.mu.Unlock()
			return nil
		}
		g.mu.Unlock()
		if err := waitFor(ctx, stop, wait); err != nil {
			g.release()
			return err
		}
	}
}

func (g *gate) release() { <-g.slots }

// pause holds back every request to the host for d, as a 429 or 503
// answer asks.
func (g *gate) pause(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if until := time.Now().Add(d); until.After(g.next) {
		g.next = until
	}
}

// close stops requests to the host for the rest of the run: it asked for
// a pause of d, longer than maxRetryAfter.
func (g *gate) close(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closedUntil, g.closedFor = time.Now().Add(d), d
}

// slowDown raises the host's delay to d, as a robots.txt Crawl-delay asks.
// It reports whether the delay changed.
func (g *gate) slowDown(d time.Duration) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if d <= g.delay {
		return false
	}
	g.delay = d
	return true
}

// jitter is a random extra wait of up to half the delay, so that crawlers
// started together do not hit a host in lockstep.
func jitter(delay time.Duration) time.Duration {
	if delay <= 1 {
		return 0
	}
	return rand.N(delay/2 + 1)
}
