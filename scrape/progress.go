package scrape

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
)

// DefaultProgressEvery is how often a ProgressFunc hears from a running
// crawl: often enough for a bar to move smoothly, rarely enough to cost
// nothing.
const DefaultProgressEvery = 200 * time.Millisecond

// ProgressFunc is told what every source is doing: while Run works, every
// Scraper.ProgressEvery with the counts so far, and once more at the end
// with final set. Calls never overlap, so it needs no locking.
type ProgressFunc func(stats []SourceStats, final bool)

// LogProgress returns a ProgressFunc for output that is not a terminal
// (a log file, CI): one plain line per source whose counts changed, at
// most every interval. The end is left to the summary.
func LogProgress(log *slog.Logger, every time.Duration) ProgressFunc {
	var last time.Time
	seen := map[string]int{}
	return func(stats []SourceStats, final bool) {
		if final || time.Since(last) < every {
			return
		}
		last = time.Now()
		for _, s := range stats {
			if s.Done || s.Responses+s.Failures() == seen[s.Source] {
				continue
			}
			seen[s.Source] = s.Responses + s.Failures()
			log.Info("scraping", "source", s.Source, "pages", s.Responses, "queued", s.Queued,
				"failed", s.Failures(), "pages_per_s", rate(s))
		}
	}
}

// TerminalProgress returns a ProgressFunc that draws one bar per source on
// w, a terminal, redrawing the lines in place. The bar's length is pages
// read against pages read plus queued, since a crawl learns its size as it
// goes.
func TerminalProgress(w io.Writer) ProgressFunc {
	drawn := 0
	return func(stats []SourceStats, final bool) {
		var b strings.Builder
		if drawn > 0 {
			fmt.Fprintf(&b, "\x1b[%dA", drawn) // back to the first bar
		}
		width := 0
		for _, s := range stats {
			width = max(width, len(s.Source))
		}
		for _, s := range stats {
			b.WriteString("\x1b[2K")
			b.WriteString(progressLine(s, width))
			b.WriteByte('\n')
		}
		drawn = len(stats)
		io.WriteString(w, b.String())
	}
}

const barWidth = 20

func progressLine(s SourceStats, nameWidth int) string {
	filled := barWidth
	if !s.Done && s.Responses+s.Queued > 0 {
		filled = barWidth * s.Responses / (s.Responses + s.Queued)
	} else if !s.Done {
		filled = 0
	}
	state := fmt.Sprintf("%d queued", s.Queued)
	switch {
	case s.GivenUp != "":
		state = "given up"
	case s.Done:
		state = "done"
	}
	// Short enough for an 80-column terminal: a wrapped line would break
	// the redraw. Pages from the store are in the final summary.
	return fmt.Sprintf("%-*s [%s%s] %6d pages %4d failed %6.0f/s  %s",
		nameWidth, s.Source, strings.Repeat("█", filled), strings.Repeat("░", barWidth-filled),
		s.Responses, s.Failures(), rate(s), state)
}

func rate(s SourceStats) float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Responses) / s.Elapsed.Seconds()
}
