package transform

import (
	"fmt"
	"strconv"
	"time"
)

// postedDate reads the dates boards give — an ISO date, an RFC 3339
// date-time or Unix milliseconds (Lever) — as "2006-01-02" in UTC.
func postedDate(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.DateOnly), nil
		}
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && ms > 0 {
		return time.UnixMilli(ms).UTC().Format(time.DateOnly), nil
	}
	return "", fmt.Errorf("posted date %q is not a date", s)
}

// quarterOf names the calendar quarter of a "2006-01-02" date: "2026Q3".
func quarterOf(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())+2)/3)
}
