package transform

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"
)

// parsedDate is postedDate with time.Parse and time.Format doing the
// date-times and milliseconds: what its fast paths must agree with.
func parsedDate(s string) (string, string, error) {
	if s == "" {
		return "", "", nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]) {
		if y, m, ok := validDate(s); ok {
			return s, fmt.Sprintf("%dQ%d", y, (m+2)/3), nil
		}
		return "", "", fmt.Errorf("posted date %q is not a date", s)
	}
	var t time.Time
	if n, err := strconv.ParseInt(s, 10, 64); allDigits(s) && err == nil {
		from, to := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
		switch {
		case len(s) == 8:
			pt, err := time.Parse("20060102", s)
			if err != nil {
				return "", "", err
			}
			t = pt
		case !time.UnixMilli(n).Before(from) && time.UnixMilli(n).Before(to):
			t = time.UnixMilli(n)
		case !time.Unix(n, 0).Before(from) && time.Unix(n, 0).Before(to):
			t = time.Unix(n, 0)
		default:
			return "", "", fmt.Errorf("posted date %q is no plausible date", s)
		}
	} else {
		parsed := false
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
			if pt, err := time.Parse(layout, s); err == nil && !allDigits(s) {
				t, parsed = pt, true
				break
			}
		}
		if !parsed {
			return "", "", fmt.Errorf("posted date %q is not a date", s)
		}
	}
	t = t.UTC()
	if y := t.Year(); y < 1900 || y > 9999 {
		return "", "", fmt.Errorf("posted date %s is out of range", t.Format(time.DateOnly))
	}
	return t.Format(time.DateOnly), fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())+2)/3), nil
}

var dateCases = []string{
	"", "2026-07-14", "2026-02-30", "2024-02-29", "1899-12-31", "1900-01-01", "2100-01-01", "9999-12-31",
	"2026-07-14T09:30:00Z", "2026-07-14T23:59:59Z", "2026-07-14T24:00:00Z", "2026-07-14T23:60:00Z",
	"2026-07-14T23:59:60Z", "2026-02-30T09:30:00Z", "1899-07-14T09:30:00Z", "2026-07-14T09:30:00+02:00",
	"2026-07-14T00:30:00+02:00", "2026-07-14T09:30:00.123Z", "2026-07-14T09:30:00", "2026-07-14T09:30",
	"2026-07-14t09:30:00z", "2026-07-14T09:30:0xZ", "1752451200000", "0", "-5", "99999999999999999999",
	"253402300800000", "1752451200", "not a date", "2026-7-14",
	"20260101", "20260230", "18991231", "19000101", "12345678", "631152000", "631151999", "4102444799999", "4102444800000",
}

// TestPostedDate checks the fast paths for every form a board gives in
// ISO or milliseconds, and the ways each goes wrong, against time.Parse.
func TestPostedDate(t *testing.T) {
	for _, s := range dateCases {
		t.Run(s, func(t *testing.T) {
			checkPostedDate(t, s, testFetchedAt, "")
		})
	}
}

const testFetchedAt = "2026-09-14T08:00:00Z"

// checkPostedDate checks what holds of every date: what time.Parse reads,
// postedDate reads alike; a day read is a day of the calendar in its
// quarter; a date not read is a *DateError naming it.
func checkPostedDate(t *testing.T, s, fetchedAt, order string) {
	t.Helper()
	day, quarter, _, err := postedDate(s, fetchedAt, order)
	if wantDay, wantQuarter, wantErr := parsedDate(s); wantErr == nil && (day != wantDay || quarter != wantQuarter || err != nil) {
		t.Errorf("postedDate(%q) = %q, %q, %v; time.Parse says %q, %q", s, day, quarter, err, wantDay, wantQuarter)
	}
	if err != nil {
		var de *DateError
		if !errors.As(err, &de) || de.Date != s || day != "" || quarter != "" {
			t.Errorf("postedDate(%q) = %q, %q, %v: want no day and a *DateError naming the date", s, day, quarter, err)
		}
		return
	}
	if s == "" {
		return
	}
	d, perr := time.Parse(time.DateOnly, day)
	if perr != nil || d.Year() < 1900 || quarter != fmt.Sprintf("%dQ%d", d.Year(), (int(d.Month())+2)/3) {
		t.Errorf("postedDate(%q) = %q, %q: not a day from 1900 and its quarter", s, day, quarter)
	}
}

// writtenDates are dates as boards write them beside ISO: feeds, written
// out, numeric in either order, relative to the fetch.
var writtenDates = []struct {
	name, in, order string
	day             string
	bound           bool  // a note says the date is only a bound
	err             error // the sentinel the DateError wraps
}{
	{name: "RFC 1123 feed", in: "Fri, 11 Sep 2026 07:30:48 +0000", day: "2026-09-11"},
	{name: "RFC 1123 zone name", in: "Fri, 11 Sep 2026 07:30:48 GMT", day: "2026-09-11"},
	{name: "RFC 822 one-digit day", in: "Fri, 4 Sep 2026 23:30:00 -0700", day: "2026-09-05"},
	{name: "RFC 822 two-digit year", in: "11 Sep 26 07:30 +0000", day: "2026-09-11"},
	{name: "day month year", in: "16 August 2026", day: "2026-08-16"},
	{name: "day short month", in: "16 Aug 2026", day: "2026-08-16"},
	{name: "month day comma year", in: "Aug 16, 2026", day: "2026-08-16"},
	{name: "full month day comma year", in: "August 16, 2026", day: "2026-08-16"},
	{name: "lower case month", in: "august 16, 2026", day: "2026-08-16"},
	{name: "ISO without zeros", in: "2026-5-15", day: "2026-05-15"},
	{name: "ISO slashes", in: "2026/05/15", day: "2026-05-15"},
	{name: "date-time UTC name", in: "2026-08-05 10:10:39 UTC", day: "2026-08-05"},
	{name: "date-time space", in: "2026-08-05 10:10:39", day: "2026-08-05"},
	{name: "RFC 3339 fraction", in: "2026-08-05T10:10:39.123456+02:00", day: "2026-08-05"},
	{name: "label before", in: "Posted: 16 August 2026", day: "2026-08-16"},
	{name: "spaces", in: "  16   August 2026 ", day: "2026-08-16"},
	{name: "day first unambiguous", in: "19/07/2026", day: "2026-07-19"},
	{name: "month first unambiguous", in: "07/21/2026", day: "2026-07-21"},
	{name: "day first dots", in: "19.07.2026", day: "2026-07-19"},
	{name: "ambiguous dmy", in: "07/08/2026", order: "dmy", day: "2026-08-07"},
	{name: "ambiguous mdy", in: "07/08/2026", order: "mdy", day: "2026-07-08"},
	{name: "ambiguous unset", in: "07/08/2026", err: ErrAmbiguousDate},
	{name: "same day and month", in: "07/07/2026", day: "2026-07-07"},
	{name: "unambiguous against order", in: "19/07/2026", order: "mdy", day: "2026-07-19"},
	{name: "no such day", in: "31/02/2026", order: "dmy", err: ErrNotDate},
	{name: "both over 12", in: "19/13/2026", err: ErrNotDate},
	{name: "posted today", in: "Posted Today", day: "2026-09-14"},
	{name: "posted yesterday", in: "Posted Yesterday", day: "2026-09-13"},
	{name: "just posted", in: "Just posted", day: "2026-09-14"},
	{name: "days ago", in: "Posted 3 Days Ago", day: "2026-09-11"},
	{name: "days bound", in: "Posted 30+ Days Ago", day: "2026-08-15", bound: true},
	{name: "short days", in: "4d ago", day: "2026-09-10"},
	{name: "one week", in: "1 week ago", day: "2026-09-07"},
	{name: "weeks", in: "2 weeks ago", day: "2026-08-31"},
	{name: "an hour", in: "an hour ago", day: "2026-09-14"},
	{name: "a month", in: "a month ago", day: "2026-08-14"},
	{name: "hours short", in: "5h ago", day: "2026-09-14"},
	{name: "unknown unit", in: "3 fortnights ago", err: ErrNotDate},
	{name: "words", in: "as soon as possible", err: ErrNotDate},
	{name: "month out of range", in: "2026-13-01 10:00:00", err: ErrNotDate},
	{name: "before 1900", in: "16 August 1850", err: ErrDateRange},
	{name: "YYYYMMDD", in: "20260101", day: "2026-01-01"},
	{name: "YYYYMMDD no such day", in: "20260230", err: ErrNumberDate},
	{name: "Unix seconds", in: "1767225600", day: "2026-01-01"},
	{name: "Unix milliseconds", in: "1767225600000", day: "2026-01-01"},
	{name: "neither seconds nor milliseconds", in: "20260101000", err: ErrNumberDate},
	{name: "small number", in: "86400", err: ErrNumberDate},
	{name: "Unix time after 2100", in: "4102444800", err: ErrNumberDate},
}

// TestPostedDateWritten reads the dates boards write beside ISO ones,
// relative ones fetched at testFetchedAt.
func TestPostedDateWritten(t *testing.T) {
	for _, tc := range writtenDates {
		t.Run(tc.name, func(t *testing.T) {
			day, _, note, err := postedDate(tc.in, testFetchedAt, tc.order)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("postedDate(%q) = %q, %v; want error %v", tc.in, day, err, tc.err)
				}
				return
			}
			if err != nil || day != tc.day {
				t.Fatalf("postedDate(%q) = %q, %v; want %q", tc.in, day, err, tc.day)
			}
			if got := note != ""; got != tc.bound {
				t.Errorf("postedDate(%q) note %q; want a bound note: %v", tc.in, note, tc.bound)
			}
		})
	}
}

// TestRelativeDateNeedsFetchTime: a relative date on a record without a
// fetch time (a file source, an older raw table) is unreadable, not today.
func TestRelativeDateNeedsFetchTime(t *testing.T) {
	for _, in := range []string{"Posted Today", "3 days ago", "Posted 30+ Days Ago"} {
		if day, _, _, err := postedDate(in, "", ""); !errors.Is(err, ErrNoFetchTime) {
			t.Errorf("postedDate(%q) with no fetch time = %q, %v; want %v", in, day, err, ErrNoFetchTime)
		}
	}
}

func FuzzPostedDate(f *testing.F) {
	for _, s := range dateCases {
		f.Add(s, "")
	}
	for _, tc := range writtenDates {
		f.Add(tc.in, tc.order)
	}
	f.Fuzz(func(t *testing.T, s, order string) {
		checkPostedDate(t, s, testFetchedAt, order)
	})
}
