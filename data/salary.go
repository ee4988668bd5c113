package data

import (
	"fmt"
	"math"
	"strings"
)

// Period is the time unit a stated pay figure refers to.
type Period string

// Pay periods, named as schema.org's unitText names them.
const (
	PeriodHour  Period = "HOUR"
	PeriodDay   Period = "DAY"
	PeriodWeek  Period = "WEEK"
	PeriodMonth Period = "MONTH"
	PeriodYear  Period = "YEAR"
)

// ParsePeriod reads a period name in any case ("year", "YEAR", "Hour").
func ParsePeriod(s string) (Period, error) {
	p := Period(strings.ToUpper(strings.TrimSpace(s)))
	switch p {
	case PeriodHour, PeriodDay, PeriodWeek, PeriodMonth, PeriodYear:
		return p, nil
	}
	return "", fmt.Errorf("unknown pay period %q (want HOUR, DAY, WEEK, MONTH or YEAR)", s)
}

// Pay sources: who stated the figure. Board estimates are kept out of the
// headline estimate because mixing them in silently biases it.
const (
	PaySourceEmployer = "employer"
	PaySourceBoard    = "board_estimate"
)

// Salary is pay as stated in a posting: a range in one currency per one
// period. Min or Max is NaN when the posting does not state it ("Up to
// $180k" has no Min).
type Salary struct {
	Min      float64
	Max      float64
	Currency string // ISO 4217
	Period   Period
}

// Midpoint is the figure a range stands for: the middle of the range, or
// the one bound that is stated.
func (s Salary) Midpoint() float64 {
	switch {
	case math.IsNaN(s.Min):
		return s.Max
	case math.IsNaN(s.Max):
		return s.Min
	}
	return (s.Min + s.Max) / 2
}
