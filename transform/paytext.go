package transform

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/jobmarket/jobmarket/data"
)

// Sentinels wrapped by PayError, so callers can tell why pay is missing.
var (
	// ErrNoPay: the text states no pay figure — nothing at all, or only
	// "competitive", "DOE", equity, commission-only, percentages and other
	// numbers that are not pay. No pay is not zero pay.
	ErrNoPay = errors.New("no pay stated")
	// ErrUnparsedPay: the text states a figure that cannot be read as pay
	// with confidence (a range that runs backwards, a figure with no period
	// that fits none).
	ErrUnparsedPay = errors.New("pay not readable")
	// ErrNoCurrency: the text names no currency and the posting's country
	// is unknown, so the figure cannot be converted.
	ErrNoCurrency = errors.New("no currency")
)

// PayError reports why a pay text could not be read, and where.
type PayError struct {
	Text   string
	Offset int // byte offset in Text of the figure concerned; -1 when none
	Reason string
	Err    error // ErrNoPay, ErrUnparsedPay or ErrNoCurrency
}

func (e *PayError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("parse pay %q at byte %d: %s", e.Text, e.Offset, e.Reason)
	}
	return fmt.Sprintf("parse pay %q: %s", e.Text, e.Reason)
}

func (e *PayError) Unwrap() error { return e.Err }

// Pay is pay as read from text, with what had to be guessed.
type Pay struct {
	data.Salary
	CurrencyGuessed bool // the text names no currency (or only "$"); taken from the country
	PeriodGuessed   bool // the text names no period; read from the size of the figure, or YEAR assumed
	// Source is data.PaySourceBoard when the text marks the figure as the
	// board's estimate ("Estimated $95K", "(Glassdoor est.)"), else
	// data.PaySourceEmployer.
	Source string
	// Start and End delimit, in bytes, the figures the pay was read from.
	Start, End int
	// Repaired says a bound was rescaled to fit the other ("$140 -
	// $160000" is 140,000 to 160,000).
	Repaired bool
}

// payContext is one pay text being read, with the posting's country.
type payContext struct {
	text    string
	country string
	lakh    bool     // Indian numbering: a bare "L" after a figure is a lakh
	amounts []amount // scratch, reused through payContexts
}

var payContexts = sync.Pool{New: func() any { return new(payContext) }}

func newPayContext(text, country string) *payContext {
	pc := payContexts.Get().(*payContext)
	*pc = payContext{text: text, country: strings.ToUpper(strings.TrimSpace(country)), amounts: pc.amounts[:0]}
	switch pc.country {
	case "IN", "PK", "BD", "NP", "LK":
		pc.lakh = true
	default:
		pc.lakh = strings.Contains(text, "₹") || strings.Contains(text, "INR") || strings.Contains(text, "Rs")
	}
	return pc
}

func (pc *payContext) release() {
	pc.text = ""
	payContexts.Put(pc)
}

// ParsePay reads pay from free text such as "$120K - $150K a year",
// "£45,000 - £55,000 per annum", "60.000 - 70.000 EUR", "₹12 - 18 LPA",
// "600万円～800万円" or "$55 - $65 an hour", alone or inside a whole
// description. country (ISO alpha-2, may be empty) decides what "$", "¥"
// and "kr" mean and the currency of a bare figure. Ranges win over single
// figures ("$120k-$150k, plus a $10k bonus"); the first of each is taken.
// A figure with no period word gets its period from its size (an hourly
// rate, a monthly or a yearly salary), flagged as guessed.
//
// The error is a *PayError wrapping ErrNoPay when the text states no pay,
// ErrUnparsedPay when a figure cannot be read with confidence, or
// ErrNoCurrency when neither the text nor the country names a currency.
func ParsePay(text, country string) (Pay, error) { return parsePay(text, country, nil) }

// parsePay is ParsePay with the word hashes of text when the caller has
// them already (a description the role rule has read), so that looking for
// hint words in the whole text does not read it again.
func parsePay(text, country string, textWords []uint64) (Pay, error) {
	pc := newPayContext(text, country)
	defer pc.release()
	wholeHints := func() hints {
		if textWords != nil {
			return scanHintWords(textWords)
		}
		return scanHints(text)
	}
	fail := func(at int, err error, format string, args ...any) (Pay, error) {
		reason := format
		if len(args) > 0 {
			reason = fmt.Sprintf(format, args...)
		}
		return Pay{}, &PayError{Text: text, Offset: at, Reason: reason, Err: err}
	}
	c, ok := pc.candidate()
	if !ok {
		h := wholeHints()
		switch {
		case h.noSalaryAnywhere != "":
			return fail(-1, ErrNoPay, "no salary (%q)", h.noSalaryAnywhere)
		case h.noSalary != "":
			return fail(-1, ErrNoPay, "no salary (%q)", h.noSalary)
		case h.hidden != "":
			return fail(-1, ErrNoPay, "pay not disclosed (%q)", h.hidden)
		}
		return fail(-1, ErrNoPay, "no pay figure")
	}
	lo, hi := sentenceBounds(text, c.lo.start, c.hi.end)
	h := scanHints(text[lo:hi])
	if h.noSalary != "" {
		return fail(c.lo.start, ErrNoPay, "no salary (%q)", h.noSalary)
	}
	if mayHoldNoSalary(text) {
		if m := wholeHints().noSalaryAnywhere; m != "" {
			return fail(c.lo.start, ErrNoPay, "no salary (%q)", m)
		}
	}
	p := Pay{Salary: data.Salary{Min: c.lo.value, Max: c.hi.value}, Source: data.PaySourceEmployer,
		Start: c.lo.start, End: c.hi.end, Repaired: c.repaired}
	if (h.board || pc.wordBefore(c.lo.start, estimatedBefore)) && !h.employerEst {
		p.Source = data.PaySourceBoard
	}
	switch {
	case p.Max == 0 || math.IsNaN(p.Max) && p.Min == 0:
		return fail(c.lo.start, ErrNoPay, "a figure of 0 is no pay")
	case p.Min == 0:
		p.Min = math.NaN() // "$0 - $50,000": only the ceiling says anything
	}
	if c.single {
		switch {
		case pc.ceiling(c.lo):
			p.Min = math.NaN()
		case pc.floor(c.lo):
			p.Max = math.NaN()
		}
	}

	if p.Currency, p.CurrencyGuessed, ok = pc.currency(c); !ok {
		return fail(c.lo.start, ErrNoCurrency, "the text names no currency and the country is unknown")
	}
	p.Period = c.hi.period
	if p.Period == "" {
		p.Period = c.lo.period
	}
	if p.Period == "" {
		p.Period = periodNear(text, c.lo.start, c.hi.end)
	}
	if p.Period == "" {
		per, ok := periodByMagnitude(p.Midpoint(), p.Currency)
		switch {
		case ok:
			p.Period, p.PeriodGuessed = per, true
		case roughUSD[p.Currency] == 0:
			p.Period, p.PeriodGuessed = data.PeriodYear, true
		default:
			return fail(c.lo.start, ErrUnparsedPay, "no period stated, and %s %s fits no period", formatFigure(p.Midpoint()), p.Currency)
		}
	}
	if p.Min > p.Max {
		return fail(c.lo.start, ErrUnparsedPay, "range %s to %s runs backwards", formatFigure(p.Min), formatFigure(p.Max))
	}
	return p, nil
}

// currency settles the currency of a candidate: an ISO code or unambiguous
// mark on either figure, else a shared mark ("$") read by country, else
// the country's own currency, guessed.
func (pc *payContext) currency(c candidate) (code string, guessed, ok bool) {
	switch {
	case c.lo.currency != "":
		return c.lo.currency, false, true
	case c.hi.currency != "":
		return c.hi.currency, false, true
	case c.lo.symbol != "" || c.hi.symbol != "":
		sym := c.lo.symbol
		if sym == "" {
			sym = c.hi.symbol
		}
		if code, guessed := markCurrency(sym, pc.country); code != "" {
			return code, guessed, true
		}
	}
	if code := currencyOf(pc.country); code != "" {
		return code, true, true
	}
	return "", false, false
}

func formatFigure(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
