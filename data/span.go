package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Span is a span of posting dates an analysis is limited to: a calendar
// quarter, or the days From to To, inclusive. The zero Span is no limit.
// Analyze records the period it was limited to in analysis.json, and the
// report is about that period.
type Span struct {
	// Quarter is "2026Q3" for a calendar quarter, "" for a span of dates.
	Quarter string `json:"quarter,omitempty"`
	// From and To are the first and last day, inclusive, "2006-01-02". A
	// period given by dates may leave either open (""): Close fills it in
	// from the postings.
	From string `json:"from"`
	To   string `json:"to"`
}

// ErrSpan marks a period that cannot be: a malformed quarter or date,
// a quarter and dates together, or From after To. ParseSpan and
// ParseQuarter return it inside a FieldError whose Path names the part
// ("quarter", "from", "to"), so a command can name its flag.
var ErrSpan = errors.New("not a period")

// ParseQuarter is the calendar quarter q, "2026Q3".
func ParseQuarter(q string) (Span, error) {
	// Exactly four digits, Q and 1 to 4, as postings' quarters are named:
	// "+026Q1" or " 202Q1" would name none.
	if len(q) != 6 || strings.Trim(q[:4], "0123456789") != "" || q[4] != 'Q' || q[5] < '1' || q[5] > '4' {
		return Span{}, spanErrorf("quarter", "%q is not a quarter like 2026Q3", q)
	}
	year, _ := strconv.Atoi(q[:4])
	n := int(q[5] - '0')
	first := time.Date(year, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 3, -1)
	return Span{Quarter: q, From: first.Format(time.DateOnly), To: last.Format(time.DateOnly)}, nil
}

// ParseSpan reads a period as a command gives it: a quarter, or dates
// from and to of which either may be empty (an open end, see Close). All
// empty is the zero Span. A quarter and dates together, a date that is
// not YYYY-MM-DD and from after to are errors wrapping ErrSpan.
func ParseSpan(quarter, from, to string) (Span, error) {
	switch {
	case quarter != "" && (from != "" || to != ""):
		return Span{}, spanErrorf("", "a quarter and dates limit the period twice: give one or the other")
	case quarter != "":
		return ParseQuarter(quarter)
	}
	for _, d := range []struct{ part, value string }{{"from", from}, {"to", to}} {
		if _, err := time.Parse(time.DateOnly, d.value); d.value != "" && err != nil {
			return Span{}, spanErrorf(d.part, "%q is not a date like 2026-07-01", d.value)
		}
	}
	if from != "" && to != "" && from > to {
		return Span{}, spanErrorf("from", "%s is after the last day, %s", from, to)
	}
	return Span{From: from, To: to}, nil
}

func spanErrorf(part, format string, args ...any) error {
	return &FieldError{Path: part, Err: spanError(fmt.Sprintf(format, args...))}
}

// spanError is a problem with a period: it is ErrSpan without saying so.
type spanError string

func (e spanError) Error() string        { return string(e) }
func (e spanError) Is(target error) bool { return target == ErrSpan }

// IsZero reports whether p is no limit.
func (p Span) IsZero() bool { return p == Span{} }

// Open reports whether a period of dates has an end left open.
func (p Span) Open() bool { return !p.IsZero() && (p.From == "" || p.To == "") }

// Close fills an open end with first or last, the first and last posting
// dates of the listings. It is an error wrapping ErrSpan when the
// period then starts after it ends.
func (p Span) Close(first, last string) (Span, error) {
	if p.From == "" {
		p.From = first
	}
	if p.To == "" {
		p.To = last
	}
	if p.From > p.To {
		return Span{}, spanErrorf("from", "%s is after the last day, %s", p.From, p.To)
	}
	return p, nil
}

// Label names the period for people: "2026Q3", or "2026-07-01 to
// 2026-09-30"; "" for the zero Span.
func (p Span) Label() string {
	switch {
	case p.IsZero():
		return ""
	case p.Quarter != "":
		return p.Quarter
	}
	return p.From + " to " + p.To
}

// Previous is the period just before p: the quarter before, or as many
// days ending the day before p starts. p must be closed.
func (p Span) Previous() Span {
	from, _ := time.Parse(time.DateOnly, p.From)
	if p.Quarter != "" {
		prev := from.AddDate(0, -3, 0)
		q, _ := ParseQuarter(fmt.Sprintf("%04dQ%d", prev.Year(), (int(prev.Month())+2)/3))
		return q
	}
	to, _ := time.Parse(time.DateOnly, p.To)
	days := int(to.Sub(from).Hours()/24) + 1
	end := from.AddDate(0, 0, -1)
	start := end.AddDate(0, 0, 1-days)
	return Span{From: start.Format(time.DateOnly), To: end.Format(time.DateOnly)}
}

// Contains reports whether a listing was posted in the period: by its
// Quarter for a quarter, else by its PostedDate. A listing without a date
// is in no period; every listing is in the zero Span.
func (p Span) Contains(l *Listing) bool {
	switch {
	case p.IsZero():
		return true
	case p.Quarter != "":
		return l.Quarter == p.Quarter
	}
	return l.PostedDate != "" && p.From <= l.PostedDate && l.PostedDate <= p.To
}

// UpTo reports whether a listing was posted before the period ended: the
// postings of the trend up to the period.
func (p Span) UpTo(l *Listing) bool {
	if p.Quarter != "" {
		return l.Quarter != "" && l.Quarter <= p.Quarter
	}
	return l.PostedDate != "" && l.PostedDate <= p.To
}

// Matches reports whether an analysis limited to p answers a request for
// want, as a command gives it (ParseSpan): the zero want takes any
// period, a quarter must be the same quarter, and dates must be the same
// dates where want gives them (an open end takes what p closed it with).
func (p Span) Matches(want Span) bool {
	switch {
	case want.IsZero():
		return true
	case want.Quarter != "" || p.Quarter != "":
		return want.Quarter == p.Quarter
	}
	return !p.IsZero() && (want.From == "" || want.From == p.From) && (want.To == "" || want.To == p.To)
}
