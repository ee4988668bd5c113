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
	// ErrNotPayContext: the text states money or counts, but none of it
	// is the role's pay: funding, headcounts, 401(k) matches, stipends,
	// insurance, equity, bonuses, commission, another role's pay, weights
	// (PayError.Context says which).
	ErrNotPayContext = errors.New("figures are not the role's pay")
)

// PayError reports why a pay text could not be read, and where.
type PayError struct {
	Text   string
	Offset int // byte offset in Text of the figure concerned; -1 when none
	Reason string
	// Context, with ErrNotPayContext, is what the refused figure is: a
	// Context* constant, or "" when nothing introduced it as pay.
	Context string
	Err     error // ErrNoPay, ErrUnparsedPay, ErrNoCurrency or ErrNotPayContext
}

func (e *PayError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("parse pay %q at byte %d: %s", e.Text, e.Offset, e.Reason)
	}
	return fmt.Sprintf("parse pay %q: %s", e.Text, e.Reason)
}

// Unwrap returns Err; ErrNotPayContext also counts as ErrNoPay, since no
// pay of the role is stated.
func (e *PayError) Unwrap() []error {
	if e.Err == ErrNotPayContext {
		return []error{e.Err, ErrNoPay}
	}
	return []error{e.Err}
}

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
	// Rule says how the figure was found among the text's figures:
	// `introduced by "salary"`, "a range in a currency", or which zone of
	// a zone table was kept.
	Rule string
}

// PayOptions say what is known of a pay text besides its words.
type PayOptions struct {
	// Country is the posting's country (ISO alpha-2, may be empty): it
	// decides what "$", "¥" and "kr" mean and the currency of a bare
	// figure.
	Country string
	// Location is the posting's place as written ("New York, NY"): in a
	// zone table the zone it names is kept.
	Location string
	// Description is set when the text is a whole description rather
	// than a pay field: a figure is then pay only where it is introduced
	// as the role's pay, or is a range in a currency, or a figure with a
	// currency and a period.
	Description bool
}

// payContext is one pay text being read, with the posting's country.
type payContext struct {
	text        string
	country     string
	location    string
	description bool         // see PayOptions.Description
	lakh        bool         // Indian numbering: a bare "L" after a figure is a lakh
	refused     refusal      // the figure a PayError reports when none is taken
	explain     *[]PayFigure // when set, every figure judged is appended
	amounts     []amount     // scratch, reused through payContexts
	cands       []candidate  // scratch, reused through payContexts
}

var payContexts = sync.Pool{New: func() any { return new(payContext) }}

func newPayContext(text string, opt PayOptions) *payContext {
	pc := payContexts.Get().(*payContext)
	*pc = payContext{text: text, country: strings.ToUpper(strings.TrimSpace(opt.Country)), location: opt.Location,
		description: opt.Description, amounts: pc.amounts[:0], cands: pc.cands[:0]}
	switch pc.country {
	case "IN", "PK", "BD", "NP", "LK":
		pc.lakh = true
	default:
		pc.lakh = strings.Contains(text, "₹") || strings.Contains(text, "INR") || strings.Contains(text, "Rs")
	}
	return pc
}

func (pc *payContext) release() {
	pc.text, pc.location, pc.explain = "", "", nil
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
func ParsePay(text, country string) (Pay, error) {
	return parsePay(text, PayOptions{Country: country}, nil, nil)
}

// ParsePayText is ParsePay with what else is known of the text: read as a
// description, a figure is pay only where introduced as the role's pay
// (see PayOptions). Where every figure is refused, the error wraps
// ErrNotPayContext and its Context says what the first one is.
func ParsePayText(text string, opt PayOptions) (Pay, error) { return parsePay(text, opt, nil, nil) }

// ExplainPay is ParsePayText that also lists every figure it judged, in
// the order judged: taken, with its rule, or refused, with its reason.
func ExplainPay(text string, opt PayOptions) ([]PayFigure, Pay, error) {
	var figures []PayFigure
	p, err := parsePay(text, opt, nil, &figures)
	return figures, p, err
}

// parsePay is ParsePayText with the word hashes of text when the caller
// has them already (a description the role rule has read), so that looking
// for hint words in the whole text does not read it again, and where to
// list the figures judged (nil: nowhere).
func parsePay(text string, opt PayOptions, textWords []uint64, explain *[]PayFigure) (Pay, error) {
	pc := newPayContext(text, opt)
	pc.explain = explain
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
	c, rule, ok := pc.choose()
	if !ok && pc.refused.set && (pc.refused.context != "" || pc.description) {
		lo, hi := sentenceBounds(text, pc.refused.offset, pc.refused.offset)
		if h := scanHints(text[lo:hi]); h.noSalary != "" {
			return fail(pc.refused.offset, ErrNoPay, "no salary (%q)", h.noSalary)
		}
		return Pay{}, &PayError{Text: text, Offset: pc.refused.offset, Reason: "not the role's pay: " + pc.refused.reason,
			Context: pc.refused.context, Err: ErrNotPayContext}
	}
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
		Start: c.lo.start, End: c.hi.end, Repaired: c.repaired, Rule: rule}
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
		// A code after the range and its period settles the mark: "$40-$55/hour USD".
		if code, _, n := pc.markAfter(skipSpace(pc.text, c.hi.end)); n > 0 && code != "" {
			return code, false, true
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
