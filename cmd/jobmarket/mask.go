package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/jobmarket/jobmarket/data"
)

// Secrets (values a config takes from the environment as ${NAME}) are
// masked by one data.Masker, built here from the config and handed to
// every place that writes or prints: the records written to raw.arrow
// (so listings, rejects.csv and the report carry masked URLs), the page
// store's index, log lines, printed text and error messages.

// masker masks the values the config took from the environment.
func (p Pipeline) masker() *data.Masker { return data.NewMasker(p.secrets) }

// maskHandler is a slog.Handler that masks secrets in a record's message
// and attributes before the handler beneath encodes them (a JSON handler
// escapes characters, so masking its output would miss some).
type maskHandler struct {
	next slog.Handler
	mask *data.Masker
}

func (h maskHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h maskHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.mask.String(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h maskHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		masked[i] = h.attr(a)
	}
	return maskHandler{next: h.next.WithAttrs(masked), mask: h.mask}
}

func (h maskHandler) WithGroup(name string) slog.Handler {
	return maskHandler{next: h.next.WithGroup(name), mask: h.mask}
}

// attr masks one attribute: text as it is, a group member by member, and
// any other value (an error, a URL) as the text it prints as, when that
// holds a secret.
func (h maskHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.mask.String(v.String()))
	case slog.KindGroup:
		group := v.Group()
		masked := make([]any, len(group))
		for i, g := range group {
			masked[i] = h.attr(g)
		}
		return slog.Group(a.Key, masked...)
	case slog.KindAny:
		text := fmt.Sprint(v.Any())
		if masked := h.mask.String(text); masked != text {
			return slog.String(a.Key, masked)
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// maskWriter masks secrets in what is printed to stdout or stderr (the
// scrape summary, validate's answers). Each Write is masked on its own:
// every printer of the tool writes a line or a table cell at a time.
type maskWriter struct {
	w    io.Writer
	mask *data.Masker
}

func (m maskWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(m.w, m.mask.String(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
