package transform

import (
	"strings"
	"unicode/utf8"
)

// candidate is a figure, or a range of two, that reads as pay.
type candidate struct {
	lo, hi   amount
	single   bool
	repaired bool // the low bound was rescaled to fit the high one
}

// candidates appends to dst the figures and ranges that may be pay, in
// order. A range reads as pay when either end carries a currency, scale or
// period, or when both ends are bare figures of 1,000 or more that are not
// years ("84000 - 99,601.85"); a single figure only when it carries one of
// them. Which of them is the role's pay is for choose to say.
func (pc *payContext) candidates(dst []candidate) []candidate {
	amounts := pc.scanAmounts()
	for i := 0; i < len(amounts); i++ {
		a := amounts[i]
		if i+1 < len(amounts) && isRangeSep(pc.text[a.end:amounts[i+1].start]) {
			b := amounts[i+1]
			if a.moneyish() || b.moneyish() || a.value >= 1000 && b.value >= 1000 && !a.year && !b.year {
				dst = append(dst, makeRange(a, b))
				i++
				continue
			}
		}
		if a.moneyish() {
			dst = append(dst, candidate{lo: a, hi: a, single: true})
		}
	}
	return dst
}

// makeRange joins two figures into a range: a scale written on the high
// end only applies to both ("$170-180k", "12-16 Lacs"), and a low end a
// thousand times too small is rescaled ("$140 - $160000").
func makeRange(a, b amount) candidate {
	c := candidate{lo: a, hi: b}
	if b.exp > 0 && a.exp == 0 && decimalValue(a.digits, 0) <= decimalValue(b.digits, 0) {
		c.lo.scale(b.exp)
	}
	if lo, hi := c.lo.value, c.hi.value; lo < 1000 && hi >= 10_000 && lo*1000 <= hi && lo*10_000 >= hi {
		c.lo.scale(c.lo.exp + 3)
		c.repaired = true
	}
	return c
}

// rangeSeps are what may stand between the two figures of a range, lower
// case, in the languages of periodPhrases.
var rangeSeps = map[string]bool{
	"-": true, "–": true, "—": true, "−": true, "~": true, "～": true, "〜": true, "_": true, "to": true,
	"and": true, "through": true, "thru": true, "till": true, "up to": true, "or more up to": true,
	"à": true, "a": true, "bis": true, "tot": true, "até": true, "ate": true, "do": true, "y": true, "e": true,
	"et": true, "und": true, "en": true, "och": true, "og": true,
}

// isRangeSep reports whether the text between two figures joins them into
// a range.
func isRangeSep(between string) bool {
	if len(between) > 2*len("or more up to") {
		return false
	}
	if isASCII(between) {
		return isASCIIRangeSep(between)
	}
	return isUnicodeRangeSep(between)
}

// isUnicodeRangeSep is isRangeSep on any text.
func isUnicodeRangeSep(between string) bool {
	s := strings.TrimSpace(strings.ReplaceAll(between, "\u00a0", " "))
	if s == "" || len(s) > len("or more up to") {
		return false
	}
	return rangeSeps[strings.ToLower(strings.Join(strings.Fields(s), " "))]
}

// isASCIIRangeSep is isRangeSep on ASCII text, without allocating: it
// is asked between every two figures of a description.
func isASCIIRangeSep(between string) bool {
	start, end := 0, len(between)
	for start < end && isASCIISpace(between[start]) {
		start++
	}
	for end > start && isASCIISpace(between[end-1]) {
		end--
	}
	s := between[start:end]
	if s == "" || len(s) > len("or more up to") {
		return false
	}
	// Lower case, each run of spaces one space, as in rangeSeps.
	var buf [len("or more up to")]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case !isASCIISpace(c):
			b = append(b, lowerASCII(c))
		case b[len(b)-1] != ' ':
			b = append(b, ' ')
		}
	}
	return rangeSeps[string(b)]
}

// isASCIISpace is unicode.IsSpace for an ASCII byte.
func isASCIISpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Words that make a single figure a ceiling or a floor.
var (
	ceilingBefore = []string{"up to", "upto", "not more than", "no more than", "maximum", "max.", "max", "under",
		"below", "bis zu", "jusqu'à", "hasta", "até"}
	floorBefore = []string{"starting at", "starting from", "starts at", "from", "minimum", "min.", "min", "at least",
		"more than", "over", "upwards of", "in excess of", "à partir de", "a partir de", "desde", "ab"}
	ceilingAfter = []string{"or less", "or below", "at most", "maximum", "max"}
	floorAfter   = []string{"or more", "or above", "and above", "and up", "minimum", "min", "upwards"}
)

// ceiling reports whether a single figure is only a maximum: "Up to
// $180,000", "$60,000 or less".
func (pc *payContext) ceiling(a amount) bool {
	return pc.wordBefore(a.start, ceilingBefore) || pc.wordAfter(a.end, ceilingAfter)
}

// floor reports whether a single figure is only a minimum: "From €50k",
// "$120,000+", "1800+ Weekly", "$90k or more".
func (pc *payContext) floor(a amount) bool {
	return a.plusFloor || pc.wordBefore(a.start, floorBefore) || pc.wordAfter(a.end, floorAfter)
}

// wordBefore reports whether one of words ends just before pos, after
// spaces, a colon or an opening parenthesis.
func (pc *payContext) wordBefore(pos int, words []string) bool {
	text := pc.text
	end := pos
	for end > 0 && strings.IndexByte(" \t:(", text[end-1]) >= 0 {
		end--
	}
	for _, w := range words {
		start := end - len(w)
		if start >= 0 && hasFoldPrefix(text[start:end], w) && !isLatinLetterAt(text, start-1) {
			return true
		}
	}
	return false
}

// wordAfter reports whether one of words follows pos as a whole word.
func (pc *payContext) wordAfter(pos int, words []string) bool {
	text := pc.text
	p := skipSpace(text, pos)
	for _, w := range words {
		if hasFoldPrefix(text[p:], w) && !isLatinLetterAt(text, p+len(w)) {
			return true
		}
	}
	return false
}
