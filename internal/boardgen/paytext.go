package main

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// pyjobsPeriods lists, per currency, the periods pyjobs has pay text
// templates for; the first is the one used when a country's usual period
// has none.
var pyjobsPeriods = map[string][]string{
	"USD": {"YEAR", "HOUR", "MONTH"}, "CAD": {"YEAR", "HOUR"}, "EUR": {"YEAR", "MONTH"},
	"GBP": {"YEAR", "DAY"}, "CHF": {"YEAR"}, "INR": {"YEAR"}, "BRL": {"MONTH"},
	"MXN": {"MONTH"}, "AUD": {"YEAR"}, "JPY": {"YEAR"}, "SGD": {"MONTH"},
	"PLN": {"MONTH"}, "SEK": {"MONTH"}, "ILS": {"MONTH"}, "AED": {"MONTH"},
	"ZAR": {"YEAR"},
}

// pyjobsPeriod maps a period to one pyjobs can state for the currency.
func pyjobsPeriod(currency, period string) string {
	ps := pyjobsPeriods[currency]
	if slices.Contains(ps, period) {
		return period
	}
	return ps[0]
}

// moneyFormat says how one currency writes amounts in pyjobs text.
type moneyFormat struct {
	code   string // before the first amount: "USD ", "CHF "
	symbol string // before every amount: "$", "CA$", "R$ "
	after  string // after the last amount: " EUR", " PLN"
	group  string // thousands separator; "lakh" for Indian grouping
}

var moneyFormats = map[string]moneyFormat{
	"USD": {symbol: "$", group: ","},
	"CAD": {symbol: "CA$", group: ","},
	"EUR": {symbol: "€", group: ","}, // "€5,000 - €6,000 per month"
	"GBP": {symbol: "£", group: ","},
	"CHF": {code: "CHF ", group: "'"},
	"INR": {symbol: "₹", group: "lakh"},
	"BRL": {symbol: "R$ ", group: "."},
	"MXN": {code: "MXN ", group: ","},
	"AUD": {symbol: "A$", group: ","},
	"JPY": {symbol: "¥", group: ","},
	"SGD": {symbol: "S$", group: ","},
	"PLN": {after: " PLN", group: " "},
	"SEK": {code: "SEK ", group: ","},
	"ILS": {symbol: "₪", group: ","},
	"AED": {code: "AED ", group: ","},
	"ZAR": {code: "ZAR ", group: ","},
}

// periodPhrase is the words after an amount, by currency and period.
func periodPhrase(currency, period string) string {
	switch {
	case currency == "GBP" && period == "YEAR":
		return " per annum"
	case currency == "CHF":
		return " p.a."
	case currency == "INR":
		return " a year"
	case period == "HOUR":
		return " an hour"
	case currency == "USD" && period == "MONTH":
		return "/month"
	}
	return " per " + strings.ToLower(period)
}

// pyjobsPayText writes stated pay the way pyjobs postings do. The variant
// choices come from r; the numbers are always exactly the stated ones.
func pyjobsPayText(p pay, r *rand.Rand) string {
	f := moneyFormats[p.currency]
	amount := func(n int64) string { return f.symbol + group(n, f.group) }
	phrase := periodPhrase(p.currency, p.period)
	whole := p.period == "YEAR" && p.wholeThousands()
	k := func(n int64) string { return strconv.FormatInt(n/1000, 10) }

	switch {
	case p.currency == "USD" && p.period == "YEAR" && p.shape == shapeRange:
		switch r.IntN(3) {
		case 0:
			return amount(p.min) + " - " + amount(p.max) + " a year"
		case 1:
			if whole {
				return "$" + k(p.min) + "K - $" + k(p.max) + "K"
			}
		}
		return "USD " + group(p.min, ",") + " - " + group(p.max, ",") + " per year"
	case p.currency == "EUR" && p.period == "YEAR":
		dotted := func(n int64) string { return group(n, ".") }
		switch p.shape {
		case shapeRange:
			if whole && r.IntN(2) == 0 {
				return "€" + k(p.min) + "k–" + k(p.max) + "k"
			}
			return dotted(p.min) + " - " + dotted(p.max) + " EUR per year"
		case shapeSingle:
			return dotted(p.min) + " EUR per year"
		case shapeUpTo:
			if whole {
				return "Up to €" + k(p.max) + "k per year"
			}
			return "Up to " + dotted(p.max) + " EUR per year"
		case shapeFrom:
			if whole {
				return "From €" + k(p.min) + "k per year"
			}
			return "From " + dotted(p.min) + " EUR per year"
		}
	case p.currency == "AUD" && p.period == "YEAR" && p.shape == shapeRange && whole:
		return "A$" + k(p.min) + "k - A$" + k(p.max) + "k"
	}

	switch p.shape {
	case shapeSingle:
		return f.code + amount(p.min) + f.after + phrase
	case shapeUpTo:
		return "Up to " + f.code + amount(p.max) + f.after + phrase
	case shapeFrom:
		return "From " + f.code + amount(p.min) + f.after + phrase
	}
	return f.code + amount(p.min) + " - " + amount(p.max) + f.after + phrase
}

// group writes n with a thousands separator, or with Indian lakh grouping
// (12,00,000) when sep is "lakh".
func group(n int64, sep string) string {
	s := strconv.FormatInt(n, 10)
	if sep == "lakh" {
		if len(s) <= 3 {
			return s
		}
		head, tail := s[:len(s)-3], s[len(s)-3:]
		var parts []string
		for len(head) > 2 {
			parts = append([]string{head[len(head)-2:]}, parts...)
			head = head[:len(head)-2]
		}
		parts = append([]string{head}, parts...)
		return strings.Join(parts, ",") + "," + tail
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
