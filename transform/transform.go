package transform

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Stats counts what normalization did, for the manifest and the funnel.
type Stats struct {
	Records    int // raw records read
	Listings   int
	Rejects    int
	WithPay    int // listings with usable annual pay
	NoPay      int // no pay stated, or pay unreadable
	Outliers   int
	Unplaced   int // country not resolved or in no region
	Duplicates int
}

// Result is the listings table and the records that could not become a
// listing. len(Listings)+len(Rejects) equals the number of records read.
type Result struct {
	Listings []data.Listing
	Rejects  []data.Reject
	Stats    Stats
}

// Run normalizes raw records in their order. It fails only on a bad config
// or a cancelled context; a bad record becomes a reject or a note.
func Run(ctx context.Context, cfg Config, records []data.RawRecord) (Result, error) {
	cfg.applyDefaults()
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	regionOf := map[string]string{}
	for _, r := range cfg.Regions {
		for _, cc := range r.Countries {
			regionOf[cc] = r.Name
		}
	}
	res := Result{Stats: Stats{Records: len(records)}}
	for i, r := range records {
		if i%1024 == 0 && ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		switch {
		case r.RejectReason != "":
			res.Rejects = append(res.Rejects, data.Reject{Source: r.Source, URL: r.URL, Stage: "scrape", Reason: r.RejectReason})
			continue
		case strings.TrimSpace(r.Title) == "":
			res.Rejects = append(res.Rejects, data.Reject{Source: r.Source, URL: r.URL, Stage: "transform", Reason: "posting has no title"})
			continue
		}
		l := cfg.listing(r, regionOf)
		res.Listings = append(res.Listings, l)
	}
	res.Stats.Duplicates = markDuplicates(res.Listings)
	for _, l := range res.Listings {
		switch {
		case l.SalaryNote == data.SalaryNoteOutlier:
			res.Stats.Outliers++
		case math.IsNaN(l.SalaryAnnualUSD):
			res.Stats.NoPay++
		default:
			res.Stats.WithPay++
		}
		if l.Region == data.RegionUnknown {
			res.Stats.Unplaced++
		}
	}
	res.Stats.Listings, res.Stats.Rejects = len(res.Listings), len(res.Rejects)
	return res, nil
}

// listing normalizes one record that has a title.
func (c Config) listing(r data.RawRecord, regionOf map[string]string) data.Listing {
	l := data.Listing{
		Source: r.Source, URL: r.URL, Title: r.Title, Company: r.Company, Location: r.Location,
		Region: data.RegionUnknown, Remote: isRemote(r.Remote, r.Location),
		SalaryMin: math.NaN(), SalaryMax: math.NaN(), SalaryAnnualUSD: math.NaN(),
		Role: c.Classify.Classify(r.Title, r.Description),
	}
	var notes []string
	if d, err := postedDate(r.PostedDate); err != nil {
		notes = append(notes, err.Error())
	} else {
		l.PostedDate, l.Quarter = d, quarterOf(d)
	}
	if cc, err := ResolveCountry(r.Country, r.Location); err != nil {
		notes = append(notes, err.Error())
	} else if region, ok := regionOf[cc]; ok {
		l.Country, l.Region = cc, region
	} else {
		l.Country = cc
		notes = append(notes, fmt.Sprintf("country %s is in no configured region", cc))
	}

	s, text, payNotes, err := payOf(r, l.Country)
	l.SalaryText = text
	switch {
	case errors.Is(err, ErrNoPay):
		l.SalaryNote = "no pay: " + reason(err)
	case err != nil:
		l.SalaryNote = "unreadable pay: " + reason(err)
	default:
		l.SalaryMin, l.SalaryMax, l.SalaryCurrency, l.SalaryPeriod = s.Min, s.Max, s.Currency, string(s.Period)
		l.SalarySource = r.PaySource
		if l.SalarySource == "" {
			l.SalarySource = data.PaySourceEmployer
		}
		notes = append(notes, payNotes...)
		annual, err := c.annualUSD(s)
		switch {
		case err != nil:
			l.SalaryNote = "unconvertible pay: " + err.Error()
		case annual < c.Pay.MinAnnualUSD || annual > c.Pay.MaxAnnualUSD:
			l.SalaryAnnualUSD, l.SalaryNote = annual, data.SalaryNoteOutlier
		default:
			l.SalaryAnnualUSD = annual
		}
	}
	l.Notes = strings.Join(notes, "; ")
	return l
}

// reason is an error's message without the quoted input, which the
// listing already holds in SalaryText.
func reason(err error) string {
	var pe *PayError
	if errors.As(err, &pe) {
		return pe.Reason
	}
	return err.Error()
}
