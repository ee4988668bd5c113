package transform

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobmarket/jobmarket/data"
)

// maxFigure bounds figures read as money: above it a number is an ID, a
// phone number or noise, and the arithmetic on it would overflow.
const maxFigure = 1e15

// amount is one figure found in pay text, with what is written around it:
// a currency mark before or after, a scale ("k", "lakh", "万") and a period
// ("/yr", "per annum") attached to it.
type amount struct {
	start, end int     // byte span of the whole figure with its marks
	digits     string  // the number as plain decimal digits, "1266.18"
	exp        int     // power of ten of the scale word: 3 for k, 5 for lakh
	value      float64 // digits × 10^exp
	currency   string  // ISO code, "" when the figure names none or an ambiguous mark
	symbol     string  // the currency mark as written ("$", "kr", "EUR"), "" if none
	period     data.Period
	plus       bool // a "+" follows the figure
	plusFloor  bool // ... and makes the figure a floor: "$120k+", "$140,000+ depending on experience", not "$110k + bonus"
	year       bool // four plain digits 1900-2099: a calendar year when bare
}

// moneyish reports whether the figure reads as money on its own: it
// carries a currency, a scale or a period.
func (a amount) moneyish() bool { return a.symbol != "" || a.exp > 0 || a.period != "" }

// scale sets the figure's power of ten and recomputes its value exactly
// from its digits, so 211.4K is 211400, not 211399.99999999997.
func (a *amount) scale(exp int) {
	a.exp = exp
	a.value = decimalValue(a.digits, exp)
}

// decimalValue is digits × 10^exp, rounded once: the decimal point is
// moved in the text before the number is read.
func decimalValue(digits string, exp int) float64 {
	if exp == 0 {
		v, _ := strconv.ParseFloat(digits, 64)
		return v
	}
	var buf [64]byte
	b := append(buf[:0], digits...)
	b = append(b, 'e')
	b = strconv.AppendInt(b, int64(exp), 10)
	v, _ := strconv.ParseFloat(string(b), 64)
	return v
}

// scanAmounts finds every figure in the text that could be money and drops
// those that cannot be: percentages, 401(k), "10pm", "64GB", figures
// followed by a count noun ("12 engineers", "$5 million in funding").
// Whether a remaining figure is pay is decided by the candidate rules.
func (pc *payContext) scanAmounts() []amount {
	text := pc.text
	out := pc.amounts[:0]
	defer func() { pc.amounts = out[:0] }()
	floor := 0 // where the last figure ended: marks before a figure start here or later
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) {
			continue
		}
		a, ok := pc.amountAt(i, floor)
		if !ok {
			for i+1 < len(text) && isDigit(text[i+1]) {
				i++
			}
			continue
		}
		floor, i = a.end, a.end-1
		if notPay, context := notPayAfter(text, a); notPay {
			if context != "" && a.symbol != "" {
				pc.refuse(candidate{lo: a, hi: a, single: true}, context, contextReasons[context]+" (the word after it)")
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

// amountAt reads the figure whose digits start at d, with the currency
// mark, scale, mark and period around it.
func (pc *payContext) amountAt(d, floor int) (amount, bool) {
	text := pc.text
	a := amount{start: d}
	if e := skipSpaceBack(text, d); e > floor {
		if code, sym, s := pc.markBefore(e); s >= floor {
			a.start, a.currency, a.symbol = s, code, sym
		}
	}
	if a.symbol == "" && d > 0 {
		switch prev := text[d-1]; {
		case isLatinLetterAt(text, d-1):
			return amount{}, false // inside a word or code: "IR35", "W2"
		case (prev == '.' || prev == ',' || prev == '\'') && d > 1 && isDigit(text[d-2]):
			return amount{}, false // the tail of a number that did not parse
		case prev == '.':
			return amount{}, false // ".5"
		case prev == '-' && d-2 >= floor && isLatinLetterAt(text, d-2):
			return amount{}, false // "COVID-19", "ISO-9001", but not "120k-150k"
		}
	}
	pos := d
	numEnd := numberEnd(text, pos)
	digits, ok := parseNumber(text[pos:numEnd])
	if !ok {
		return amount{}, false
	}
	a.digits = digits
	a.year = numEnd-pos == 4 && (text[pos:pos+2] == "19" || text[pos:pos+2] == "20")
	pos = numEnd
	if exp, period, n := pc.scaleAt(pos, a.symbol != ""); n > 0 {
		a.exp, a.year, a.period = exp, false, period
		pos += n
	}
	a.scale(a.exp)
	if math.IsInf(a.value, 0) || a.value > maxFigure {
		return amount{}, false // no pay is that large; reading it would only overflow
	}
	switch rest := text[pos:]; {
	case strings.HasPrefix(rest, ".–"): // Swiss "8'000.–": no cents
		pos += len(".–")
	case strings.HasPrefix(rest, ".-") && (len(rest) == 2 || !isDigit(rest[2])):
		pos += len(".-")
	}
	// A mark after the figure names its currency, or settles an ambiguous
	// mark before it ("$144,000 USD"); a repeated mark is read over.
	if code, sym, n := pc.markAfter(skipSpace(text, pos)); n > 0 {
		switch {
		case a.symbol == "":
			a.currency, a.symbol = code, sym
		case a.currency == "" && code != "":
			a.currency = code
		case code == "" && a.currency != "":
			// "SEK 655 000 kr": a shared mark repeats the code
		case code != a.currency && sym != a.symbol:
			n = 0 // "$100 EUR": leave the second mark alone
		}
		if n > 0 {
			pos = skipSpace(text, pos) + n
		}
	}
	// A letter right after the figure makes it part of a word or a unit
	// ("10pm", "64GB", "5th"), unless it is a compact period ("$73,796pa").
	if pos < len(text) && isLatinLetterAt(text, pos) {
		p, n := compactPeriodAt(text, pos)
		if n == 0 || a.symbol == "" {
			return amount{}, false
		}
		a.period, pos = p, pos+n
	}
	if p := skipSpace(text, pos); p < len(text) && text[p] == '+' {
		q := skipSpace(text, p+1)
		a.plus = true
		a.plusFloor = pc.plusIsFloor(pos, p, q)
		pos = p + 1
	}
	if a.period == "" {
		if p, n := periodAt(text, pos); n > 0 {
			a.period, pos = p, pos+n
			a.plusFloor = a.plus
		}
	}
	a.end = pos
	return a, true
}

// plusIsFloor reports whether a "+" at plus, after a figure ending at
// figEnd, makes it a floor; next is where the text after the "+" resumes.
// Nothing but punctuation after it does ("$120k+."), and so does a "+"
// glued to the figure before a word that adds nothing to it ("$140,000+
// depending on experience"); another figure or an added thing does not
// ("$110k + $110k variable", "$110k+ bonus").
func (pc *payContext) plusIsFloor(figEnd, plus, next int) bool {
	text := pc.text
	if next == len(text) {
		return true
	}
	if _, _, n := pc.markAfter(next); n > 0 || isDigit(text[next]) {
		return false
	}
	if !isWordByte(text, next) {
		return true
	}
	if plus != figEnd || next == plus+1 {
		return false
	}
	e := next
	for e < len(text) && isASCIILetter(text[e]) {
		e++
	}
	c, _ := cueOf([]string{strings.ToLower(text[next:e])}, 0)
	return c.kind == cueNone && !joinWords[strings.ToLower(text[next:e])]
}

// skipSpaceBack returns where the run of spaces ending at pos starts.
func skipSpaceBack(s string, pos int) int {
	for pos > 0 {
		switch {
		case s[pos-1] == ' ' || s[pos-1] == '\t':
			pos--
		case strings.HasSuffix(s[:pos], "\u00a0"):
			pos -= len("\u00a0")
		case strings.HasSuffix(s[:pos], "\u202f"):
			pos -= len("\u202f")
		default:
			return pos
		}
	}
	return pos
}

// numberEnd returns where a number starting at pos ends. Separators (, . '
// ’ and a single space or no-break space before a group of three digits)
// are taken only between digits, so "2012." or "12 engineers" end at the
// last digit.
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
		case text[end] == ' ' || strings.HasPrefix(text[end:], "\u00a0") || strings.HasPrefix(text[end:], "\u202f"):
			// A space groups digits only before exactly three of them.
			_, sep = utf8.DecodeRuneInString(text[end:])
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
// grouping), "120'000", "20 000", "46.75" and "55.000,00" as plain decimal
// digits. The last separator is a decimal point when one or two digits
// follow it; every other separator groups digits and must be followed by
// three digits (two inside Indian grouping).
func parseNumber(s string) (string, bool) {
	if allDigits(s) {
		return s, true // the usual case, without copying
	}
	const maxGroups = 12
	var starts, ends [maxGroups]int
	var seps [maxGroups]byte // first byte of the separator before group i
	n := 0
	for i := 0; i < len(s); {
		if n == maxGroups {
			return "", false
		}
		starts[n] = i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		ends[n] = i
		n++
		if i < len(s) {
			_, size := utf8.DecodeRuneInString(s[i:])
			seps[n] = s[i]
			i += size
		}
	}
	decimals := -1
	if last := n - 1; n > 1 && ends[last]-starts[last] <= 2 && (seps[last] == '.' || seps[last] == ',') {
		decimals, n = last, last
	}
	if n > 1 && ends[0]-starts[0] > 3 {
		return "", false
	}
	for g := 1; g < n; g++ {
		if l := ends[g] - starts[g]; l != 3 && !(l == 2 && g < n-1) {
			return "", false
		}
	}
	if n == 1 && decimals == 1 && seps[1] == '.' {
		return s, true // "46.75" is plain already
	}
	var buf [48]byte
	out := buf[:0]
	for g := range n {
		out = append(out, s[starts[g]:ends[g]]...)
	}
	if decimals >= 0 {
		out = append(out, '.')
		out = append(out, s[starts[decimals]:ends[decimals]]...)
	}
	return string(out), true
}

// scaleAt reads a scale word after a figure: "k" and "K" (also in "K€"),
// "thousand", "million", "billion", lakh and crore words, "万" (10,000)
// and "千". "LPA" is lakhs per annum and also gives the period. A bare "L"
// is a lakh only in a posting that uses Indian numbering. "M" and "m"
// count as million, "B" and "b" as billion, only after a currency mark
// ("$1.2M", "$8B"), since "5m" is often metres or minutes.
func (pc *payContext) scaleAt(pos int, hasMark bool) (exp int, period data.Period, n int) {
	text := pc.text
	p := skipSpace(text, pos)
	spaced := p > pos
	rest := text[p:]
	word := func(w string) bool {
		return len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) && !isLatinLetterAt(rest, len(w))
	}
	switch {
	case rest == "":
		return 0, "", 0
	case (rest[0] == 'k' || rest[0] == 'K') && !isLatinLetterAt(rest, 1):
		return 3, "", p - pos + 1
	case hasMark && !spaced && (rest[0] == 'M' || rest[0] == 'm') && !isLatinLetterAt(rest, 1):
		return 6, "", p - pos + 1
	case hasMark && !spaced && (rest[0] == 'B' || rest[0] == 'b') && !isLatinLetterAt(rest, 1):
		return 9, "", p - pos + 1
	case strings.HasPrefix(rest, "万"):
		return 4, "", p - pos + len("万")
	case strings.HasPrefix(rest, "千"):
		return 3, "", p - pos + len("千")
	}
	for _, w := range scaleWordsByFirst[lowerASCII(rest[0])] {
		if word(w.word) {
			return w.exp, w.period, p - pos + len(w.word)
		}
	}
	if pc.lakh && !spaced && rest[0] == 'L' && !isLatinLetterAt(rest, 1) {
		return 5, "", 1
	}
	return 0, "", 0
}

// scaleWord is a written-out scale, lower case, and the period it may
// also name.
type scaleWord struct {
	word   string
	exp    int
	period data.Period
}

// scaleWordsByFirst indexes the written-out scales by their first letter,
// longer forms first.
var scaleWordsByFirst = byFirstByte([]scaleWord{
	{"thousand", 3, ""}, {"billions", 9, ""}, {"billion", 9, ""}, {"bn", 9, ""}, {"millions", 6, ""}, {"million", 6, ""}, {"mio", 6, ""}, {"mln", 6, ""}, {"mn", 6, ""},
	{"lakhs", 5, ""}, {"lakh", 5, ""}, {"lacs", 5, ""}, {"lac", 5, ""}, {"lpa", 5, data.PeriodYear},
	{"crores", 7, ""}, {"crore", 7, ""}, {"cr", 7, ""},
}, func(w scaleWord) string { return w.word })

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// lowerASCII lower-cases an ASCII letter and leaves any other byte alone.
func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// byFirstByte indexes lower-case words that start with an ASCII letter by
// that letter, in their order, so that a text is compared only with the
// words that start with its next letter: lists[lowerASCII(text[i])].
// Figures are many in a description, and each is looked at for scales,
// currencies and periods. The index finds every match that comparing with
// the whole list by strings.EqualFold or hasFoldPrefix finds: the only
// other runes that fold to ASCII letters, the Kelvin sign and the long s,
// are longer than one byte, so a text that starts with one never matches
// within the word's length.
func byFirstByte[T any](items []T, word func(T) string) *[256][]T {
	var lists [256][]T
	for _, it := range items {
		first := word(it)[0]
		lists[first] = append(lists[first], it)
	}
	return &lists
}

// isLatinLetterAt reports whether a Latin letter starts at byte pos of s.
// Other scripts do not glue to figures: "月給25万円" reads 25万.
func isLatinLetterAt(s string, pos int) bool {
	if pos < 0 || pos >= len(s) {
		return false
	}
	if c := s[pos]; c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	for pos > 0 && !utf8.RuneStart(s[pos]) {
		pos--
	}
	r, _ := utf8.DecodeRuneInString(s[pos:])
	return unicode.Is(unicode.Latin, r)
}

// skipSpace skips spaces, tabs and no-break spaces.
func skipSpace(s string, pos int) int {
	for pos < len(s) {
		switch {
		case s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n':
			pos++
		case strings.HasPrefix(s[pos:], "\u00a0"):
			pos += len("\u00a0")
		case strings.HasPrefix(s[pos:], "\u202f"):
			pos += len("\u202f")
		default:
			return pos
		}
	}
	return pos
}

// isWordByte: a letter or digit starts at byte i.
func isWordByte(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIILetter(c) || isDigit(c)
	}
	return isLatinLetterAt(s, i)
}
