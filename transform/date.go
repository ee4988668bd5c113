package transform

import (
	"strconv"
	"time"
)

// postedDate reads the dates boards give as "2006-01-02" in UTC, with its
// calendar quarter ("2026Q3"): an ISO date, an RFC 3339 date-time, Unix
// milliseconds (Lever) and the other numbers numberDate reads, and the
// written forms of readDate — RFC 1123
// and 822 (feeds), "16 August 2026", "Aug 16, 2026", "2026-5-15",
// "2026-08-05 10:10:39 UTC", numeric dates in the source's order, and
// dates relative to fetchedAt (RFC 3339, the page's fetch time). An
// empty date is no error. note is set when the date is only a bound
// ("Posted 30+ Days Ago").
//
// Every record has a date, so the common forms are read without
// time.Parse and time.Format: an ISO date, a date-time in UTC
// ("2026-07-14T09:30:00Z") and milliseconds. Anything else, and anything
// out of the ordinary in those, takes the slower paths.
func postedDate(s, fetchedAt, order string) (day, quarter, note string, err error) {
	if s == "" {
		return "", "", "", nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]) {
		// The usual case: "2026-07-14".
		if y, m, ok := validDate(s); ok {
			return s, quarterName(y, m), "", nil
		}
		return "", "", "", &DateError{Date: s, Err: ErrNotDate}
	}
	if isUTCDateTime(s) {
		if y, m, ok := validDate(s[:10]); ok {
			return s[:10], quarterName(y, m), "", nil
		}
	}
	if allDigits(s) {
		t, err := numberDate(s)
		if err != nil {
			return "", "", "", &DateError{Date: s, Err: err}
		}
		day, quarter, err = dayAndQuarter(s, t)
		return day, quarter, "", err
	}
	t, note, err := readDate(s, fetchedAt, order)
	if err != nil {
		return "", "", "", &DateError{Date: s, Err: err}
	}
	day, quarter, err = dayAndQuarter(s, t)
	return day, quarter, note, err
}

// Unix times read as posting dates: from 1990 to 2100, in seconds or in
// milliseconds. The two ranges do not overlap, so a number is one, the
// other or no date, and a number from neither (20260101 read as seconds
// is 1970-08-23) is an error rather than a day in 1970.
var (
	unixFrom = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	unixTo   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// numberDate reads a date written as digits: eight are YYYYMMDD
// ("20260714", as spreadsheets and databases export dates); otherwise
// Unix milliseconds (Lever) or seconds from 1990 to 2100. Anything else
// is ErrNumberDate.
func numberDate(s string) (time.Time, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		return time.Time{}, ErrNumberDate
	case len(s) == 8:
		y, m, d := int(n/10000), int(n/100%100), int(n%100)
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1900 {
			return time.Time{}, ErrNumberDate
		}
		return t, nil
	case unixFrom*1000 <= n && n < unixTo*1000:
		return time.UnixMilli(n), nil
	case unixFrom <= n && n < unixTo:
		return time.Unix(n, 0), nil
	}
	return time.Time{}, ErrNumberDate
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

// dayAndQuarter is the day and quarter of t in UTC; s is the date as
// given, for the error of a year before 1900 or after 9999.
func dayAndQuarter(s string, t time.Time) (string, string, error) {
	t = t.UTC()
	y, m, d := t.Date()
	if y < 1900 || y > 9999 {
		return "", "", &DateError{Date: s, Err: ErrDateRange}
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
