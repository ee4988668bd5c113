package transform

import (
	"strings"
	"unicode/utf8"
)

// hiddenPay are words that say pay exists but is not stated: no pay, not
// zero pay.
var hiddenPay = []string{"competitive", "negotiable", "neg", "doe", "depending on experience", "dependent on experience",
	"commensurate", "attractive", "not disclosed", "undisclosed", "confidential", "tbd", "tbc", "etter avtale",
	"nach vereinbarung", "à négocier", "a convenir", "a combinar", "to be discussed"}

// noSalary are phrases that make a figure beside them something other
// than a salary: unpaid work. noSalaryAnywhere make every figure of the
// posting something else: commission-only and equity-only roles. ("Unpaid
// leave" elsewhere in a posting says nothing about its pay.)
var (
	noSalary         = []string{"unpaid", "volunteer position", "no salary"}
	noSalaryAnywhere = []string{"commission only", "commission based only", "equity only"}
)

// boardEstimate are phrases boards put on pay they estimated themselves
// (Glassdoor's "(Glassdoor est.)", Indeed's "Estimated $95.3K - $121K a
// year"); employerEstimate is Glassdoor's mark for the employer's own
// figure.
var (
	boardEstimate    = []string{"glassdoor est", "indeed est", "salary estimate", "est salary", "estimated salary", "estimated pay"}
	employerEstimate = []string{"employer est", "employer provided"}
	// estimatedBefore, right before a figure, marks it as an estimate.
	estimatedBefore = []string{"estimated", "estimated:", "est.", "est:"}
)

// payHints finds the hint phrases by their word hashes, in one pass over
// the text, without lower-casing a copy of it.
var payHints = func() *phraseSet {
	s := newPhraseSet()
	for _, list := range []struct {
		words []string
		kind  phraseKind
	}{{hiddenPay, phraseHiddenPay}, {noSalary, phraseNoSalary}, {noSalaryAnywhere, phraseNoSalaryAnywhere}, {boardEstimate, phraseBoardEstimate},
		{employerEstimate, phraseEmployerEstimate}} {
		for _, w := range list.words {
			s.add(w, list.kind, 0)
		}
	}
	return s
}()

// hints is what payHints found in a text: the first phrase of each kind.
type hints struct {
	hidden, noSalary, noSalaryAnywhere string
	board, employerEst                 bool
}

func scanHints(text string) hints {
	var buf [128]uint64
	return scanHintWords(words(buf[:0], text, false))
}

// scanHintWords is scanHints on a text's word hashes.
func scanHintWords(ws []uint64) hints {
	var h hints
	for i, w := range ws {
		if !payHints.mayStart(w) {
			continue
		}
		payHints.matches(ws, i, func(e *phraseEntry) {
			switch e.kind {
			case phraseHiddenPay:
				if h.hidden == "" {
					h.hidden = e.text
				}
			case phraseNoSalary:
				if h.noSalary == "" {
					h.noSalary = e.text
				}
			case phraseNoSalaryAnywhere:
				if h.noSalaryAnywhere == "" {
					h.noSalaryAnywhere = e.text
				}
			case phraseBoardEstimate:
				h.board = true
			case phraseEmployerEstimate:
				h.employerEst = true
			}
		})
	}
	return h
}

// mayHoldNoSalary is a quick test before scanning a whole text for
// noSalaryAnywhere: every phrase of it has "only" in it.
func mayHoldNoSalary(text string) bool {
	return strings.Contains(text, "only") || strings.Contains(text, "Only") || strings.Contains(text, "ONLY")
}

// notPayNouns are words that, right after a figure, make it a count or a
// size rather than money ("12 engineers", "$5 million in funding").
var notPayNouns = map[string]bool{
	"year": true, "years": true, "yrs": true, "month": true, "months": true, "week": true, "weeks": true, "day": true,
	"days": true, "hour": true, "hours": true, "hrs": true, "minute": true, "minutes": true, "mins": true, "night": true,
	"nights": true, "shift": true, "shifts": true, "people": true, "persons": true, "person": true, "employees": true,
	"engineers": true, "developers": true, "staff": true, "members": true, "users": true, "customers": true,
	"clients": true, "countries": true, "offices": true, "locations": true, "cities": true, "languages": true,
	"funding": true, "revenue": true, "raised": true, "valuation": true, "arr": true, "downloads": true,
	"installs": true, "servers": true, "nodes": true, "vms": true, "cores": true, "gb": true, "tb": true,
	"seats": true, "students": true, "patients": true, "beds": true, "stores": true, "sites": true,
	"projects": true, "teams": true, "time": true, "times": true, "percent": true, "requests": true,
	"transactions": true, "companies": true, "partners": true, "jobs": true, "roles": true, "positions": true,
	"openings": true, "vacancies": true, "applicants": true, "candidates": true, "lines": true, "stars": true,
	"data": true, "centers": true, "centres": true,
}

// notPayAfter reports whether what follows a figure shows it is not money:
// a percent sign, 401(k) or 403(b), or a count noun, perhaps after "in" or
// "of" ("$5 million in funding"). context names what the figure is when it
// is money or a count that is not pay (a Context* constant), "" for a
// percentage or a span of time.
func notPayAfter(text string, a amount) (notPay bool, context string) {
	rest := text[a.end:]
	p := skipSpace(rest, 0)
	if p < len(rest) && (rest[p] == '%' || strings.HasPrefix(rest[p:], "％")) {
		return true, ""
	}
	if a.symbol == "" && (a.digits == "401" || a.digits == "403" || a.digits == "457") {
		return true, Context401k
	}
	for range 2 {
		p = skipSpace(rest, p)
		e := p
		for e < len(rest) && isASCIILetter(rest[e]) {
			e++
		}
		if e == p || e-p > 16 || e < len(rest) && rest[e] >= utf8.RuneSelf {
			return false, ""
		}
		var buf [16]byte
		for i := p; i < e; i++ {
			buf[i-p] = rest[i] | 0x20
		}
		w := buf[:e-p]
		if string(w) == "in" || string(w) == "of" {
			p = e
			continue
		}
		switch {
		case !notPayNouns[string(w)]:
			return false, ""
		case fundingNouns[string(w)]:
			return true, ContextFunding
		case countNouns[string(w)]:
			return true, ContextHeadcount
		}
		return true, ""
	}
	return false, ""
}

// fundingNouns are the notPayNouns that make a figure company money.
var fundingNouns = map[string]bool{"funding": true, "revenue": true, "raised": true, "valuation": true, "arr": true}
