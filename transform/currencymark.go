package transform

import (
	"strings"
	"unicode/utf8"
)

// currencyMark is a way of writing a currency next to a figure. code is
// "" for marks several currencies share ("$", "¥", "kr"), which are
// resolved by the posting's country (markCurrency).
type currencyMark struct {
	mark, code string
	before     bool // may stand before the figure
	after      bool // may stand after it
}

// currencyMarks lists symbols and abbreviations; a mark that another ends
// with comes after it ("US$" before "$", "kr." before "kr"), so the longest
// mark wins. Letter marks must stand apart from other letters.
var currencyMarks = []currencyMark{
	{"US$", "USD", true, false}, {"CA$", "CAD", true, false}, {"AU$", "AUD", true, false}, {"NZ$", "NZD", true, false},
	{"HK$", "HKD", true, false}, {"SG$", "SGD", true, false}, {"NT$", "TWD", true, false}, {"MX$", "MXN", true, false},
	{"C$", "CAD", true, false}, {"A$", "AUD", true, false}, {"S$", "SGD", true, false}, {"R$", "BRL", true, false},
	{"CN¥", "CNY", true, false}, {"JP¥", "JPY", true, false}, {"SFr.", "CHF", true, true}, {"Fr.", "CHF", true, true},
	{"Rs.", "INR", true, false}, {"Rs", "INR", true, false}, {"kr.", "", true, true}, {"kr", "", true, true},
	{"$", "", true, true}, {"£", "GBP", true, true}, {"€", "EUR", true, true}, {"¥", "", true, true}, {"￥", "", true, true},
	{"₹", "INR", true, true}, {"₪", "ILS", true, true}, {"₩", "KRW", true, true}, {"₱", "PHP", true, true},
	{"₺", "TRY", true, true}, {"₽", "RUB", true, true}, {"₴", "UAH", true, true}, {"฿", "THB", true, true},
	{"₫", "VND", true, true}, {"₦", "NGN", true, true}, {"zł", "PLN", true, true}, {"Kč", "CZK", false, true},
	{"円", "JPY", false, true}, {"元", "CNY", false, true}, {"원", "KRW", false, true}, {"RM", "MYR", true, false}, {"Rp", "IDR", true, false},
}

// marksByLast and marksByFirst index currencyMarks by the last and first
// byte of the mark, so finding a mark next to a figure tries only a few.
var marksByLast, marksByFirst = func() (last, first [256][]currencyMark) {
	for _, m := range currencyMarks {
		if m.before {
			last[m.mark[len(m.mark)-1]] = append(last[m.mark[len(m.mark)-1]], m)
		}
		if m.after {
			first[m.mark[0]] = append(first[m.mark[0]], m)
		}
	}
	return last, first
}()

// currencyWords are currencies written out after a figure, lower case,
// by first letter.
var currencyWords = byFirstByte([]currencyMark{
	{"euros", "EUR", false, true}, {"euro", "EUR", false, true}, {"dollars", "", false, true},
	{"pounds", "GBP", false, true}, {"rupees", "INR", false, true}, {"yen", "JPY", false, true},
	{"yuan", "CNY", false, true}, {"rmb", "CNY", false, true}, {"francs", "CHF", false, true},
	{"złotych", "PLN", false, true}, {"zloty", "PLN", false, true}, {"kronor", "SEK", false, true},
	{"kroner", "", false, true}, {"reais", "BRL", false, true},
}, func(m currencyMark) string { return m.mark })

// isoNeedsCountry holds ISO 4217 codes that are also ordinary upper-case
// words ("ALL", "TOP") or names of other things ("PHP 8"); they read as a
// currency only in the country that uses them.
var isoNeedsCountry = map[string]string{
	"ALL": "AL", "TOP": "TO", "CUP": "CU", "MAD": "MA", "TRY": "TR", "BOB": "BO", "SOS": "SO",
	"GEL": "GE", "LAK": "LA", "MOP": "MO", "PHP": "PH", "BAM": "BA", "AMD": "AM", "ANG": "CW",
}

// markBefore finds a currency mark ending at byte e (a figure follows it,
// perhaps after a space) and returns its code, the mark and where it
// starts; start is -1 when there is none.
func (pc *payContext) markBefore(e int) (code, symbol string, start int) {
	text := pc.text
	if e == 0 {
		return "", "", -1
	}
	if c := text[e-1]; c < utf8.RuneSelf && !isASCIILetter(c) && c != '$' && c != '.' {
		return "", "", -1
	}
	head := text[:e]
	for _, m := range marksByLast[text[e-1]] {
		if !strings.HasSuffix(head, m.mark) {
			continue
		}
		s := e - len(m.mark)
		if isASCIILetter(m.mark[0]) && isLatinLetterAt(text, s-1) {
			continue // "Hrs", "Mark 5"
		}
		if m.code == "" {
			// A code before a shared mark settles it: "CAD $130,600", "usd $239,600".
			if b := skipSpaceBack(text, s); b >= 3 && !isLatinLetterAt(text, b-4) {
				if code, ok := pc.isoCodeFolded(text[b-3 : b]); ok {
					return code, text[b-3 : b], b - 3
				}
			}
		}
		return m.code, m.mark, s
	}
	if pc.country == "ZA" && strings.HasSuffix(head, "R") && !isLatinLetterAt(text, e-2) {
		return "ZAR", "R", e - 1
	}
	if e >= 3 && isASCIILetter(text[e-1]) && !isLatinLetterAt(text, e-4) {
		if code, ok := pc.isoCodeFolded(text[e-3 : e]); ok {
			return code, text[e-3 : e], e - 3
		}
	}
	return "", "", -1
}

// markAfter finds a currency mark starting at pos, after a figure: a
// symbol, an ISO code (also in parentheses: "(USD)") or a currency word.
func (pc *payContext) markAfter(pos int) (code, symbol string, n int) {
	rest := pc.text[pos:]
	if rest == "" {
		return "", "", 0
	}
	for _, m := range marksByFirst[rest[0]] {
		if strings.HasPrefix(rest, m.mark) {
			if isASCIILetter(m.mark[0]) && isLatinLetterAt(rest, len(m.mark)) && m.mark[len(m.mark)-1] != '.' {
				continue
			}
			return m.code, m.mark, len(m.mark)
		}
	}
	if len(rest) >= 3 && isASCIILetter(rest[0]) && !isLatinLetterAt(rest, 3) {
		if code, ok := pc.isoCodeFolded(rest[:3]); ok {
			return code, rest[:3], 3
		}
	}
	if len(rest) >= 5 && rest[0] == '(' && rest[4] == ')' && pc.isoCode(rest[1:4]) {
		return rest[1:4], rest[1:4], 5
	}
	for _, w := range currencyWords[lowerASCII(rest[0])] {
		if len(rest) >= len(w.mark) && strings.EqualFold(rest[:len(w.mark)], w.mark) && !isLatinLetterAt(rest, len(w.mark)) {
			return w.code, w.mark, len(w.mark)
		}
	}
	return "", "", 0
}

// isoCode reports whether s is an upper-case ISO 4217 code that reads as a
// currency in this posting. Codes for gold, SDRs and testing (X..) never do.
func (pc *payContext) isoCode(s string) bool {
	if len(s) != 3 || s[0] == 'X' {
		return false
	}
	for i := range 3 {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	if cc, ok := isoNeedsCountry[s]; ok && cc != pc.country {
		return false
	}
	return knownCurrency(s)
}

// foldedCodes are the ISO 4217 codes postings also write in lower or
// title case ("usd", "Eur", "Php"): common enough in pay, rare as words.
var foldedCodes = map[string]bool{"usd": true, "eur": true, "gbp": true, "cad": true, "aud": true, "chf": true,
	"inr": true, "sek": true, "nok": true, "dkk": true, "pln": true, "jpy": true, "sgd": true, "nzd": true,
	"php": true, "mxn": true, "brl": true, "zar": true, "czk": true, "huf": true, "ron": true}

// isoCodeFolded is isoCode that also reads the foldedCodes in lower case
// or title case; code is the code in upper case.
func (pc *payContext) isoCodeFolded(s string) (code string, ok bool) {
	if pc.isoCode(s) {
		return s, true
	}
	if len(s) != 3 || !isASCIILetter(s[0]) || !isASCIILetter(s[1]) || !isASCIILetter(s[2]) ||
		s[1] < 'a' || s[2] < 'a' || !foldedCodes[strings.ToLower(s)] {
		return "", false
	}
	code = strings.ToUpper(s)
	return code, pc.isoCode(code)
}

// markCurrency resolves a mark shared by several currencies from the
// posting's country; the bool says the choice was a guess.
func markCurrency(symbol, country string) (string, bool) {
	local := currencyOf(country)
	switch strings.ToLower(symbol) {
	case "$", "dollars":
		switch local {
		case "USD", "CAD", "AUD", "NZD", "SGD", "MXN", "HKD", "TWD", "ARS", "CLP", "COP", "UYU":
			return local, false
		}
		return "USD", country == ""
	case "¥", "￥":
		if local == "CNY" {
			return "CNY", false
		}
		return "JPY", false
	case "kr", "kr.", "kroner":
		switch local {
		case "SEK", "NOK", "DKK", "ISK":
			return local, false
		}
		return "SEK", true
	}
	return "", true
}
