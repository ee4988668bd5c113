package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// runScrape crawls every source and writes raw.arrow: one row per posting
// found or page that failed, so nothing fetched goes uncounted.
func runScrape(ctx context.Context, e *env) error {
	started := time.Now()
	boards, err := fs.Sub(data.Boards, "boards")
	if err != nil {
		return fmt.Errorf("open bundled snapshot: %w", err)
	}
	s := &scrape.Scraper{Config: e.cfg.Scrape, Bundled: boards, Log: e.log, Refresh: e.refresh, Offline: e.offline,
		MaskURL: e.mask.String}
	switch {
	case e.quiet:
	case isTerminal(e.stderr) && !e.jsonLogs():
		s.Progress = scrape.TerminalProgress(e.stderr)
	default:
		s.Progress = scrape.LogProgress(e.log, 10*time.Second)
	}
	// Records stream into raw.arrow as the scraper passes them on, so a
	// file source of any size is never held in memory.
	f, err := data.CreateAtomic(e.path(RawFile))
	if err != nil {
		return err
	}
	defer f.Abort() // after Commit, a no-op on a closed and renamed file
	w, err := data.NewRawIPCWriter(f, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	pages := newPageSet()
	s.Sink = func(recs []data.RawRecord) error {
		if e.mask != nil {
			recs = slices.Clone(recs)
			for i := range recs {
				e.mask.RawRecord(&recs[i])
			}
		}
		for i := range recs {
			pages.add(&recs[i])
		}
		return w.Write(recs...)
	}
	res, err := s.Run(ctx, e.cfg.Sources)
	if err != nil {
		w.Close()
		return err
	}
	switch {
	case e.quiet:
	case e.jsonLogs():
		logScrapeSummary(e.log, res)
	default:
		if err := res.WriteSummary(e.stderr); err != nil {
			w.Close()
			return err
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write %s: %w", e.path(RawFile), err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	counts := map[string]int{"records": int(w.Rows())}
	for _, st := range res.Stats {
		counts[st.Source+".fetched"] = st.Fetched
		counts[st.Source+".from_store"] = st.FromStore
		counts[st.Source+".records"] = st.Records
		counts[st.Source+".rejects"] = st.Rejects
		counts[st.Source+".robots_blocked"] = st.RobotsBlocked
		counts[st.Source+".offsite"] = st.Offsite
		counts[st.Source+".skipped"] = st.Skipped
		counts[st.Source+".retries"] = st.Retries
	}
	outputs, err := e.hashNames(RawFile)
	if err != nil {
		return err
	}
	inputs := []FileHash{pages.digest(res.Store)}
	if err := e.recordStage("scrape", started, counts, inputs, outputs); err != nil {
		return err
	}
	// Sources given up still leave a complete raw.arrow of what was read;
	// the run goes on and ends with exit code 3.
	return res.Err()
}

// isTerminal reports whether w is a terminal, where progress bars redraw
// in place; elsewhere (CI logs, files) progress is a log line now and then.
func isTerminal(w io.Writer) bool {
	if m, ok := w.(maskWriter); ok {
		w = m.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// scrapeCommand is `jobmarket scrape`.
var scrapeCommand = stageCommand{
	use:   "scrape",
	short: "Fetch the sources into raw.arrow",
	long: `Fetch the config's sources into raw.arrow. Every page is kept in the page
store (scrape.store) before it is parsed, so a second run resumes and
--offline re-reads stored pages only.`,
	flags:  flagConfig | flagOut | flagSource | flagFetch,
	writes: true,
	run:    runScrape,
}

// logScrapeSummary is the scrape summary table as one log record, for
// JSON logs: a row per source with the table's counts, its failures by
// kind, and why it was given up or gave nothing; a source given up or
// silent makes it a warning.
func logScrapeSummary(log *slog.Logger, res scrape.Result) {
	type row struct {
		Source     string         `json:"source"`
		Fetched    int            `json:"fetched"`
		FromStore  int            `json:"from_store"`
		Disallowed int            `json:"disallowed"`
		Offsite    int            `json:"offsite"`
		Skipped    int            `json:"skipped"`
		Retries    int            `json:"retries"`
		Failed     int            `json:"failed"`
		FailedBy   map[string]int `json:"failed_by,omitempty"`
		Postings   int            `json:"postings"`
		Rejects    int            `json:"rejects"`
		ElapsedS   float64        `json:"elapsed_s"`
		GivenUp    string         `json:"given_up,omitempty"`
		Silent     string         `json:"silent,omitempty"`
	}
	rows := make([]row, len(res.Stats))
	level := slog.LevelInfo
	for i, s := range res.Stats {
		rows[i] = row{Source: s.Source, Fetched: s.Fetched, FromStore: s.FromStore, Disallowed: s.RobotsBlocked,
			Offsite: s.Offsite, Skipped: s.Skipped, Retries: s.Retries, Failed: s.Failures(), FailedBy: s.Failed,
			Postings: s.Postings(), Rejects: s.Rejects, ElapsedS: s.Elapsed.Seconds(), GivenUp: s.GivenUp, Silent: s.Silent}
		if s.GivenUp != "" || s.Silent != "" {
			level = slog.LevelWarn
		}
	}
	log.Log(context.Background(), level, "scrape summary", "sources", rows)
}
