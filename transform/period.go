package transform

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobmarket/jobmarket/data"
)

// periodPhrase is a way of naming a pay period right after a figure.
type periodPhrase struct {
	text   string // lower case
	period data.Period
}

// periodPhrases are the words postings put after a figure for its period,
// in English and the languages of the larger job markets. Within a period
// longer phrases come first; "pm" is missing on purpose ("10pm").
var periodPhrases = compilePhrases(map[data.Period][]string{
	data.PeriodHour: {"per hour", "per hr", "an hour", "a hour", "an hr", "/ hour", "/hour", "/ hr", "/hr", "/h",
		"p/hr", "p/h", "p.h.", "ph", "hourly", "pro stunde", "/stunde", "/std.", "/std", "die stunde", "par heure",
		"de l'heure", "/heure", "por hora", "/hora", "la hora", "all'ora", "/ora", "per uur", "/uur", "per timme",
		"/tim", "i timmen", "/godz.", "/godz", "za godzinę", "時給", "/時", "时薪", "每小时", "시급"},
	data.PeriodDay: {"per day", "a day", "/ day", "/day", "/d", "p/d", "p.d.", "pd", "daily", "per diem", "day rate",
		"pro tag", "/tag", "am tag", "par jour", "/jour", "por día", "por dia", "/día", "/dia", "al día", "al giorno",
		"per dag", "/dag", "dziennie", "日給", "/日", "日薪"},
	data.PeriodWeek: {"per week", "a week", "/ week", "/week", "/wk", "p/w", "p.w.", "pw", "weekly", "pro woche",
		"/woche", "par semaine", "/semaine", "por semana", "/semana", "a la semana", "per vecka", "/vecka", "i veckan",
		"tygodniowo", "週給", "周薪"},
	data.PeriodMonth: {"per calendar month", "per month", "a month", "/ month", "/month", "/mo.", "/mo", "/mth", "/m",
		"p/m", "pcm", "monthly", "per mensem", "pro monat", "/monat", "im monat", "monatlich", "mtl.", "par mois", "/mois",
		"mensuelle", "mensuels", "mensuel", "por mês", "/mês", "por mes", "/mes", "al mes", "ao mês", "mensuales",
		"mensual", "mensais", "mensal", "al mese", "mensili", "per maand", "/maand", "/mnd", "per månad", "i månaden",
		"/mån", "per måned", "pr. måned", "om måneden", "/md.", "miesięcznie", "/mies.", "/mies", "mies.", "/mc",
		"月薪", "月給", "/月", "/kk", "월급"},
	data.PeriodYear: {"per annum", "per anum", "per year", "per yr", "a year", "a yr", "/ year", "/year", "/ yr", "/yr",
		"/y", "p/a", "p.a.", "p. a.", "p.a", "pa", "annually", "annual", "yearly", "pro jahr", "/jahr", "im jahr",
		"jährlich", "par année", "par an", "/an", "annuelle", "annuels", "annuel", "por año", "/año", "al año", "anuales",
		"anual", "por ano", "/ano", "ao ano", "anuais", "all'anno", "annui", "per jaar", "/jaar", "per år", "/år",
		"om året", "pr. år", "i året", "rocznie", "/rok", "年薪", "年収", "年俸", "/年", "/vuosi", "연봉"},
})

// compilePhrases indexes phrases by their first byte, longest first, so a
// lookup tries only the few phrases that can match.
func compilePhrases(m map[data.Period][]string) *[256][]periodPhrase {
	var idx [256][]periodPhrase
	for _, p := range []data.Period{data.PeriodHour, data.PeriodDay, data.PeriodWeek, data.PeriodMonth, data.PeriodYear} {
		for _, s := range m[p] {
			idx[s[0]] = append(idx[s[0]], periodPhrase{s, p})
		}
	}
	for i := range idx {
		l := idx[i]
		// Stable insertion sort by length, longest first; lists are short.
		for j := 1; j < len(l); j++ {
			for k := j; k > 0 && len(l[k].text) > len(l[k-1].text); k-- {
				l[k], l[k-1] = l[k-1], l[k]
			}
		}
	}
	return &idx
}

// payFillers are words that may stand between a figure and its period:
// "€50k brutto/Jahr", "$75,661 pro-rata p.a.", "80,000 (gross) per year";
// by first letter, longer forms first.
var payFillers = byFirstByte([]string{"gross", "brutto", "brutos", "bruto", "bruts", "brut", "lordi", "lordo", "netto",
	"net", "base", "basic", "pro-rata", "pro rata", "before tax", "fixed", "salary", "ctc"}, func(s string) string { return s })

// periodAt reads a period named at pos, right after a figure: spaces,
// "+", "(" and filler words may come first. n is how many bytes the period
// and what came before it take; 0 when there is none.
func periodAt(text string, pos int) (data.Period, int) {
	p := pos
	for range 4 {
		p = skipSpace(text, p)
		if p < len(text) && (text[p] == '(' || text[p] == '+' || text[p] == ',') {
			p++
			continue
		}
		if f := fillerAt(text, p); f > 0 {
			p += f
			continue
		}
		break
	}
	if per, n := phraseAt(text, p); n > 0 {
		end := p + n
		if end < len(text) && text[end] == ')' {
			end++
		}
		return per, end - pos
	}
	return "", 0
}

// compactPeriodAt reads a period glued to a figure: "$73,796pa", "$40ph".
func compactPeriodAt(text string, pos int) (data.Period, int) {
	per, n := phraseAt(text, pos)
	if n == 0 || text[pos] == '/' {
		return "", 0
	}
	return per, n
}

func fillerAt(text string, pos int) int {
	if pos >= len(text) {
		return 0
	}
	for _, f := range payFillers[lowerASCII(text[pos])] {
		if hasFoldPrefix(text[pos:], f) && !isLatinLetterAt(text, pos+len(f)) {
			return len(f)
		}
	}
	return 0
}

// phraseAt matches a period phrase at pos that ends at a word boundary.
func phraseAt(text string, pos int) (data.Period, int) {
	if pos >= len(text) {
		return "", 0
	}
	first := text[pos]
	if 'A' <= first && first <= 'Z' {
		first += 'a' - 'A'
	}
	for _, ph := range periodPhrases[first] {
		if hasFoldPrefix(text[pos:], ph.text) {
			end := pos + len(ph.text)
			last := ph.text[len(ph.text)-1]
			if isLatinLetterAt(text, end) && (isASCIILetter(last) || last >= utf8.RuneSelf) {
				continue
			}
			return ph.period, len(ph.text)
		}
	}
	return "", 0
}

// hasFoldPrefix reports whether s starts with the lower-case prefix,
// ignoring the case of s; only ASCII and the prefix's own runes are folded.
func hasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.EqualFold(s[i:len(prefix)], prefix[i:])
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// windowPhrases name a period anywhere near a figure: "Paid at an hourly
// rate of $46.75", "Annual salary: €50k", "月給 25万円".
var windowPhrases = []periodPhrase{
	{"hourly", data.PeriodHour}, {"per hour", data.PeriodHour}, {"an hour", data.PeriodHour}, {"stundenlohn", data.PeriodHour}, {"時給", data.PeriodHour},
	{"day rate", data.PeriodDay}, {"daily", data.PeriodDay}, {"per day", data.PeriodDay}, {"tagessatz", data.PeriodDay}, {"日給", data.PeriodDay},
	{"weekly", data.PeriodWeek}, {"per week", data.PeriodWeek}, {"a week", data.PeriodWeek},
	{"monthly", data.PeriodMonth}, {"per month", data.PeriodMonth}, {"a month", data.PeriodMonth}, {"monatsgehalt", data.PeriodMonth}, {"月給", data.PeriodMonth}, {"月薪", data.PeriodMonth}, {"월급", data.PeriodMonth},
	{"annual", data.PeriodYear}, {"yearly", data.PeriodYear}, {"per annum", data.PeriodYear}, {"per year", data.PeriodYear}, {"a year", data.PeriodYear},
	{"p.a.", data.PeriodYear}, {"jahresgehalt", data.PeriodYear}, {"年収", data.PeriodYear}, {"年薪", data.PeriodYear}, {"연봉", data.PeriodYear},
}

// periodNear finds a period word in the sentence around a figure spanning
// [start, end): the nearest one before it, else the nearest after it.
func periodNear(text string, start, end int) data.Period {
	lo, hi := sentenceBounds(text, start, end)
	// Before the figure: the nearest phrase wins.
	for i := start; i > lo; {
		_, size := utf8.DecodeLastRuneInString(text[lo:i])
		i -= size
		if p := windowPhraseAt(text, i, lo, start); p != "" {
			return p
		}
	}
	for i := end; i < hi; i++ {
		if p := windowPhraseAt(text, i, lo, hi); p != "" {
			return p
		}
	}
	return ""
}

// windowPhraseAt matches a window phrase starting at i that stands as
// whole words within [lo, hi).
func windowPhraseAt(text string, i, lo, hi int) data.Period {
	if i > lo && isLatinLetterAt(text, i-1) {
		return ""
	}
	for _, w := range windowPhrases {
		if i+len(w.text) <= hi && hasFoldPrefix(text[i:], w.text) && !isLatinLetterAt(text, i+len(w.text)) {
			return w.period
		}
	}
	return ""
}

// sentenceBounds returns the sentence around [start, end), clipped to 60
// bytes either side: a period word further away rarely belongs to the
// figure.
func sentenceBounds(text string, start, end int) (int, int) {
	const reach = 60
	lo, hi := max(0, start-reach), min(len(text), end+reach)
	for lo < start && !utf8.RuneStart(text[lo]) {
		lo++
	}
	for hi > end && hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi--
	}
	if i := lastSentenceEnd(text[lo:start]); i >= 0 {
		lo += i
	}
	if i := firstSentenceEnd(text[end:hi]); i >= 0 {
		hi = end + i
		if text[hi] != '\n' {
			hi++ // keep the full stop
		}
	}
	return lo, hi
}

// lastSentenceEnd returns where the last sentence in s starts, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 2; i >= 0; i-- {
		if isSentenceEnd(s, i) {
			return i + 1
		}
	}
	return -1
}

func firstSentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if isSentenceEnd(s, i) {
			return i
		}
	}
	return -1
}

// isSentenceEnd: ". ", "! ", "? " and line breaks end a sentence, and so
// does a point between a lower-case word and a capital ("fairly.We pay",
// as text extracted from HTML paragraphs often reads); "p.a. ", "e.g. ",
// "U.S." and a point between digits do not.
func isSentenceEnd(s string, i int) bool {
	switch s[i] {
	case '\n':
		return true
	case '!', '?':
		return s[i+1] == ' '
	case '.':
		next := s[i+1]
		if 'A' <= next && next <= 'Z' {
			return i >= 2 && 'a' <= s[i-1] && s[i-1] <= 'z' && isASCIILetter(s[i-2])
		}
		if next != ' ' {
			return false
		}
		// "p.a. ", "e.g. ": a single letter before the point.
		return !(i >= 2 && s[i-2] == '.' || i >= 1 && isASCIILetter(s[i-1]) && (i == 1 || !unicode.IsLetter(rune(s[i-2]))))
	}
	return false
}
