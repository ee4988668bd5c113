package transform

import (
	"errors"
	"maps"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Normalizer turns raw records into listings in source order, one at a
// time or a batch at a time, so a caller can stream records of any number
// through it: what it keeps grows only with the distinct postings
// duplicate detection must remember. It is not safe for concurrent use;
// NormalizeBatch spreads one batch over the cores itself.
type Normalizer struct {
	rules     *rules
	dedupe    *dedupe
	stats     Stats
	sourceIdx map[string]int
	// workers[0] serves Normalize and the calling goroutine of
	// NormalizeBatch; the others, NormalizeBatch's helper goroutines.
	// Each keeps its memo of places across batches.
	workers []*worker
	batch   batchScratch
}

// SpillURLs makes duplicate detection keep the URLs of the postings it
// remembers in f instead of in memory: they are most of what a stream of
// millions of distinct postings leaves behind, and they are read again
// only to name the first copy of a repeat (DuplicateOf). f must be empty;
// the Normalizer writes it from its start, a megabyte at a time, and reads
// it back with ReadAt. Call it before the first record. An error of f is
// returned by NormalizeBatch; Normalize cannot report one, so a caller
// that spills uses NormalizeBatch.
func (n *Normalizer) SpillURLs(f SpillFile) { n.dedupe.urls.spill = f }

// rules is the compiled config. It is read-only once built, so every
// worker reads it without locks.
type rules struct {
	cfg        Config
	classifier *classifier
	regionOf   map[string]string // country → region name
	// regionNames are the region names in config order.
	regionNames []string
	sourcePay   map[string]*sourcePay // by source name
}

// New compiles cfg into a Normalizer. It fails when cfg does not validate
// (see Config.Validate); cfg is used as it stands, so start from
// DefaultConfig.
func New(cfg Config) (*Normalizer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.Pay.Annualize = upperKeys(cfg.Pay.Annualize)
	ru := &rules{cfg: cfg, classifier: newClassifier(cfg.Classify), regionOf: cfg.Regions.regionIndex(),
		regionNames: cfg.Regions.Names(), sourcePay: compileSourcePay(cfg.SourcePay)}
	return &Normalizer{rules: ru, dedupe: newDedupe(cfg.Duplicates), sourceIdx: map[string]int{},
		workers: []*worker{newWorker(ru)}}, nil
}

// Stats returns the counts so far.
func (n *Normalizer) Stats() Stats {
	s := n.stats
	s.Sources = append([]SourceStats(nil), n.stats.Sources...)
	s.PayCodes = maps.Clone(n.stats.PayCodes)
	return s
}

// Normalize returns the listing a record becomes, or, with ok false, the
// reject it becomes instead.
func (n *Normalizer) Normalize(r *data.RawRecord) (l data.Listing, rej data.Reject, ok bool) {
	if rej, bad := rejectOf(r); bad {
		n.countReject(r.Source)
		return data.Listing{}, rej, false
	}
	in := n.workers[0].listing(r, &l)
	n.finish(r, &l, &in)
	return l, data.Reject{}, true
}

func (n *Normalizer) source(name string) *SourceStats {
	i, ok := n.sourceIdx[name]
	if !ok {
		name = strings.Clone(name) // kept: it must not pin the batch it came from
		i = len(n.stats.Sources)
		n.sourceIdx[name] = i
		n.stats.Sources = append(n.stats.Sources, SourceStats{Source: name})
	}
	return &n.stats.Sources[i]
}

// countReject counts a record of source that became a reject.
func (n *Normalizer) countReject(source string) {
	src := n.source(source)
	n.stats.Records++
	src.Records++
	n.stats.Rejects++
	src.Rejects++
}

// finish does the part of normalizing a listing that depends on the
// records before it, in record order: duplicate detection, which the
// worker's listing left to it, and the counts. r is the record l was made
// from.
func (n *Normalizer) finish(r *data.RawRecord, l *data.Listing, in *dupInput) {
	src := n.source(l.Source)
	n.stats.Records++
	src.Records++
	if dupOf, rule := n.dedupe.check(in); dupOf != "" {
		l.DuplicateOf = dupOf
		if !strings.HasPrefix(rule, "same") {
			n.stats.NearDuplicates++
			l.Notes = joinNotes(l.Notes, "repeat by "+rule)
		}
	}
	n.stats.Listings++
	src.Listings++
	switch {
	case l.SalaryCode == "":
		n.stats.WithPay++
		src.WithPay++
	case l.SalaryCode == data.SalaryCodeOutlier:
		n.stats.Outliers++
	default:
		n.stats.NoPay++
	}
	if l.SalaryCode != "" {
		if n.stats.PayCodes == nil {
			n.stats.PayCodes = map[string]int{}
		}
		n.stats.PayCodes[l.SalaryCode]++
	}
	if l.SalarySource == data.PaySourceBoard {
		n.stats.BoardEstimates++
	}
	if l.Region == data.RegionUnknown || l.Region == data.RegionOutside {
		n.stats.Unplaced++
	}
	if l.PostedDate == "" && strings.TrimSpace(r.PostedDate) != "" {
		n.stats.BadDates++
		src.BadDates++
		// Read again to say why, which only a failed date costs.
		if _, _, _, err := postedDate(r.PostedDate, r.FetchedAt, n.rules.cfg.DateOrders[r.Source]); errors.Is(err, ErrAmbiguousDate) {
			n.stats.AmbiguousDates++
			src.AmbiguousDates++
		}
	}
	if l.DuplicateOf != "" {
		n.stats.Duplicates++
		src.Duplicates++
	}
}
