package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
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
	case isTerminal(e.stderr):
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
	if !e.quiet {
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
