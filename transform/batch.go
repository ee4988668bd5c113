package transform

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/jobmarket/jobmarket/data"
)

// chunkSize is how many records a goroutine of NormalizeBatch takes at a
// time: a few milliseconds of work, so handing out chunks costs nothing
// beside them, and small enough that the goroutines finish a batch of
// 65,536 records within a chunk or two of each other.
const chunkSize = 256

// batchScratch is what NormalizeBatch keeps between batches, so a stream
// of batches allocates no scratch after the first.
type batchScratch struct {
	slots    []int32    // per record: its index among the batch's listings, -1 for a reject
	dups     []dupInput // per listing: what duplicate detection needs of it
	finished chan int   // chunks the helper goroutines have done
	ready    []bool     // per chunk: done, as the calling goroutine has learnt
}

// NormalizeBatch normalizes records in order, appending to listings and rejects, and returns them.
// It spreads the per-record work (pay, place, role, seniority parsing) over up to GOMAXPROCS goroutines and
// does the order-dependent part (duplicate detection, stats) in record order, so the result is identical to
// calling Normalize on each record in turn, on any number of cores.
//
// The calling goroutine works too: it takes the records in order as they
// are ready, and while the next are not, it parses some itself. When ctx
// is cancelled it stops between chunks of records and returns ctx.Err()
// with what the records before that point became: the Normalizer has
// taken in exactly those.
// It also fails when the spill file (see SpillURLs) cannot be written or
// read; the Normalizer is of no further use then.
func (n *Normalizer) NormalizeBatch(ctx context.Context, records []data.RawRecord, listings []data.Listing, rejects []data.Reject) ([]data.Listing, []data.Reject, error) {
	if len(records) == 0 {
		return listings, rejects, nil
	}
	s := &n.batch
	kept := s.assignSlots(records)
	base := len(listings)
	listings = slices.Grow(listings, kept)[:base+kept]
	s.dups = slices.Grow(s.dups[:0], kept)[:kept]
	chunks := (len(records) + chunkSize - 1) / chunkSize
	s.ready = slices.Grow(s.ready[:0], chunks)[:chunks]
	clear(s.ready)
	if cap(s.finished) < chunks {
		s.finished = make(chan int, chunks)
	}

	var next atomic.Int64 // the next chunk no goroutine has taken
	prepare := func(w *worker, c int) {
		for i := c * chunkSize; i < min((c+1)*chunkSize, len(records)); i++ {
			if slot := s.slots[i]; slot >= 0 {
				s.dups[slot] = w.listing(&records[i], &listings[base+int(slot)])
			}
		}
	}
	helpers := min(runtime.GOMAXPROCS(0), chunks) - 1
	for len(n.workers) <= helpers {
		n.workers = append(n.workers, newWorker(n.rules))
	}
	var wg sync.WaitGroup
	for h := 1; h <= helpers; h++ {
		wg.Go(func() {
			// A chunk taken is always prepared and handed in: the loop
			// below may be waiting for it, so the cancel is checked
			// before taking one, never after.
			for ctx.Err() == nil {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				prepare(n.workers[h], c)
				s.finished <- c
			}
		})
	}
	defer func() {
		next.Store(int64(chunks)) // leaves the helpers nothing more to take
		wg.Wait()
		for len(s.finished) > 0 { // after a cancel, chunks done but not taken in
			<-s.finished
		}
	}()

	listed := 0 // listings taken in
	for c := range chunks {
		// Wait for chunk c, parsing later chunks meanwhile.
		for !s.ready[c] {
			select {
			case k := <-s.finished:
				s.ready[k] = true
				continue
			default:
			}
			if k := int(next.Add(1) - 1); k < chunks {
				prepare(n.workers[0], k)
				s.ready[k] = true
				continue
			}
			s.ready[<-s.finished] = true
		}
		if err := ctx.Err(); err != nil {
			return listings[:base+listed], rejects, err
		}
		for i := c * chunkSize; i < min((c+1)*chunkSize, len(records)); i++ {
			slot := s.slots[i]
			if slot < 0 {
				rej, _ := rejectOf(&records[i])
				n.countReject(records[i].Source)
				rejects = append(rejects, rej)
				continue
			}
			n.finish(&records[i], &listings[base+int(slot)], &s.dups[slot])
			s.dups[slot].url = "" // the scratch must not keep the batch's records alive
			listed++
		}
	}
	if err := n.dedupe.urls.err; err != nil {
		return listings, rejects, err
	}
	return listings, rejects, nil
}

// assignSlots decides where each record's listing goes among the batch's
// listings, so that workers write listings in place and in any order, and
// returns how many listings the batch makes.
func (s *batchScratch) assignSlots(records []data.RawRecord) int {
	s.slots = s.slots[:0]
	kept := 0
	for i := range records {
		slot := int32(-1)
		if !rejected(&records[i]) {
			slot = int32(kept)
			kept++
		}
		s.slots = append(s.slots, slot)
	}
	return kept
}
