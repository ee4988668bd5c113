package scrape

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gocolly/colly/v2/queue"

	"github.com/jobmarket/jobmarket/scrape/redisq"
)

// consume makes requests from the shared queue until the crawl is over
// for this worker: the queue is empty and no worker is busy, or this
// worker stops (cancelled, given up, max_pages spent).
//
// colly's queue.Queue returns as soon as it sees the queue empty with
// nothing of its own in flight, though another worker may be about to
// queue more. So this worker then goes idle on the server and waits,
// looking every sharedPoll, until requests wait again (it runs the queue
// again) or every worker is idle with none waiting (the crawl is over).
// Leases make a dead worker count as idle once sharedLease has passed.
func (sh *shared) consume() {
	for {
		sh.setBusy(true)
		sh.colly.Run(sh.cr.c) // fails only if the queue's size does, and sharedQueue's never does
		sh.setBusy(false)
		if sh.stopping() || !sh.awaitWork() {
			return
		}
		sh.colly.Stop() // a colly queue runs again only once stopped
	}
}

// awaitWork waits until requests wait (true) or the crawl is over (false).
func (sh *shared) awaitWork() bool {
	tick := time.NewTicker(sharedPoll)
	defer tick.Stop()
	for {
		queued, busy, err := sh.queue.Pending(sh.cr.ctx)
		switch {
		case err != nil:
			sh.failed(err)
			return false
		case queued > 0:
			return true
		case busy == 0:
			return false
		}
		select {
		case <-tick.C:
		case <-sh.cr.ctx.Done():
			return false
		case <-sh.cr.stop:
			return false
		}
	}
}

// stopping says whether this worker takes no more requests.
func (sh *shared) stopping() bool {
	return sh.cr.ctx.Err() != nil || sh.cr.gaveUp.Load() || sh.cr.requested.Load() >= sh.cr.maxPages
}

// setBusy tells the server whether this worker is busy.
func (sh *shared) setBusy(busy bool) {
	sh.leaseMu.Lock()
	defer sh.leaseMu.Unlock()
	sh.busy = busy
	ctx, cancel := context.WithTimeout(context.WithoutCancel(sh.cr.ctx), sharedGiveBack)
	defer cancel()
	var err error
	if busy {
		err = sh.queue.Busy(ctx, sh.worker, sharedLease)
	} else {
		err = sh.queue.Idle(ctx, sh.worker)
	}
	if err != nil {
		sh.failed(err)
	}
}

// renew keeps this worker's lease while it is busy.
func (sh *shared) renew() {
	defer close(sh.done)
	tick := time.NewTicker(sharedLease / 3)
	defer tick.Stop()
	for {
		select {
		case <-sh.stop:
			return
		case <-tick.C:
		}
		sh.leaseMu.Lock()
		if sh.busy {
			if err := sh.queue.Busy(sh.cr.ctx, sh.worker, sharedLease); err != nil {
				sh.failed(err)
			}
		}
		sh.leaseMu.Unlock()
	}
}

// sharedQueue is the shared queue as this worker's colly queue.Queue sees
// it. It stops handing out requests when the worker stops (cancelled,
// given up, max_pages spent), counts what it hands out against max_pages,
// and turns a server failure into giving the source up, answering "empty"
// instead: colly's queue stops on an error from QueueSize without
// waiting for its threads, which then block for ever.
type sharedQueue struct{ sh *shared }

// errStopping is GetRequest's answer when the worker takes no more
// requests; colly's queue then asks QueueSize, which says 0.
var errStopping = errors.New("worker stopping")

func (q *sharedQueue) Init() error { return nil }

// AddRequest queues a request serialized by colly under the key the
// server dedupes on: a GET's URL, or for another method the page store's
// key (RequestKey), so POSTs of different bodies to one URL are apart.
func (q *sharedQueue) AddRequest(r []byte) error {
	var req struct {
		URL, Method string
		Body        []byte
	}
	if err := json.Unmarshal(r, &req); err != nil || req.URL == "" {
		return fmt.Errorf("shared queue: not a serialized colly request: %.80q", r)
	}
	added, err := q.sh.queue.Add(context.Background(), RequestKey(req.Method, req.URL, req.Body), r)
	if err == nil && !added {
		err = redisq.ErrSeen
	}
	return err
}

func (q *sharedQueue) QueueSize() (int, error) {
	if q.sh.stopping() {
		return 0, nil
	}
	n, err := q.sh.queue.Len(q.sh.cr.ctx)
	if err != nil {
		q.sh.failed(err)
		return 0, nil
	}
	return n, nil
}

func (q *sharedQueue) GetRequest() ([]byte, error) {
	cr := q.sh.cr
	if q.sh.stopping() {
		return nil, errStopping
	}
	// max_pages counts requests taken, as the in-process crawl counts
	// requests asked for.
	if cr.requested.Add(1) > cr.maxPages {
		cr.requested.Add(-1)
		return nil, errStopping
	}
	r, err := q.sh.queue.Pop(cr.ctx)
	if err != nil {
		cr.requested.Add(-1)
		if !errors.Is(err, redisq.ErrEmpty) { // another worker took the last one
			q.sh.failed(err)
		}
		return nil, err
	}
	cr.t.update(func(s *SourceStats) { s.Queued++ })
	return r, nil
}

// sharedQueue is what colly's queue consumes.
var _ queue.Storage = (*sharedQueue)(nil)
