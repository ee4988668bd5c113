package scrape

import (
	"fmt"
	"time"
)

// deadline gives the source up when source_deadline has passed since it
// started, or run_deadline since the run did, whichever comes first. It
// returns a func that stops the timer, or nil when neither is set.
func (cr *crawler) deadline() (stop func()) {
	var after time.Duration
	var why string
	if d := cr.cfg.SourceDeadline; d > 0 {
		after, why = d, fmt.Sprintf("source_deadline (%s) passed", d)
	}
	if d := cr.cfg.RunDeadline; d > 0 {
		if left := time.Until(cr.started.Add(d)); why == "" || left < after {
			after, why = left, fmt.Sprintf("run_deadline (%s) passed", d)
		}
	}
	if why == "" {
		return nil
	}
	timer := time.AfterFunc(after, func() {
		cr.giveUp(fmt.Sprintf("%s; a rerun goes on from the page store", why))
	})
	return func() { timer.Stop() }
}
