package transform

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// amount is one figure found in pay text, with what stood around it.
type amount struct {
	start, end int // byte offsets of the whole token in the text
	value      float64
	thousands  bool   // written with a "k" suffix
	currency   string // ISO code, "" when the token names none
	symbol     string // the currency mark as written, for guesses that depend on country
}

// currencyMarks maps marks written before or after a figure to a currency.
// "$", "¥" and "kr" are resolved by the posting's country.
var currencyMarks = []struct{ mark, code string }{
	{"CA$", "CAD"}, {"C$", "CAD"}, {"AU$", "AUD"}, {"A$", "AUD"}, {"NZ$", "NZD"}, {"US$", "USD"},
	{"HK$", "HKD"}, {"S$", "SGD"}, {"R$", "BRL"}, {"$", ""}, {"£", "GBP"}, {"€", "EUR"}, {"¥", ""},
	{"₹", "INR"}, {"₪", "ILS"}, {"₩", "KRW"}, {"zł", "PLN"}, {"kr", ""}, {"Rs.", "INR"}, {"Rs", "INR"},
}

// scanAmounts finds every figure in text that could be money: digits with
// optional grouping, decimals, a "k" suffix, and a currency mark or ISO code
// before or after. Whether a figure is pay is decided later.
func scanAmounts(text string) []amount {
	var out []amount
	for i := 0; i < len(text); {
		a, ok := amountAt(text, i)
		if !ok {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		out = append(out, a)
		i = a.end
	}
	return out
}

func amountAt(text string, i int) (amount, bool) {
	a := amount{start: i}
	pos := i
	if code, sym, n := currencyAt(text, pos, true); n > 0 {
		a.currency, a.symbol = code, sym
		pos = skipSpace(text, pos+n)
	}
	if pos >= len(text) || !isDigit(text[pos]) {
		return amount{}, false
	}
	if a.symbol == "" && pos > 0 && (isDigit(text[pos-1]) || isLetter(text, pos-1)) {
		return amount{}, false // inside a word or another number
	}
	numEnd := numberEnd(text, pos)
	v, ok := parseNumber(text[pos:numEnd])
	if !ok {
		return amount{}, false
	}
	a.value, pos = v, numEnd
	if p := skipSpace(text, pos); p < len(text) && (text[p] == 'k' || text[p] == 'K') && !isLetter(text, p+1) {
		a.thousands, a.value, pos = true, a.value*1000, p+1
	}
	if a.symbol == "" {
		if code, sym, n := currencyAt(text, skipSpace(text, pos), false); n > 0 {
			a.currency, a.symbol = code, sym
			pos = skipSpace(text, pos) + n
		}
	}
	a.end = pos
	return a, true
}

// currencyAt matches a currency mark or an upper-case ISO 4217 code at pos.
// Codes must stand alone as a word; before a figure, letter marks ("kr",
// "Rs") are only taken when followed by a space or digit.
func currencyAt(text string, pos int, before bool) (code, symbol string, n int) {
	rest := text[pos:]
	for _, m := range currencyMarks {
		if strings.HasPrefix(rest, m.mark) {
			if isLetter(text, pos-1) || (isLetter(rest, 0) && isLetter(text, pos+len(m.mark))) {
				continue
			}
			return m.code, m.mark, len(m.mark)
		}
	}
	if len(rest) >= 3 && !isLetter(text, pos-1) && !isLetter(text, pos+3) {
		if c := rest[:3]; strings.ToUpper(c) == c && knownCurrency(c) {
			return c, c, 3
		}
	}
	return "", "", 0
}

// numberEnd returns where a number starting at pos ends. Separators (, . '
// ’ and a single space before a group of three digits) are taken only
// between digits, so "2012." or "12 engineers" end at the last digit.
func numberEnd(text string, pos int) int {
	end := pos
	for end < len(text) && isDigit(text[end]) {
		end++
	}
	for end < len(text) {
		sep := 1
		switch {
		case text[end] == ',' || text[end] == '.' || text[end] == '\'':
		case strings.HasPrefix(text[end:], "’"):
			sep = len("’")
		case text[end] == ' ' || strings.HasPrefix(text[end:], "\u00a0"):
			if text[end] != ' ' {
				sep = len("\u00a0")
			}
			if !groupOfThree(text, end+sep) {
				return end
			}
		default:
			return end
		}
		next := end + sep
		if next >= len(text) || !isDigit(text[next]) {
			return end
		}
		end = next
		for end < len(text) && isDigit(text[end]) {
			end++
		}
	}
	return end
}

func groupOfThree(text string, pos int) bool {
	return pos+3 <= len(text) && isDigit(text[pos]) && isDigit(text[pos+1]) && isDigit(text[pos+2]) &&
		(pos+3 == len(text) || !isDigit(text[pos+3]))
}

// parseNumber reads "120,000", "60.000", "1,266.18", "12,00,000" (Indian
// grouping), "120'000", "20 000", "46.75". The last separator is a
// decimal point when one or two digits follow it; every other separator
// groups digits and must be followed by two or three digits.
func parseNumber(s string) (float64, bool) {
	var groups []string
	var seps []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			groups = append(groups, s[start:i])
			seps = append(seps, string(r))
			start = i + size
		}
		i += size
	}
	groups = append(groups, s[start:])
	decimals := ""
	if n := len(groups); n > 1 && len(groups[n-1]) <= 2 && (seps[n-2] == "." || seps[n-2] == ",") {
		decimals = groups[n-1]
		groups = groups[:n-1]
	}
	if len(groups) > 1 && len(groups[0]) > 3 {
		return 0, false
	}
	for i, g := range groups[1:] {
		if len(g) != 3 && !(len(g) == 2 && i < len(groups)-2) {
			return 0, false
		}
	}
	num := strings.Join(groups, "")
	if decimals != "" {
		num += "." + decimals
	}
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isLetter reports whether a letter starts at byte pos of s.
func isLetter(s string, pos int) bool {
	if pos < 0 || pos >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[pos:])
	if r == utf8.RuneError && pos > 0 {
		r, _ = utf8.DecodeLastRuneInString(s[:pos+1])
	}
	return unicode.IsLetter(r)
}

func skipSpace(s string, pos int) int {
	for pos < len(s) {
		if s[pos] == ' ' || s[pos] == '\t' {
			pos++
		} else if strings.HasPrefix(s[pos:], "\u00a0") {
			pos += len("\u00a0")
		} else {
			break
		}
	}
	return pos
}
