package transform

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// leverIntervals maps Lever's salaryRange.interval to a period. "one-time"
// is missing on purpose: a one-time amount cannot be annualized.
var leverIntervals = map[string]data.Period{
	"per-year-salary": data.PeriodYear, "per-month-salary": data.PeriodMonth, "per-week-salary": data.PeriodWeek,
	"per-day-wage": data.PeriodDay, "per-hour-wage": data.PeriodHour,
}

// payOf reads a record's pay: the structured fields when the board gives
// them, else the pay text, else the description. notes collects what had
// to be guessed. The error wraps ErrNoPay when nothing states pay.
func payOf(r data.RawRecord, country string) (s data.Salary, text string, notes []string, err error) {
	if !math.IsNaN(r.PayMin) || !math.IsNaN(r.PayMax) {
		s, notes, err = structuredPay(r, country)
		return s, "", notes, err
	}
	text = r.PayText
	if text == "" {
		text = r.Description
	}
	p, err := ParsePay(text, country)
	if err != nil {
		if r.PayText == "" {
			// Whole descriptions are too long to quote in a note.
			var pe *PayError
			if errors.As(err, &pe) {
				err = &PayError{Text: "(description)", Reason: "in description: " + pe.Reason, Err: pe.Err}
			}
			text = ""
		}
		return data.Salary{}, text, nil, err
	}
	if p.CurrencyGuessed {
		notes = append(notes, fmt.Sprintf("currency %s inferred from country", p.Currency))
	}
	if p.PeriodGuessed {
		notes = append(notes, "period YEAR assumed")
	}
	if r.PayText == "" {
		text = excerpt(text)
	}
	return p.Salary, text, notes, nil
}

func structuredPay(r data.RawRecord, country string) (data.Salary, []string, error) {
	s := data.Salary{Min: r.PayMin, Max: r.PayMax, Currency: strings.ToUpper(strings.TrimSpace(r.PayCurrency))}
	var notes []string
	switch {
	case r.PayPeriod == "":
		s.Period = data.PeriodYear
		notes = append(notes, "period YEAR assumed")
	case leverIntervals[r.PayPeriod] != "":
		s.Period = leverIntervals[r.PayPeriod]
	default:
		p, err := data.ParsePeriod(r.PayPeriod)
		if err != nil {
			return data.Salary{}, nil, fmt.Errorf("pay period %q cannot be annualized", r.PayPeriod)
		}
		s.Period = p
	}
	if s.Currency == "" {
		s.Currency = currencyOf(country)
		if s.Currency == "" {
			return data.Salary{}, nil, errors.New("pay states no currency and the country is unknown")
		}
		notes = append(notes, fmt.Sprintf("currency %s inferred from country", s.Currency))
	}
	for _, v := range []float64{s.Min, s.Max} {
		if v < 0 || math.IsInf(v, 0) {
			return data.Salary{}, nil, fmt.Errorf("pay figure %v is not an amount", v)
		}
	}
	if s.Min > s.Max {
		return data.Salary{}, nil, fmt.Errorf("pay range %v to %v runs backwards", s.Min, s.Max)
	}
	return s, notes, nil
}

// excerpt keeps the sentence-sized part of a description the pay was read
// from, so a researcher can check the figure without the whole text.
func excerpt(text string) string {
	const span = 80
	for _, c := range payCandidates(text) {
		lo, hi := max(0, c.lo.start-span/2), min(len(text), c.hi.end+span/2)
		for lo > 0 && !isBoundary(text, lo) {
			lo--
		}
		for hi < len(text) && !isBoundary(text, hi) {
			hi++
		}
		return strings.TrimSpace(text[lo:hi])
	}
	return ""
}

// annualUSD converts stated pay to USD per year: the midpoint of the range
// (or its one stated bound) times periods per year times the rate.
func (c Config) annualUSD(s data.Salary) (float64, error) {
	rate, ok := c.Currency.Rates[s.Currency]
	if s.Currency == c.Currency.Base {
		rate, ok = 1, true
	}
	if !ok {
		return math.NaN(), fmt.Errorf("no exchange rate for %s in currency.rates", s.Currency)
	}
	factor, ok := c.Pay.Annualize[string(s.Period)]
	if !ok {
		factor = DefaultAnnualize[s.Period]
	}
	return s.Midpoint() * factor * rate, nil
}
