package transform

import (
	"fmt"
	"strconv"
	"time"
)

// postedDate reads the dates boards give — an ISO date, an RFC 3339
// date-time or Unix milliseconds (Lever) — as "2006-01-02" in UTC, with
// its calendar quarter ("2026Q3"). An empty date is no error.
func postedDate(s string) (day, quarter string, err error) {
	if s == "" {
		return "", "", nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]) {
		// The usual case, read without time.Parse: "2026-07-14".
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[5:7])
		d, _ := strconv.Atoi(s[8:])
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Year() == y && int(t.Month()) == m && t.Day() == d && y >= 1900 {
			return s, strconv.Itoa(y) + "Q" + strconv.Itoa((m+2)/3), nil
		}
		return "", "", fmt.Errorf("posted date %q is not a date", s)
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

func dayAndQuarter(t time.Time) (string, string, error) {
	t = t.UTC()
	if y := t.Year(); y < 1900 || y > 9999 {
		return "", "", fmt.Errorf("posted date %s is out of range", t.Format(time.DateOnly))
	}
	return t.Format(time.DateOnly), strconv.Itoa(t.Year()) + "Q" + strconv.Itoa((int(t.Month())+2)/3), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
