package scrape

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// SourceStats counts what happened while collecting one source.
type SourceStats struct {
	Source    string
	Responses int // responses received: Fetched + FromStore
	// Fetched counts responses received from the network or read from
	// local files: one per request made, each redirect hop included;
	// robots.txt and retries are not counted here.
	Fetched   int
	FromStore int // served from the page store instead of fetching again
	Records   int // records made, rejects included
	Rejects   int // records that stand for something that could not be read
	// RobotsBlocked counts URLs robots.txt disallows: never fetched.
	RobotsBlocked int
	// Offsite counts links to hosts the source does not crawl: never fetched.
	Offsite int
	// Skipped counts links not followed because of max_pages or max_depth,
	// or because the source was given up.
	Skipped int
	Retries int
	// Failed counts failed fetches by reason: "HTTP 404", "timeout",
	// "connection", "truncated", "too large", "redirect", ...
	Failed map[string]int
	// Queued is how many requests are waiting or in flight (0 at the end).
	Queued int
	// GivenUp says why the source was abandoned before its end ("" if it
	// was not): its error budget ran out.
	GivenUp string
	// Silent says why the source gave no postings at all ("" if it gave
	// some, and in a worker sharing a queue, whose share of a source may
	// rightly be empty): every fetch failed, every page was a reject, or
	// nothing came. Set when the run ends.
	Silent  string
	Elapsed time.Duration
	Done    bool
	// Damaged counts stored pages skipped because their body no longer
	// matched its recorded digest: fetched again, or a reject offline.
	Damaged int
}

// Postings is the number of records that are postings, not rejects.
func (s SourceStats) Postings() int { return s.Records - s.Rejects }

// Failures is the number of failed fetches, all reasons together.
func (s SourceStats) Failures() int {
	n := 0
	for _, c := range s.Failed {
		n += c
	}
	return n
}

// silence says why a source that gave no postings gave none; "" when it
// gave some.
func (s SourceStats) silence() string {
	if s.Postings() > 0 {
		return ""
	}
	var why []string
	if n := s.Failures(); n > 0 {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(s.Failed)) {
			parts = append(parts, fmt.Sprintf("%s: %d", k, s.Failed[k]))
		}
		why = append(why, fmt.Sprintf("%d fetches failed (%s)", n, strings.Join(parts, ", ")))
	}
	if n := s.Rejects - s.Failures(); n > 0 {
		why = append(why, fmt.Sprintf("%d pages or records could not be read", n))
	}
	switch {
	case s.Records > 0:
	case s.Responses > 0:
		why = append(why, fmt.Sprintf("%d responses held no postings", s.Responses))
	case s.Skipped > 0:
		why = append(why, fmt.Sprintf("nothing was fetched (%d links skipped)", s.Skipped))
	default:
		why = append(why, "nothing was fetched or read")
	}
	if s.GivenUp != "" {
		why = append(why, "given up")
	}
	return "no postings: " + strings.Join(why, "; ")
}

// Result is what a crawl produced. Records are ordered by source (config
// order) and URL, so the same pages always give the same table.
type Result struct {
	Records []data.RawRecord
	Stats   []SourceStats
	// Store is the page store's folder; "" when no source was crawled.
	Store string
}

// ErrPartial is wrapped by Result.Err when a source was given up or gave
// no postings: the other sources' records are complete, that source's
// are not.
var ErrPartial = errors.New("partial scrape")

// PartialError names the sources given up and those that gave no
// postings. It wraps ErrPartial.
type PartialError struct {
	Sources []string // given up
	// Silent are the sources that gave no postings, each with why
	// ("greenhouse: no postings: 3 fetches failed (HTTP 500: 3)").
	Silent []string
}

func (e *PartialError) Error() string {
	var parts []string
	if len(e.Sources) > 0 {
		parts = append(parts, "gave up on "+strings.Join(e.Sources, ", "))
	}
	parts = append(parts, e.Silent...)
	return fmt.Sprintf("%s: %s; the other sources are complete", ErrPartial, strings.Join(parts, "; "))
}

func (e *PartialError) Unwrap() error { return ErrPartial }

// Err returns a *PartialError if any source was given up or gave no
// postings, else nil.
func (r Result) Err() error {
	var e PartialError
	for _, s := range r.Stats {
		if s.GivenUp != "" {
			e.Sources = append(e.Sources, s.Source)
		}
		if s.Silent != "" {
			e.Silent = append(e.Silent, s.Source+": "+s.Silent)
		}
	}
	if len(e.Sources) == 0 && len(e.Silent) == 0 {
		return nil
	}
	return &e
}

// WriteSummary writes a table of what happened per source: pages fetched
// and served from the store, URLs not fetched and why, failures by reason,
// postings found.
func (r Result) WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "source\tfetched\tfrom store\tdisallowed\toffsite\tskipped\tretries\tfailed\tpostings\trejects")
	for _, s := range r.Stats {
		failed := "0"
		if len(s.Failed) > 0 {
			var parts []string
			for _, k := range slices.Sorted(maps.Keys(s.Failed)) {
				parts = append(parts, fmt.Sprintf("%s: %d", k, s.Failed[k]))
			}
			failed = strings.Join(parts, ", ")
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%d\t%d\n", s.Source, s.Fetched, s.FromStore,
			s.RobotsBlocked, s.Offsite, s.Skipped, s.Retries, failed, s.Postings(), s.Rejects)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range r.Stats {
		if s.GivenUp != "" {
			if _, err := fmt.Fprintf(w, "%s: given up: %s\n", s.Source, s.GivenUp); err != nil {
				return err
			}
		}
		if s.Silent != "" {
			if _, err := fmt.Fprintf(w, "%s: %s\n", s.Source, s.Silent); err != nil {
				return err
			}
		}
		if s.Damaged > 0 {
			if _, err := fmt.Fprintf(w, "%s: %d stored pages were damaged (body does not match its sha256) and were not served\n", s.Source, s.Damaged); err != nil {
				return err
			}
		}
	}
	return nil
}

// tally is one source's counts and records while it is collected, shared
// by the crawl's goroutines.
type tally struct {
	mu      sync.Mutex
	stats   SourceStats
	records []data.RawRecord
	started time.Time
	// inARow counts transient failures since the last success, against
	// the error budget.
	inARow int
	gaveUp bool
	// noted holds URLs already recorded as not fetched, so a link found
	// on many pages is one reject.
	noted map[string]bool
}

func newTally(name string) *tally {
	return &tally{stats: SourceStats{Source: name, Failed: map[string]int{}}, started: time.Now(), noted: map[string]bool{}}
}

// add appends records and counts them.
func (t *tally) add(recs ...data.RawRecord) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.addLocked(recs...)
}

func (t *tally) addLocked(recs ...data.RawRecord) {
	t.records = append(t.records, recs...)
	t.countLocked(recs...)
}

// count counts records passed on elsewhere without keeping them.
func (t *tally) count(recs ...data.RawRecord) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.countLocked(recs...)
}

func (t *tally) countLocked(recs ...data.RawRecord) {
	for _, r := range recs {
		t.stats.Records++
		if r.RejectReason != "" {
			t.stats.Rejects++
		}
	}
}

// update changes counts under the lock.
func (t *tally) update(f func(s *SourceStats)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f(&t.stats)
}

// once runs f, which records why url was not fetched, the first time url
// is seen.
func (t *tally) once(url string, f func(s *SourceStats) data.RawRecord) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.noted[url] {
		return
	}
	t.noted[url] = true
	t.addLocked(f(&t.stats))
}

// snapshot copies the counts.
func (t *tally) snapshot() SourceStats {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stats
	s.Failed = maps.Clone(t.stats.Failed)
	if !s.Done {
		s.Elapsed = time.Since(t.started)
	}
	return s
}
