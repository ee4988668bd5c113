package main

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// Progress of the stages after scrape (scrape draws its own, one bar per
// source, in package scrape). It is written here rather than taken from a
// library such as schollz/progressbar: what a stage needs is one line
// redrawn in place on a terminal and the same facts as a log record
// elsewhere, in text or JSON like every other log line, which a bar
// library leaves to us anyway; and scrape's bars are drawn the same way.

// workDrawEvery is how often a terminal's progress line is redrawn, and
// workLogEvery how often a log line says a stage is still working when
// stderr is no terminal (CI, a file) or logs are JSON.
var (
	workDrawEvery = 200 * time.Millisecond
	workLogEvery  = 10 * time.Second
)

// stageWork shows that a long stage is working until end is called: rows
// read of the total when it counts them (a bar), then how long it has
// been working on what it read.
type stageWork struct {
	stage string
	unit  string // what is counted ("listings"); "" counts nothing
	total int64  // rows expected per pass; 0 when unknown
	after string // what the stage does once it has read everything

	rows, pass atomic.Int64
	// The estimate being made (analyze.Input.Progress): its name and how
	// many of its cells are done, of how many.
	estimate                atomic.Pointer[string]
	cellsDone, cellsOfTotal atomic.Int64
	started                 time.Time
	stop                    chan struct{}
	stopOnce                sync.Once
	wg                      sync.WaitGroup
}

// startWork starts showing the stage's progress: a line on a terminal,
// log lines elsewhere and with JSON logs, nothing with -q. unit and total
// say what the stage reads and how much of it there is (0 when unknown);
// after says what it does next ("estimating").
func (e *env) startWork(stage, unit string, total int64, after string) *stageWork {
	w := &stageWork{stage: stage, unit: unit, total: total, after: after, started: time.Now(), stop: make(chan struct{})}
	switch {
	case e.quiet:
		return w
	case isTerminal(e.stderr) && !e.jsonLogs():
		w.run(workDrawEvery, func(final bool) {
			if final {
				io.WriteString(e.stderr, "\r\x1b[2K")
				return
			}
			io.WriteString(e.stderr, "\r\x1b[2K"+w.line(time.Since(w.started)))
		})
	default:
		w.run(workLogEvery, func(final bool) {
			if !final {
				e.log.Info("working", w.attrs(time.Since(w.started))...)
			}
		})
	}
	return w
}

// run calls show every interval until end, and once more with final.
func (w *stageWork) run(every time.Duration, show func(final bool)) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				show(true)
				return
			case <-t.C:
				show(false)
			}
		}
	}()
}

// end stops showing progress; the line on a terminal is cleared. Later
// calls do nothing, so a deferred end may follow one on the main path.
func (w *stageWork) end() {
	w.stopOnce.Do(func() { close(w.stop) })
	w.wg.Wait()
}

// stream counts the listings a stream passes on; each new pass counts
// from zero again.
func (w *stageWork) stream(s listingStream) listingStream {
	return func(fn func([]data.Listing) error) error {
		w.pass.Add(1)
		w.rows.Store(0)
		return s(func(batch []data.Listing) error {
			w.rows.Add(int64(len(batch)))
			return fn(batch)
		})
	}
}

// estimated is told how far an estimate is: done of total cells.
func (w *stageWork) estimated(estimate string, done, total int) {
	w.estimate.Store(&estimate)
	w.cellsDone.Store(int64(done))
	w.cellsOfTotal.Store(int64(total))
}

// bar draws done of total in width cells.
func bar(done, total int64) string {
	const width = 20
	filled := int(min(int64(width)*done/max(total, 1), width))
	return "[" + strings.Repeat("█", filled) + strings.Repeat("░", width-filled) + "]"
}

// reading reports whether the stage is still reading its rows.
func (w *stageWork) reading() bool {
	return w.unit != "" && w.total > 0 && w.rows.Load() < w.total
}

// line is the terminal's progress line after elapsed: short enough for
// an 80-column terminal, since a wrapped line would break the redraw.
func (w *stageWork) line(elapsed time.Duration) string {
	secs := fmt.Sprintf("%4.0fs", elapsed.Seconds())
	if est := w.estimate.Load(); est != nil && !w.reading() {
		return fmt.Sprintf("%-9s %s %d/%d cells of the %s %s", w.stage, bar(w.cellsDone.Load(), w.cellsOfTotal.Load()),
			w.cellsDone.Load(), w.cellsOfTotal.Load(), *est, secs)
	}
	if !w.reading() {
		what := w.after
		if w.unit != "" && w.rows.Load() > 0 {
			what = fmt.Sprintf("read %d %s; %s", w.rows.Load(), w.unit, w.after)
		}
		return fmt.Sprintf("%-9s %s %s", w.stage, what, secs)
	}
	rows := w.rows.Load()
	pass := ""
	if p := w.pass.Load(); p > 1 {
		pass = fmt.Sprintf(" (pass %d)", p)
	}
	return fmt.Sprintf("%-9s %s %d/%d %s%s %s", w.stage, bar(rows, w.total), rows, w.total, w.unit, pass, secs)
}

// attrs are the log record's facts after elapsed.
func (w *stageWork) attrs(elapsed time.Duration) []any {
	attrs := []any{"stage", w.stage, "elapsed", elapsed}
	if w.unit != "" {
		attrs = append(attrs, w.unit+"_read", w.rows.Load())
		if w.total > 0 {
			attrs = append(attrs, w.unit+"_total", w.total)
		}
		if p := w.pass.Load(); p > 1 {
			attrs = append(attrs, "pass", p)
		}
	}
	switch est := w.estimate.Load(); {
	case est != nil && !w.reading():
		attrs = append(attrs, "estimate", *est, "cells_done", w.cellsDone.Load(), "cells_total", w.cellsOfTotal.Load())
	case !w.reading():
		attrs = append(attrs, "doing", w.after)
	}
	return attrs
}

// listingCount is how many listings the transform stage recorded in the
// manifest, 0 when it is not known.
func (e *env) listingCount() int64 {
	m, err := readManifest(e.out)
	if err != nil {
		return 0
	}
	if st, ok := m.Stages["transform"]; ok {
		return int64(st.Counts["listings"])
	}
	return 0
}

// clearLine writes each log line over the progress line a terminal may
// show, so a record logged while a stage works starts at the left edge
// and the progress is redrawn under it.
type clearLine struct{ w io.Writer }

func (c clearLine) Write(p []byte) (int, error) {
	if _, err := io.WriteString(c.w, "\r\x1b[2K"); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// logWriter is where text log lines go: stderr, cleared of any progress
// line first when it is a terminal.
func logWriter(stderr io.Writer) io.Writer {
	if isTerminal(stderr) {
		return clearLine{stderr}
	}
	return stderr
}

// jsonLogs reports whether log lines are JSON (--log-format json): then
// everything written to stderr is a JSON line.
func (e *env) jsonLogs() bool {
	_, ok := e.log.Handler().(*slog.JSONHandler)
	return ok
}

// secondsAttr writes durations as seconds (a float) in JSON logs, not
// slog's integer nanoseconds.
func secondsAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		return slog.Float64(a.Key+"_s", a.Value.Duration().Seconds())
	}
	return a
}

// sayWritten tells the user which files a stage wrote, as one short line
// (a folder of several files counted as one entry) or, with JSON logs, a
// record; nothing with -q.
func (e *env) sayWritten(stage string, outputs []FileHash) {
	if e.quiet {
		return
	}
	var names []string
	inDir := map[string]int{}
	for _, o := range outputs {
		dir, _, nested := strings.Cut(filepath.ToSlash(o.Path), "/")
		if nested {
			if inDir[dir] == 0 {
				names = append(names, dir+"/")
			}
			inDir[dir]++
			continue
		}
		names = append(names, o.Path)
	}
	names = append(names, ManifestFile)
	shown := make([]string, len(names))
	for i, n := range names {
		shown[i] = filepath.Join(e.out, n)
		if c := inDir[strings.TrimSuffix(n, "/")]; c > 0 {
			shown[i] = fmt.Sprintf("%s%c (%d files)", shown[i], filepath.Separator, c)
		}
	}
	if e.jsonLogs() {
		e.log.Info("wrote", "stage", stage, "files", shown)
		return
	}
	fmt.Fprintf(e.stderr, "%s wrote %s\n", stage, strings.Join(shown, ", "))
}
