package synth

import "time"

// days are the 730 days before 2026-10-01, the 8 quarters 2024Q4 to
// 2026Q3, with what boards write of them.
var days = func() []day {
	first := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	out := make([]day, 730)
	for i := range out {
		t := first.AddDate(0, 0, i)
		out[i] = day{year: int64(t.Year()), month: int64(t.Month()), dom: int64(t.Day()), unixMilli: t.UnixMilli()}
	}
	return out
}()

// day is one calendar day in UTC.
type day struct {
	year, month, dom int64
	unixMilli        int64
}

// appendTo writes the day as an ISO date ("2026-07-14"), Unix
// milliseconds (Lever) or an RFC 3339 date-time at midnight UTC.
func (d day) appendTo(b []byte, format int) []byte {
	if format == 1 {
		return appendInt(b, d.unixMilli, 1)
	}
	b = appendInt(b, d.year, 4)
	b = appendInt(append(b, '-'), d.month, 2)
	b = appendInt(append(b, '-'), d.dom, 2)
	if format == 2 {
		b = append(b, "T00:00:00Z"...)
	}
	return b
}

// appendInt writes v in decimal with at least width digits.
func appendInt(b []byte, v int64, width int) []byte {
	var digits [20]byte
	i := len(digits)
	for v >= 10 || width > 1 {
		i--
		digits[i] = byte('0' + v%10)
		v /= 10
		width--
	}
	i--
	digits[i] = byte('0' + v)
	return append(b, digits[i:]...)
}
