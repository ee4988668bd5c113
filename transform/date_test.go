package transform

import (
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
	if ms, err := strconv.ParseInt(s, 10, 64); allDigits(s) && err == nil && ms > 0 {
		t = time.UnixMilli(ms)
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
}

// TestPostedDate checks every form a board gives, and the ways each goes
// wrong, against time.Parse.
func TestPostedDate(t *testing.T) {
	for _, s := range dateCases {
		t.Run(s, func(t *testing.T) {
			checkPostedDate(t, s)
		})
	}
}

func checkPostedDate(t *testing.T, s string) {
	t.Helper()
	day, quarter, err := postedDate(s)
	wantDay, wantQuarter, wantErr := parsedDate(s)
	if day != wantDay || quarter != wantQuarter || fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Errorf("postedDate(%q) = %q, %q, %v; time.Parse says %q, %q, %v", s, day, quarter, err, wantDay, wantQuarter, wantErr)
	}
}

func FuzzPostedDate(f *testing.F) {
	for _, s := range dateCases {
		f.Add(s)
	}
	f.Fuzz(checkPostedDate)
}
