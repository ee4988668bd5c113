package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
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
	s := &scrape.Scraper{Config: e.cfg.Scrape, Bundled: boards, Log: e.log}
	res, err := s.Run(ctx, e.cfg.Sources)
	if err != nil {
		return err
	}
	if err := data.WriteFileAtomic(e.path(RawFile), func(f *os.File) error {
		return data.WriteRawIPC(f, memory.DefaultAllocator, res.Records)
	}); err != nil {
		return err
	}
	counts := map[string]int{"records": len(res.Records)}
	for _, st := range res.Stats {
		counts[st.Source+".responses"] = st.Responses
		counts[st.Source+".records"] = st.Records
		counts[st.Source+".rejects"] = st.Rejects
		counts[st.Source+".robots_blocked"] = st.RobotsBlocked
		counts[st.Source+".retries"] = st.Retries
	}
	outputs, err := e.hashNames(RawFile)
	if err != nil {
		return err
	}
	inputs := []FileHash{pagesDigest(res.Records)}
	return e.recordStage("scrape", started, counts, inputs, outputs)
}
