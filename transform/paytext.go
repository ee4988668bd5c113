package transform

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// ErrNoPay says a text states no pay figure: nothing at all, or only
// "competitive", "DOE", equity, percentages and other numbers that are not
// pay. No pay is not zero pay.
var ErrNoPay = errors.New("no pay stated")

// PayError reports why a pay text could not be read.
type PayError struct {
	Text   string
	Reason string
	Err    error // ErrNoPay or nil
}

func (e *PayError) Error() string { return fmt.Sprintf("parse pay %q: %s", e.Text, e.Reason) }
func (e *PayError) Unwrap() error { return e.Err }

// Pay is pay as read from text, with what had to be guessed.
type Pay struct {
	data.Salary
	CurrencyGuessed bool // the text names no currency; taken from the country
	PeriodGuessed   bool // the text names no period; YEAR assumed
}

var (
	rangeSep     = regexp.MustCompile(`(?i)^\s*(?:-|–|—|~|to|and)\s*$`)
	upToBefore   = regexp.MustCompile(`(?i)(?:up\s*to|upto|max(?:imum)?|not\s+more\s+than|under)\s*:?\s*$`)
	fromBefore   = regexp.MustCompile(`(?i)(?:from|starting\s+(?:at|from)|min(?:imum)?|at\s+least|over)\s*:?\s*$`)
	undisclosed  = regexp.MustCompile(`(?i)\b(?:competitive|negotiable|neg|doe|depending\s+on\s+experience|commensurate|attractive|equity\s+only)\b`)
	notPayBefore = regexp.MustCompile(`(?i)\b(?:401|403)\s*\(?$`)
)

// ParsePay reads pay from free text such as "$120K - $150K a year",
// "£45,000 - £55,000 per annum", "60.000 - 70.000 EUR" or "$55 - $65 an
// hour". country (ISO alpha-2, may be empty) decides what "$", "¥" and
// "kr" mean and the currency of a bare figure. The error wraps ErrNoPay
// when the text states no pay figure.
func ParsePay(text, country string) (Pay, error) {
	fail := func(reason string, err error) (Pay, error) {
		return Pay{}, &PayError{Text: text, Reason: reason, Err: err}
	}
	cands := payCandidates(text)
	if len(cands) == 0 {
		if m := undisclosed.FindString(text); m != "" {
			return fail(fmt.Sprintf("pay not disclosed (%q)", m), ErrNoPay)
		}
		return fail("no pay figure", ErrNoPay)
	}
	c := cands[0]
	p := Pay{Salary: data.Salary{Min: c.lo.value, Max: c.hi.value}}
	switch {
	case c.single && upToBefore.MatchString(text[:c.lo.start]):
		p.Min = math.NaN()
	case c.single && (fromBefore.MatchString(text[:c.lo.start]) || strings.HasPrefix(text[c.hi.end:], "+")):
		p.Max = math.NaN()
	}
	if !c.single && c.hi.thousands && !c.lo.thousands && c.lo.value < 1000 {
		p.Min *= 1000 // "$130 to $160K": the k belongs to both
	}
	cur, sym := c.lo.currency, c.lo.symbol
	if sym == "" {
		cur, sym = c.hi.currency, c.hi.symbol
	}
	switch {
	case sym == "":
		p.Currency, p.CurrencyGuessed = currencyOf(country), true
		if p.Currency == "" {
			return fail("no currency stated and no country to infer it from", nil)
		}
	case cur == "":
		p.Currency, p.CurrencyGuessed = markCurrency(sym, country)
	default:
		p.Currency = cur
	}
	p.Period, p.PeriodGuessed = c.period, false
	if p.Period == "" {
		p.Period, p.PeriodGuessed = data.PeriodYear, true
	}
	if p.Min > p.Max {
		return fail(fmt.Sprintf("range %v to %v runs backwards", p.Min, p.Max), nil)
	}
	return p, nil
}

// candidate is a figure or a range of two figures that reads as pay.
type candidate struct {
	lo, hi amount
	single bool
	period data.Period
}

// payCandidates lists, in text order, figures that read as pay: ranges
// first, since "$120k-$150k, plus a $10k bonus" states the range as pay.
// A figure reads as pay when it carries a currency or a period word stands
// next to it; percentages and 401(k) never do.
func payCandidates(text string) []candidate {
	all := scanAmounts(text)
	var amounts []amount
	for _, a := range all {
		if strings.HasPrefix(text[a.end:], "%") || strings.HasPrefix(strings.TrimSpace(text[a.end:]), "%") ||
			notPayBefore.MatchString(text[:a.end]) || strings.HasPrefix(text[a.end:], "(k)") {
			continue
		}
		amounts = append(amounts, a)
	}
	var ranges, singles []candidate
	for i := 0; i < len(amounts); i++ {
		a := amounts[i]
		if i+1 < len(amounts) && rangeSep.MatchString(text[a.end:amounts[i+1].start]) {
			b := amounts[i+1]
			c := candidate{lo: a, hi: b, period: periodNear(text, a.start, b.end)}
			if a.symbol != "" || b.symbol != "" || c.period != "" || b.thousands {
				ranges = append(ranges, c)
				i++
				continue
			}
		}
		c := candidate{lo: a, hi: a, single: true, period: periodNear(text, a.start, a.end)}
		if a.symbol != "" || periodRightAfter(text, a.end) != "" {
			singles = append(singles, c)
		}
	}
	return append(ranges, singles...)
}

// periodWords maps how postings name a pay period; longer forms first so
// "per hour" wins over "per h".
var periodWords = []struct {
	re     *regexp.Regexp
	period data.Period
}{
	{regexp.MustCompile(`(?i)^(?:/\s*|per\s+|an?\s+|p/?\s*)(?:hour|hr|h)\b|^(?:hourly|ph|p\.h\.)(?:\W|$)`), data.PeriodHour},
	{regexp.MustCompile(`(?i)^(?:/\s*|per\s+|an?\s+|p/?\s*)(?:day|d)\b|^(?:daily|pd|p\.d\.)(?:\W|$)`), data.PeriodDay},
	{regexp.MustCompile(`(?i)^(?:/\s*|per\s+|an?\s+|p/?\s*)(?:week|wk|w)\b|^(?:weekly|pw|p\.w\.)(?:\W|$)`), data.PeriodWeek},
	{regexp.MustCompile(`(?i)^(?:/\s*|per\s+|an?\s+|p/?\s*)(?:month|mo|mth|m)\b|^(?:monthly|pcm|p\.m\.)(?:\W|$)`), data.PeriodMonth},
	{regexp.MustCompile(`(?i)^(?:/\s*|per\s+|an?\s+|p/?\s*)(?:year|yr|annum|anum|y)\b|^(?:yearly|annually|annual|pa|p\.a\.?)(?:\W|$)`), data.PeriodYear},
}

// periodRightAfter reads a period word that directly follows a figure
// ("/hr", "per annum", "+ Weekly").
func periodRightAfter(text string, pos int) data.Period {
	rest := strings.TrimLeft(text[pos:], " +\t")
	for _, w := range periodWords {
		if w.re.MatchString(rest) {
			return w.period
		}
	}
	return ""
}

// periodAnywhere finds a period word anywhere in a window of text, for
// "Paid at an hourly rate of $46.75".
var periodAnywhere = []struct {
	re     *regexp.Regexp
	period data.Period
}{
	{regexp.MustCompile(`(?i)\b(?:hourly|per\s+hour|an\s+hour)\b`), data.PeriodHour},
	{regexp.MustCompile(`(?i)\b(?:daily|day\s+rate|per\s+day|a\s+day)\b`), data.PeriodDay},
	{regexp.MustCompile(`(?i)\b(?:weekly|per\s+week|a\s+week)\b`), data.PeriodWeek},
	{regexp.MustCompile(`(?i)\b(?:monthly|per\s+month|a\s+month)\b`), data.PeriodMonth},
	{regexp.MustCompile(`(?i)\b(?:yearly|annual(?:ly)?|per\s+(?:year|annum)|a\s+year|p\.a\.)`), data.PeriodYear},
}

// periodNear reads the period of a figure spanning [start, end): a period
// word right after it, else one in the same sentence close by.
func periodNear(text string, start, end int) data.Period {
	if p := periodRightAfter(text, end); p != "" {
		return p
	}
	lo, hi := max(0, start-40), min(len(text), end+40)
	for lo > 0 && !isBoundary(text, lo) {
		lo--
	}
	for hi < len(text) && !isBoundary(text, hi) {
		hi++
	}
	if i := strings.LastIndex(text[lo:start], ". "); i >= 0 {
		lo += i + 2
	}
	if i := strings.Index(text[end:hi], ". "); i >= 0 {
		hi = end + i
	}
	window := text[lo:hi]
	for _, w := range periodAnywhere {
		if w.re.MatchString(window) {
			return w.period
		}
	}
	return ""
}

func isBoundary(s string, i int) bool { return i <= 0 || i >= len(s) || s[i] < 0x80 || s[i] >= 0xC0 }

// markCurrency resolves marks shared by several currencies from the
// posting's country; the bool says the choice was a guess.
func markCurrency(symbol, country string) (string, bool) {
	local := currencyOf(country)
	switch symbol {
	case "$":
		switch local {
		case "USD", "CAD", "AUD", "NZD", "SGD", "MXN", "HKD", "TWD", "ARS", "CLP", "COP":
			return local, false
		}
		return "USD", country == ""
	case "¥":
		if local == "CNY" {
			return "CNY", false
		}
		return "JPY", false
	case "kr":
		switch local {
		case "SEK", "NOK", "DKK", "ISK":
			return local, false
		}
		return "SEK", true
	}
	return "", true
}
