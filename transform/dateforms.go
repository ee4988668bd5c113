package transform

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// Why a posted date could not be read; a DateError wraps one of them.
var (
	// ErrNotDate: the text is no date of any form boards write.
	ErrNotDate = errors.New("not a date")
	// ErrDateRange: the date is before 1900 or after 9999.
	ErrDateRange = errors.New("out of range")
	// ErrAmbiguousDate: a numeric date whose day and month could be
	// swapped ("07/08/2026"), from a source without date_order.
	ErrAmbiguousDate = errors.New("day-first or month-first? set date_order (dmy or mdy) on the source")
	// ErrNumberDate: a number that is no date: neither YYYYMMDD nor Unix
	// seconds or milliseconds from 1990 to 2100.
	ErrNumberDate = errors.New("a number that is neither YYYYMMDD nor Unix seconds or milliseconds from 1990 to 2100")
	// ErrNoFetchTime: a relative date ("3 days ago") on a record without
	// the time its page was fetched (a file source, or a raw table
	// written before fetched_at existed).
	ErrNoFetchTime = errors.New("relative to a fetch time the record does not carry")
)

// DateError is a posted date that could not be read: the date as given
// and why.
type DateError struct {
	Date string
	Err  error
}

func (e *DateError) Error() string { return fmt.Sprintf("posted date %q: %v", e.Date, e.Err) }

func (e *DateError) Unwrap() error { return e.Err }

// writtenLayouts are the absolute forms of a date boards write besides
// ISO dates and RFC 3339, tried in order: feeds (RFC 1123 and 822, with
// and without the leading zero), date-times with a zone name (Recruitee's
// "2026-08-05 10:10:39 UTC"), and dates written out in English.
var writtenLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05.999999999",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST", "2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006",
	"2006-01-02 15:04:05 MST", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-1-2", "2006/1/2", "2006.1.2",
	"2 January 2006", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006", "January 2 2006", "Jan 2 2006",
	"Monday, January 2, 2006", "Mon, Jan 2, 2006", "Monday, 2 January 2006", "2. January 2006", "2-Jan-2006",
}

var (
	// numericDate is a day and month in either order, then a year:
	// "19/07/2026", "07.21.2026", "7-21-2026".
	numericDate = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	// relativeDate is a count of units before the fetch, "+" when it is
	// a lower bound: "3 days ago", "30+ days ago", "4d ago", "an hour ago".
	relativeDate = regexp.MustCompile(`^(\d{1,4}|an?)(\+?)\s*([a-z]+)\s+ago$`)
	// datePrefix is the label boards put before a date.
	datePrefix = regexp.MustCompile(`(?i)^(date posted|posted on|posted|published|listed|active)\s*:?\s*`)
)

// readDate reads the forms of a date postedDate's fast paths do not:
// written forms, numeric dates in the source's order (data.DateOrderDMY
// or data.DateOrderMDY; "" reads only the unambiguous), and relative
// dates against fetchedAt. note says when the date is only a bound.
func readDate(s, fetchedAt, order string) (t time.Time, note string, err error) {
	s = strings.Join(strings.Fields(s), " ")
	s = datePrefix.ReplaceAllString(s, "")
	for _, layout := range writtenLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, "", nil
		}
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		t, err := numericDay(m[1], m[2], m[3], order)
		return t, "", err
	}
	return relativeDay(strings.ToLower(s), fetchedAt)
}

// numericDay reads a day and month written in either order: a number
// over 12 can only be the day; otherwise the source's order decides.
func numericDay(first, second, year, order string) (time.Time, error) {
	a, _ := strconv.Atoi(first)
	b, _ := strconv.Atoi(second)
	y, _ := strconv.Atoi(year)
	day, month := a, b
	switch {
	case a > 12 && b > 12:
		return time.Time{}, ErrNotDate
	case a > 12:
	case b > 12:
		day, month = b, a
	case a == b:
	case order == data.DateOrderDMY:
	case order == data.DateOrderMDY:
		day, month = b, a
	default:
		return time.Time{}, ErrAmbiguousDate
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return time.Time{}, ErrNotDate
	}
	return t, nil
}

// relativeDay reads a date given relative to the fetch: "today",
// "yesterday", "3 days ago", "4d ago", "1 week ago", "30+ days ago" (a
// bound: the latest day the posting can be from, said in note).
func relativeDay(s, fetchedAt string) (time.Time, string, error) {
	var back func(time.Time) time.Time
	bound := false
	switch s {
	case "today", "just posted", "just now", "new":
		back = func(t time.Time) time.Time { return t }
	case "yesterday":
		back = func(t time.Time) time.Time { return t.AddDate(0, 0, -1) }
	default:
		m := relativeDate.FindStringSubmatch(s)
		if m == nil {
			return time.Time{}, "", ErrNotDate
		}
		n := 1
		if m[1] != "a" && m[1] != "an" {
			n, _ = strconv.Atoi(m[1])
		}
		bound = m[2] == "+"
		switch strings.TrimSuffix(m[3], "s") {
		case "second", "sec", "minute", "min", "m", "hour", "hr", "h":
			// The day of the fetch, give or take midnight.
			back = func(t time.Time) time.Time { return t }
		case "day", "d":
			back = func(t time.Time) time.Time { return t.AddDate(0, 0, -n) }
		case "week", "wk", "w":
			back = func(t time.Time) time.Time { return t.AddDate(0, 0, -7*n) }
		case "month", "mo":
			back = func(t time.Time) time.Time { return t.AddDate(0, -n, 0) }
		case "year", "yr", "y":
			back = func(t time.Time) time.Time { return t.AddDate(-n, 0, 0) }
		default:
			return time.Time{}, "", ErrNotDate
		}
	}
	if fetchedAt == "" {
		return time.Time{}, "", ErrNoFetchTime
	}
	fetched, err := time.Parse(time.RFC3339, fetchedAt)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("fetch time %q: %w", fetchedAt, ErrNotDate)
	}
	t := back(fetched.UTC())
	if bound {
		return t, fmt.Sprintf("posted %q before the fetch of %s: the date is the latest it can be", s, fetched.UTC().Format(time.DateOnly)), nil
	}
	return t, "", nil
}
