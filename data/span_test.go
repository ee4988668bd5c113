package data_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// TestSpan checks the period of an analysis: a quarter and the one before,
// dates (either end closed from the postings) and as many days before,
// and the mistakes a user can make, each naming its part.
func TestSpan(t *testing.T) {
	const first, last = "2026-02-03", "2026-08-30" // the postings' dates
	tests := []struct {
		name               string
		quarter, from, to  string
		label, start, end  string
		prevLabel          string
		prevStart, prevEnd string
		err, part          string
	}{
		{name: "none"},
		{name: "quarter", quarter: "2026Q3", label: "2026Q3", start: "2026-07-01", end: "2026-09-30",
			prevLabel: "2026Q2", prevStart: "2026-04-01", prevEnd: "2026-06-30"},
		{name: "first quarter", quarter: "2026Q1", label: "2026Q1", start: "2026-01-01", end: "2026-03-31",
			prevLabel: "2025Q4", prevStart: "2025-10-01", prevEnd: "2025-12-31"},
		{name: "dates", from: "2026-07-01", to: "2026-09-30", label: "2026-07-01 to 2026-09-30",
			start: "2026-07-01", end: "2026-09-30", prevLabel: "2026-03-31 to 2026-06-30", prevStart: "2026-03-31", prevEnd: "2026-06-30"},
		{name: "from only", from: "2026-08-01", label: "2026-08-01 to 2026-08-30", start: "2026-08-01", end: "2026-08-30",
			prevLabel: "2026-07-02 to 2026-07-31", prevStart: "2026-07-02", prevEnd: "2026-07-31"},
		{name: "to only", to: "2026-03-01", label: "2026-02-03 to 2026-03-01", start: "2026-02-03", end: "2026-03-01",
			prevLabel: "2026-01-07 to 2026-02-02", prevStart: "2026-01-07", prevEnd: "2026-02-02"},
		{name: "both kinds", quarter: "2026Q3", from: "2026-07-01", err: "give one or the other"},
		{name: "bad date", from: "1 July", err: `"1 July" is not a date`, part: "from"},
		{name: "bad quarter", quarter: "2026Q5", err: `"2026Q5" is not a quarter`, part: "quarter"},
		{name: "short quarter", quarter: "26Q1", err: "is not a quarter", part: "quarter"},
		{name: "signed quarter", quarter: "+026Q1", err: "is not a quarter", part: "quarter"},
		{name: "spaced quarter", quarter: " 202Q1", err: "is not a quarter", part: "quarter"},
		{name: "lower-case quarter", quarter: "2026q1", err: "is not a quarter", part: "quarter"},
		{name: "quarter zero", quarter: "2026Q0", err: "is not a quarter", part: "quarter"},
		{name: "backwards", from: "2026-09-01", to: "2026-08-01", err: "2026-09-01 is after the last day, 2026-08-01", part: "from"},
		{name: "backwards once closed", from: "2026-09-01", err: "is after the last day, 2026-08-30", part: "from"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := data.ParseSpan(tc.quarter, tc.from, tc.to)
			if err == nil && p.Open() {
				p, err = p.Close(first, last)
			}
			if tc.err != "" {
				var fe *data.FieldError
				if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, data.ErrSpan) || !errors.As(err, &fe) || fe.Path != tc.part {
					t.Fatalf("err = %v, want ErrSpan at %q containing %q", err, tc.part, tc.err)
				}
				if strings.Contains(err.Error(), data.ErrSpan.Error()) {
					t.Errorf("err = %q repeats the sentinel's words", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.label == "" {
				if !p.IsZero() || p.Label() != "" {
					t.Fatalf("span = %+v, want the zero span", p)
				}
				return
			}
			prev := p.Previous()
			got := []string{p.Label(), p.From, p.To, prev.Label(), prev.From, prev.To}
			want := []string{tc.label, tc.start, tc.end, tc.prevLabel, tc.prevStart, tc.prevEnd}
			if !slices.Equal(got, want) {
				t.Errorf("span and previous = %q, want %q", got, want)
			}
		})
	}
}

// TestSpanContains checks which listings a span holds and which are in
// the trend up to it.
func TestSpanContains(t *testing.T) {
	q, _ := data.ParseQuarter("2026Q3")
	dates, _ := data.ParseSpan("", "2026-07-01", "2026-08-15")
	in := data.Listing{Quarter: "2026Q3", PostedDate: "2026-08-01"}
	late := data.Listing{Quarter: "2026Q3", PostedDate: "2026-09-01"}
	before := data.Listing{Quarter: "2026Q2", PostedDate: "2026-05-01"}
	after := data.Listing{Quarter: "2026Q4", PostedDate: "2026-11-01"}
	undated := data.Listing{}
	for _, c := range []struct {
		span           data.Span
		l              data.Listing
		contains, upTo bool
	}{
		{q, in, true, true}, {q, late, true, true}, {q, before, false, true}, {q, after, false, false}, {q, undated, false, false},
		{dates, in, true, true}, {dates, late, false, false}, {dates, before, false, true}, {dates, undated, false, false},
		{data.Span{}, undated, true, false},
	} {
		if c.span.Contains(&c.l) != c.contains || c.span.UpTo(&c.l) != c.upTo {
			t.Errorf("%s, %+v: contains %v upTo %v, want %v %v", c.span.Label(), c.l, c.span.Contains(&c.l), c.span.UpTo(&c.l), c.contains, c.upTo)
		}
	}
}

// TestSpanMatches checks which requests an analysis limited to a span
// answers.
func TestSpanMatches(t *testing.T) {
	q, _ := data.ParseQuarter("2026Q3")
	dates := data.Span{From: "2026-07-01", To: "2026-09-30"}
	for _, c := range []struct {
		name      string
		have, ask data.Span
		ok        bool
	}{
		{"anything for no request", q, data.Span{}, true},
		{"same quarter", q, q, true},
		{"other quarter", q, data.Span{Quarter: "2026Q2", From: "2026-04-01", To: "2026-06-30"}, false},
		{"dates for a quarter", q, dates, false},
		{"quarter for dates", dates, q, false},
		{"same dates", dates, dates, true},
		{"open end", dates, data.Span{From: "2026-07-01"}, true},
		{"other start", dates, data.Span{From: "2026-07-02"}, false},
		{"every posting for a quarter", data.Span{}, q, false},
	} {
		if got := c.have.Matches(c.ask); got != c.ok {
			t.Errorf("%s: Matches = %v, want %v", c.name, got, c.ok)
		}
	}
}

// FuzzParseQuarter checks that a quarter ParseQuarter takes is named as
// postings' quarters are: the year of its first day, Q, and the quarter
// of that month, so a label it takes can match a posting.
func FuzzParseQuarter(f *testing.F) {
	for _, q := range []string{"2026Q3", "2026Q1", "0001Q4", "2026Q5", "26Q1", "+026Q1", " 202Q1", "2026q1", "2026Q0", "2026-Q2"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		s, err := data.ParseQuarter(q)
		if err != nil {
			if !errors.Is(err, data.ErrSpan) {
				t.Fatalf("ParseQuarter(%q) error %v does not wrap ErrSpan", q, err)
			}
			return
		}
		first, perr := time.Parse(time.DateOnly, s.From)
		if perr != nil {
			t.Fatalf("ParseQuarter(%q).From = %q: %v", q, s.From, perr)
		}
		if got := fmt.Sprintf("%04dQ%d", first.Year(), (int(first.Month())+2)/3); got != q || s.Quarter != q {
			t.Fatalf("ParseQuarter(%q) = %+v, a span of quarter %s", q, s, got)
		}
	})
}
