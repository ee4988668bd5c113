package scrape

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// Scraper collects postings. Bundled, Network, Log and Progress are what
// tests and the command swap; Refresh and Offline are the command's
// choices for one run. None of them is part of the YAML config.
type Scraper struct {
	Config  Config
	Bundled fs.FS             // served as bundled://host/path; nil disables the scheme
	Network http.RoundTripper // for http(s); nil means http.DefaultTransport
	Log     *slog.Logger      // nil means slog.Default(); per-page lines are Debug
	// Refresh fetches every page again instead of serving it from the
	// store; what is fetched is stored as usual (the command's --refresh).
	Refresh bool
	// Offline re-reads a stored scrape: every page, local ones included,
	// comes from the store and nothing is fetched; a page the store lacks
	// is a reject. A parser fix is re-applied this way with no network.
	Offline bool
	// Progress, when set, hears what every source is doing (see
	// ProgressFunc); ProgressEvery is how often, default
	// DefaultProgressEvery.
	Progress      ProgressFunc
	ProgressEvery time.Duration
	// Sink, when set, receives every record instead of Result.Records,
	// in the same order: sources in the order given, each crawled
	// source's records sorted by CompareRecords. A file source streams
	// through it as it is read, so a researcher's table of any size is
	// never held; a crawled source is held until it is done, then
	// passed on and dropped. Sink must copy what it keeps. An error from
	// Sink stops the run and is returned.
	Sink func([]data.RawRecord) error
	// MaskURL, when set, hides secrets in the URLs the page store records
	// and is looked up by; requests still go to the real URL.
	MaskURL func(string) string
}

// Run collects every source, sources in parallel. A source that fails does
// not stop the others: its failures are rejects in the result, and a
// source whose error budget runs out is given up, and one that gives no
// postings is silent (Result.Err says so of both).
// Run returns ctx.Err() if it was cancelled, together with everything
// collected so far; every page fetched by then is in the store, so a new
// Run resumes where this one stopped. Other errors are the config's or
// the store's: a page that cannot be stored stops the whole run.
func (s *Scraper) Run(parent context.Context, sources []Source) (Result, error) {
	cfg := s.Config
	if err := cfg.Validate(sources); err != nil {
		return Result{}, err
	}
	if s.Offline && s.Refresh {
		return Result{}, errors.New("scrape: refresh (fetch everything again) and offline (fetch nothing) exclude each other")
	}
	ctx, stop := context.WithCancelCause(parent)
	defer stop(nil)
	r := &run{Scraper: s, cfg: cfg, log: cmp.Or(s.Log, slog.Default()), gates: newGates(cfg.Parallelism, cfg.Delay), started: time.Now(),
		network: s.Network, broken: func(err error) { stop(fmt.Errorf("page store: %w", err)) }}
	if r.network == nil {
		t := newNetworkTransport(cfg.Parallelism)
		defer t.CloseIdleConnections()
		r.network = t
	}
	var res Result
	if slices.ContainsFunc(sources, Source.crawled) {
		store, err := OpenStore(cfg.Store)
		if err != nil {
			return Result{}, err
		}
		store.mask = s.MaskURL
		r.store = store
		if res.Store, err = filepath.Abs(cfg.Store); err != nil {
			res.Store = cfg.Store
		}
	}
	tallies := make([]*tally, len(sources))
	for i, src := range sources {
		tallies[i] = newTally(src.Name)
	}
	stopProgress := s.startProgress(tallies)
	done := make([]chan struct{}, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		done[i] = make(chan struct{})
		if s.Sink != nil && !src.crawled() {
			continue // read in turn below, straight into the sink
		}
		wg.Go(func() {
			defer close(done[i])
			if src.crawled() {
				r.crawl(ctx, src, tallies[i])
			} else {
				r.readFile(ctx, src, tallies[i], nil)
			}
			r.finished(src, tallies[i])
		})
	}
	var sinkErr error
	for i, src := range sources {
		t := tallies[i]
		if s.Sink != nil && !src.crawled() {
			if sinkErr == nil {
				if sinkErr = r.readFile(ctx, src, t, s.Sink); sinkErr != nil {
					stop(sinkErr)
				}
			}
			r.finished(src, t)
			continue
		}
		<-done[i]
		slices.SortStableFunc(t.records, CompareRecords)
		if s.Sink == nil {
			res.Records = append(res.Records, t.records...)
		} else if sinkErr == nil {
			if sinkErr = s.Sink(t.records); sinkErr != nil {
				stop(sinkErr)
			}
		}
		t.records = nil
	}
	wg.Wait()
	stopProgress()
	for _, t := range tallies {
		st := t.snapshot()
		if cfg.Queue == "" && parent.Err() == nil {
			// A worker sharing a queue may rightly get none of a source.
			st.Silent = st.silence()
		}
		res.Stats = append(res.Stats, st)
	}
	var closeErr error
	if r.store != nil {
		closeErr = r.store.Close()
	}
	runErr := parent.Err()
	if runErr == nil && ctx.Err() != nil {
		runErr = context.Cause(ctx) // the store or the sink broke
	}
	return res, errors.Join(runErr, closeErr)
}

// finished marks a source done and logs its summary line.
func (r *run) finished(src Source, t *tally) {
	t.update(func(st *SourceStats) { st.Done, st.Queued, st.Elapsed = true, 0, time.Since(t.started) })
	st := t.snapshot()
	r.log.Info("scraped source", "source", src.Name, "fetched", st.Fetched, "from_store", st.FromStore,
		"postings", st.Postings(), "rejects", st.Rejects, "robots_blocked", st.RobotsBlocked,
		"failed", st.Failures(), "duration", st.Elapsed.Round(time.Millisecond))
}

// CompareRecords orders records by URL, then by what else tells two
// records of one URL apart, so the order never depends on timing. Within
// a source, raw.arrow is in this order, which lets transform merge the
// outputs of several workers sharing one queue into the order one worker
// would have written.
func CompareRecords(a, b data.RawRecord) int {
	return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.PageSHA256, b.PageSHA256),
		cmp.Compare(a.RejectReason, b.RejectReason), cmp.Compare(a.Title, b.Title))
}

// run is what the sources of one Run share.
type run struct {
	*Scraper
	cfg     Config
	log     *slog.Logger
	store   *Store
	gates   *gates
	network http.RoundTripper
	broken  func(error) // stops the run with this error
	started time.Time   // run_deadline counts from here
}

// newNetworkTransport is http.DefaultTransport keeping as many idle
// connections per host as requests may be in flight: the default keeps
// two, so with more in parallel most requests would open a new
// connection, costing the board a handshake each time.
func newNetworkTransport(parallelism int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = max(parallelism, 2)
	return t
}

// startProgress calls s.Progress from one goroutine every ProgressEvery
// until the returned stop, which makes the final call.
func (s *Scraper) startProgress(tallies []*tally) (stop func()) {
	if s.Progress == nil {
		return func() {}
	}
	snapshot := func() []SourceStats {
		stats := make([]SourceStats, len(tallies))
		for i, t := range tallies {
			stats[i] = t.snapshot()
		}
		return stats
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(cmp.Or(s.ProgressEvery, DefaultProgressEvery))
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				s.Progress(snapshot(), false)
			case <-done:
				s.Progress(snapshot(), true)
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}
