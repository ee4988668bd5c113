package transform

import (
	"context"

	"github.com/jobmarket/jobmarket/data"
)

// Stats counts what normalization did, for the manifest and the funnel.
type Stats struct {
	Records        int // raw records read
	Listings       int
	Rejects        int
	WithPay        int // listings with usable annual pay (salary_code empty)
	NoPay          int // no pay stated, or pay unreadable or unconvertible
	Outliers       int
	Unplaced       int // country not resolved or in no region
	Duplicates     int // repeats of an earlier listing, by key or by text
	NearDuplicates int // of Duplicates, those found by description text only
	BoardEstimates int // listings whose pay the board estimated
	// BadDates counts listings whose posted date was given but could not
	// be read (its note says why): they have no date and no quarter.
	BadDates int
	// AmbiguousDates counts, of BadDates, numeric dates whose day and
	// month could be swapped ("03/04/2026") from a source without
	// date_order.
	AmbiguousDates int
	// PayCodes counts the listings whose pay enters no estimate by their
	// salary_code (no_pay, not_pay_context, ignored_by_source,
	// unparsed_pay, no_currency, no_rate, not_annualizable, outlier).
	PayCodes map[string]int
	// Sources breaks the counts down by source, in the order sources first
	// appear in the records.
	Sources []SourceStats
}

// SourceStats is Stats for one source.
type SourceStats struct {
	Source     string
	Records    int
	Listings   int
	Rejects    int
	WithPay    int
	Duplicates int // listings of this source removed as repeats
	BadDates   int // listings whose posted date was given but could not be read
	// AmbiguousDates counts, of BadDates, day-month dates that read either
	// way, the source having no date_order.
	AmbiguousDates int
}

// Result is the listings table and the records that could not become a
// listing. len(Listings)+len(Rejects) equals the number of records read.
type Result struct {
	Listings []data.Listing
	Rejects  []data.Reject
	Stats    Stats
}

// Normalize normalizes raw records held in memory, in their order, on up
// to GOMAXPROCS cores (see NormalizeBatch), a batch of Run's size at a
// time, and returns every listing and reject. It is Run without files, for
// records a program already holds; it fails only on a bad config or a
// cancelled context, a bad record becoming a reject or a note. A caller
// that streams records should use Run or a Normalizer instead.
func Normalize(ctx context.Context, cfg Config, records []data.RawRecord) (Result, error) {
	n, err := New(cfg)
	if err != nil {
		return Result{}, err
	}
	n.dedupe.reserve(len(records))
	res := Result{Listings: make([]data.Listing, 0, len(records))}
	for start := 0; start < len(records); start += batchSize {
		batch := records[start:min(start+batchSize, len(records))]
		if res.Listings, res.Rejects, err = n.NormalizeBatch(ctx, batch, res.Listings, res.Rejects); err != nil {
			return Result{}, err
		}
	}
	res.Stats = n.Stats()
	return res, nil
}
