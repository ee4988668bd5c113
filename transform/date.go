package transform

import (
	"fmt"
	"strconv"
	"time"
)

// postedDate reads the dates boards give — an ISO date, an RFC 3339
// date-time or Unix milliseconds (Lever) — as "2006-01-02" in UTC, with
// its calendar quarter ("2026Q3"). An empty date is no error.
//
// Every record has a date, so the common forms are read without
// time.Parse and time.Format: an ISO date, a date-time in UTC
// ("2026-07-14T09:30:00Z") and milliseconds. Anything else, and anything
// out of the ordinary in those, takes time.Parse.
func postedDate(s string) (day, quarter string, err error) {
	if s == "" {
		return "", "", nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]) {
		// The usual case: "2026-07-14".
		if y, m, ok := validDate(s); ok {
			return s, quarterName(y, m), nil
		}
		return "", "", fmt.Errorf("posted date %q is not a date", s)
	}
	if isUTCDateTime(s) {
		if y, m, ok := validDate(s[:10]); ok {
			return s[:10], quarterName(y, m), nil
		}
	}
	if allDigits(s) {
		if ms, err := strconv.ParseInt(s, 10, 64); err == nil && ms > 0 {
			return dayAndQuarter(time.UnixMilli(ms))
		}
	} else {
		layouts := []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"}
		if len(s) == len(time.DateOnly) {
			layouts = []string{time.DateOnly}
		}
		for _, layout := range layouts {
			if t, err := time.Parse(layout, s); err == nil {
				return dayAndQuarter(t)
			}
		}
	}
	return "", "", fmt.Errorf("posted date %q is not a date", s)
}

// validDate reads an ISO date of digits, "2026-07-14", when it is a day of
// the calendar from 1900 on.
func validDate(s string) (year, month int, ok bool) {
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return y, m, t.Year() == y && int(t.Month()) == m && t.Day() == d && y >= 1900
}

// isUTCDateTime reports whether s is an RFC 3339 date-time in UTC to the
// second, "2026-07-14T09:30:00Z", with a time of day time.Parse accepts;
// its day is then its first ten bytes.
func isUTCDateTime(s string) bool {
	if len(s) != len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
		s[16] != ':' || s[19] != 'Z' {
		return false
	}
	for _, f := range [...]string{s[:4], s[5:7], s[8:10], s[11:13], s[14:16], s[17:19]} {
		if !allDigits(f) {
			return false
		}
	}
	return s[11:13] < "24" && s[14:16] < "60" && s[17:19] < "60"
}

func dayAndQuarter(t time.Time) (string, string, error) {
	t = t.UTC()
	y, m, d := t.Date()
	if y < 1900 || y > 9999 {
		return "", "", fmt.Errorf("posted date %s is out of range", t.Format(time.DateOnly))
	}
	var buf [len(time.DateOnly)]byte
	b := strconv.AppendInt(buf[:0], int64(y), 10)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return string(b), quarterName(y, int(m)), nil
}

// quarterNames holds "2000Q1" to "2099Q4", so that naming the quarter of
// a posting allocates nothing.
var quarterNames = func() (names [100][4]string) {
	for y := range names {
		for q := range names[y] {
			names[y][q] = strconv.Itoa(2000+y) + "Q" + strconv.Itoa(q+1)
		}
	}
	return names
}()

// quarterName names the quarter of a month: "2026Q3".
func quarterName(year, month int) string {
	q := (month + 2) / 3
	if 2000 <= year && year < 2100 {
		return quarterNames[year-2000][q-1]
	}
	return strconv.Itoa(year) + "Q" + strconv.Itoa(q)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
