package analyze

import (
	"context"
	"errors"
	"fmt"

	"github.com/jobmarket/jobmarket/data"
)

// Stream passes over a listings table batch by batch: each call is a new
// pass from the start, and a batch is only valid during fn. Run reads
// listings this way so a table of any size is never held whole.
type Stream func(fn func([]data.Listing) error) error

// SliceStream streams listings held in memory, as one batch.
func SliceStream(listings []data.Listing) Stream {
	return func(fn func([]data.Listing) error) error {
		if len(listings) == 0 {
			return nil
		}
		return fn(listings)
	}
}

// Input is what Run analyzes.
type Input struct {
	// Regions are the regions to estimate, in config order (a name given
	// twice counts once).
	Regions []string
	// Listings is the listings table. Run passes over it once, or twice
	// when Period has an open end; nil is no listings.
	Listings Stream
	// Rejects feed the funnel of an analysis of every posting. They carry
	// no date, so the funnel of a period counts listings only.
	Rejects []data.Reject
	// Sources are the names of the sources read, in config order: a
	// source that gave no records at all still gets a funnel row, with
	// a note. Nil adds none.
	Sources []string
	// Definition is the classify.definition the listings' roles were made
	// under (data.DefinitionCore or data.DefinitionMention). When set, the
	// rows are labelled with it and followed by the sensitivity rows under
	// the other definition (see sensitivity.label); "" adds none.
	Definition string
	// Period limits the analysis to the postings of a quarter or a span of
	// dates (data.Span.Contains); zero for every posting. An open end is
	// closed with the first or last posting date of the listings.
	Period data.Span
	// Progress, when not nil, is told as each cell (a region in a quarter)
	// of an estimate is done: which estimate ("estimates", and for a
	// period also "trend" and "previous period"), how many cells are done
	// and of how many. Calls come one at a time, from Run's goroutines.
	Progress func(estimate string, done, total int)
}

// Output is an analysis: the rows of the period (of every posting when the
// input names none) and, for a period, the rows a report shows beside
// them.
type Output struct {
	Result
	// Listings is the number of listings read in the period.
	Listings int
	// Period is the input's period with its open ends closed; zero when
	// the analysis covers every posting.
	Period data.Span
	// Context is nil for an analysis of every posting.
	Context *Context
}

// Context is what an analysis limited to a period estimates beside the
// period's own rows, with the same config and seed: the quarterly trend up
// to the period and the period before it.
type Context struct {
	// Trend are the per-quarter rows of an analysis of every posting up to
	// the period's end, in Result.Premiums order, with each region's
	// change between the last two quarters; the rows over all those
	// quarters are left out.
	Trend []data.Premium
	// Previous is the period before (data.Span.Previous).
	Previous data.Span
	// PreviousRows are the previous period's rows as Result.Premiums
	// orders them, quarter "all" being the whole previous period. For a
	// quarter they are its rows of the trend, so the comparison and the
	// trend agree to the digit, followed by the change from it to the
	// period when analyze makes one; for dates they are an analysis of
	// the previous period's postings. Empty when it has no postings.
	PreviousRows []data.Premium
	// PreviousNote says why PreviousRows is empty, such as "no postings in
	// 2026Q2".
	PreviousNote string
}

// ErrNoListings is returned, with the period, when an analysis limited to
// a period finds no listings posted in it.
var ErrNoListings = errors.New("no listings posted in the period")

// Run is the analyze stage: it estimates the premium for every region of
// in and every quarter present in the listings, limited to in.Period when
// it is set, and then also the trend and the previous period (Context).
// Every estimate draws from generators seeded by cfg.Seed and the row's
// region and quarter, so the same input and config give the same rows to
// the digit. It returns the config's problems (as Validate does),
// ErrNoListings for an empty period, and errors of in.Listings or a
// cancelled ctx; bad or scarce data give rows with notes, not errors.
func Run(ctx context.Context, cfg Config, in Input) (Output, error) {
	if err := cfg.Validate(); err != nil {
		return Output{}, err
	}
	listings := in.Listings
	if listings == nil {
		listings = SliceStream(nil)
	}
	period := in.Period
	if period.Open() {
		first, last, err := dateBounds(listings)
		if err != nil {
			return Output{}, err
		}
		if period, err = period.Close(first, last); err != nil {
			return Output{}, err
		}
	}
	limited := !period.IsZero()
	own, err := NewSample(cfg, in.Regions)
	if err != nil {
		return Output{}, err
	}
	var history, before *Sample // the trend; the previous period of dates
	var prev data.Span
	if limited {
		history, _ = NewSample(cfg, in.Regions)
		history.quartersOnly = true // the trend shows per-quarter rows only
		if prev = period.Previous(); prev.Quarter == "" {
			before, _ = NewSample(cfg, in.Regions)
		}
	}
	if in.Progress != nil {
		for _, s := range []struct {
			sample *Sample
			name   string
		}{{own, "estimates"}, {history, "trend"}, {before, "previous period"}} {
			if s.sample != nil {
				s.sample.progress = func(done, total int) { in.Progress(s.name, done, total) }
			}
		}
	}
	other, err := newSensitivity(cfg, in.Regions, in.Definition)
	if err != nil {
		return Output{}, err
	}
	out := Output{Period: period}
	nBefore := 0
	err = listings(func(batch []data.Listing) error {
		for i := range batch {
			l := &batch[i]
			if !limited {
				own.Add(l)
				other.add(l)
				out.Listings++
				continue
			}
			if period.Contains(l) {
				own.Add(l)
				other.add(l)
				out.Listings++
			}
			if period.UpTo(l) {
				history.Add(l)
			}
			if prev.Contains(l) {
				nBefore++
				if before != nil {
					before.Add(l)
				}
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return Output{}, err
	}
	if limited && out.Listings == 0 {
		return Output{}, fmt.Errorf("%s: %w", period.Label(), ErrNoListings)
	}
	if !limited {
		for _, r := range in.Rejects {
			own.AddReject(r)
		}
	}
	if out.Result, err = own.Estimate(ctx); err != nil {
		return Output{}, err
	}
	if out.Premiums, err = other.label(ctx, out.Premiums, in.Definition); err != nil {
		return Output{}, err
	}
	out.Funnel = noteSilentSources(out.Funnel, in.Sources, in.Rejects, limited)
	if limited {
		if out.Context, err = periodContext(ctx, period, prev, history, before, nBefore); err != nil {
			return Output{}, err
		}
	}
	return out, nil
}

// periodContext estimates the trend from history (the postings up to the
// period's end) and the previous period, from the trend's rows for a
// quarter or from before for dates.
func periodContext(ctx context.Context, period, prev data.Span, history, before *Sample, nBefore int) (*Context, error) {
	trend, err := history.Estimate(ctx)
	if err != nil {
		return nil, fmt.Errorf("trend up to %s: %w", period.Label(), err)
	}
	c := &Context{Trend: []data.Premium{}, Previous: prev, PreviousRows: []data.Premium{}}
	for _, row := range trend.Premiums {
		if row.Quarter != data.QuarterAll {
			c.Trend = append(c.Trend, row)
		}
	}
	switch {
	case nBefore == 0:
		c.PreviousNote = "no postings in " + prev.Label()
	case prev.Quarter != "":
		for _, row := range trend.Premiums {
			switch row.Quarter {
			case prev.Quarter:
				row.Quarter = data.QuarterAll // the previous period, whole
				c.PreviousRows = append(c.PreviousRows, row)
			case prev.Quarter + "/" + period.Quarter:
				c.PreviousRows = append(c.PreviousRows, row) // the change, when analyze makes it
			}
		}
	default:
		res, err := before.Estimate(ctx)
		if err != nil {
			return nil, fmt.Errorf("previous period %s: %w", prev.Label(), err)
		}
		c.PreviousRows = res.Premiums
	}
	return c, nil
}

// dateBounds finds the first and last posting date of the listings, to
// close an open period.
func dateBounds(listings Stream) (first, last string, err error) {
	err = listings(func(batch []data.Listing) error {
		for i := range batch {
			if d := batch[i].PostedDate; d != "" {
				if first == "" || d < first {
					first = d
				}
				last = max(last, d)
			}
		}
		return nil
	})
	return first, last, err
}
