package transform

import (
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// PayFigure is one figure or range a text states, with what the parser
// made of it: taken as the role's pay, and by which rule, or refused, and
// why. ExplainPay lists them.
type PayFigure struct {
	Text       string `json:"text"` // the figure as written
	Start, End int    `json:"-"`    // its bytes in the text
	Taken      bool   `json:"taken"`
	// Rule says why a figure was taken: `introduced by "salary"`, "a
	// range in a currency", "pay text".
	Rule string `json:"rule,omitempty"`
	// Context is why a figure was refused: a Context* constant, or "" when
	// nothing introduced it as pay.
	Context string `json:"context,omitempty"`
	Reason  string `json:"reason,omitempty"` // why it was refused, in words
}

// maxPayUSD bounds a figure read as one person's pay for a year in USD: a
// figure larger than this in a posting is company money ("$2M cloud
// budget", "$250 million raised"), never a salary. It lies well above
// pay.max_annual_usd's default so that outliers stay outliers.
const maxPayUSD = 2_000_000

// verdict is what judge says of a candidate.
type verdict struct {
	taken   bool
	rule    string
	context string
	reason  string
}

// judge says whether a candidate is the role's pay. What is written right
// after the figure names it first ("$1,500 home-office stipend", "£85,000
// base"), then the nearest cue before it in its sentence ("Base salary:",
// "raised", "Interns earn"). In a description a figure must also be
// introduced as pay, or be a range in a currency, or a figure with both a
// currency and a period; a pay text is pay unless a trap names it.
func (pc *payContext) judge(c candidate) verdict {
	if context, reason := pc.tooLarge(c); context != "" {
		return verdict{context: context, reason: reason}
	}
	after, afterWord := pc.cueAfter(c.hi)
	if after.kind == cueTrap {
		return verdict{context: after.context, reason: fmt.Sprintf("%s (%q after it)", contextReasons[after.context], afterWord)}
	}
	if after.kind == cueStrong {
		return verdict{taken: true, rule: fmt.Sprintf("named by %q after it", afterWord)}
	}
	before, beforeWord := pc.cueBefore(c.lo.start)
	switch before.kind {
	case cueTrap:
		return verdict{context: before.context, reason: fmt.Sprintf("%s (%q before it)", contextReasons[before.context], beforeWord)}
	case cueStrong:
		return verdict{taken: true, rule: fmt.Sprintf("introduced by %q", beforeWord)}
	}
	if !pc.description {
		return verdict{taken: true, rule: "pay text"}
	}
	hasMark := c.lo.symbol != "" || c.hi.symbol != ""
	hasPeriod := c.lo.period != "" || c.hi.period != ""
	switch {
	case before.kind == cueWeak && (!c.single || hasPeriod):
		return verdict{taken: true, rule: fmt.Sprintf("introduced by %q", beforeWord)}
	case !c.single && hasMark:
		return verdict{taken: true, rule: "a range in a currency"}
	case hasMark && hasPeriod:
		return verdict{taken: true, rule: "a figure with a currency and a period"}
	}
	return verdict{reason: "not introduced as the role's pay"}
}

// tooLarge refuses a figure no role is paid: over maxPayUSD, stated with
// no period or per year, or a
// count in millions with no currency ("1 million+ models"), except where
// lakhs and crores are how pay is written.
func (pc *payContext) tooLarge(c candidate) (context, reason string) {
	if c.lo.symbol == "" && c.hi.symbol == "" {
		if !pc.lakh && c.hi.exp >= 6 {
			return ContextHeadcount, "a count in millions with no currency"
		}
		return "", ""
	}
	cur, _, ok := pc.currency(c)
	rate := roughUSD[cur]
	if !ok || rate == 0 {
		return "", ""
	}
	// Company money is not stated per hour or month; a figure that is
	// absurd as a weekly wage is left for the outlier bounds.
	if per := c.hi.period; per != "" && per != data.PeriodYear || c.lo.period != "" && c.lo.period != data.PeriodYear {
		return "", ""
	}
	if c.hi.value*rate > maxPayUSD {
		return ContextFunding, contextReasons[ContextFunding] + ": too large to be one person's pay"
	}
	return "", ""
}

// refuse records a refused figure: the first one for the error, each one
// for ExplainPay.
func (pc *payContext) refuse(c candidate, context, reason string) {
	if !pc.refused.set || pc.refused.context == "" && context != "" {
		pc.refused = refusal{set: true, offset: c.lo.start, context: context, reason: reason}
	}
	if pc.explain != nil {
		*pc.explain = append(*pc.explain, PayFigure{Text: pc.text[c.lo.start:c.hi.end], Start: c.lo.start, End: c.hi.end,
			Context: context, Reason: reason})
	}
}

// refusal is the refused figure a PayError reports.
type refusal struct {
	set     bool
	offset  int
	context string
	reason  string
}

// choose judges every candidate and returns the role's pay: the first
// range taken, else the first single figure taken. Several ranges taken
// in one currency and period are a zone table (pickZone). rule says how
// the figure was found; ok is false when none was taken.
func (pc *payContext) choose() (c candidate, rule string, ok bool) {
	cands := pc.candidates(pc.cands[:0])
	defer func() { pc.cands = cands[:0] }()
	var ranges []int
	single := -1
	var rules [2]string
	for i, cand := range cands {
		v := pc.judge(cand)
		if !v.taken {
			pc.refuse(cand, v.context, v.reason)
			continue
		}
		if pc.explain != nil {
			*pc.explain = append(*pc.explain, PayFigure{Text: pc.text[cand.lo.start:cand.hi.end], Start: cand.lo.start,
				End: cand.hi.end, Taken: true, Rule: v.rule})
		}
		switch {
		case !cand.single:
			if len(ranges) == 0 {
				rules[0] = v.rule
			}
			ranges = append(ranges, i)
		case single < 0:
			single, rules[1] = i, v.rule
		}
	}
	switch {
	case len(ranges) > 1:
		if z, note, ok := pc.pickZone(cands, ranges); ok {
			return z, note, true
		}
		return cands[ranges[0]], rules[0], true
	case len(ranges) == 1:
		return cands[ranges[0]], rules[0], true
	case single >= 0:
		return cands[single], rules[1], true
	}
	return candidate{}, "", false
}

// pickZone reads ranges taken in one currency and period, each under its
// own label ("Zone A:", "New York City:"), as a zone table: it keeps the
// zone whose label names the posting's city, else the widest range, and
// says which in rule. ok is false when the ranges are not one table.
func (pc *payContext) pickZone(cands []candidate, ranges []int) (c candidate, rule string, ok bool) {
	first := cands[ranges[0]]
	cur, _, _ := pc.currency(first)
	for _, i := range ranges[1:] {
		if cu, _, _ := pc.currency(cands[i]); cu != cur || cands[i].hi.period != first.hi.period {
			return candidate{}, "", false
		}
	}
	labels := make([]string, len(ranges))
	prevEnd := 0
	for k, i := range ranges {
		start := cands[i].lo.start
		lo := max(prevEnd, strings.LastIndexByte(pc.text[:start], '\n')+1)
		labels[k] = strings.Trim(strings.TrimSpace(pc.text[lo:start]), ":/|-–— ")
		prevEnd = cands[i].hi.end
	}
	if city := postingCity(pc.location); city != "" {
		for k, i := range ranges {
			if strings.Contains(strings.ToLower(labels[k]), city) {
				return cands[i], fmt.Sprintf("zone table of %d ranges: kept the posting's own zone %q", len(ranges), shortLabel(labels[k])), true
			}
		}
	}
	widest := 0
	for k, i := range ranges {
		if w := cands[i].hi.value - cands[i].lo.value; w > cands[ranges[widest]].hi.value-cands[ranges[widest]].lo.value {
			widest = k
		}
	}
	return cands[ranges[widest]], fmt.Sprintf("zone table of %d ranges: kept the widest, %q", len(ranges), shortLabel(labels[widest])), true
}

// postingCity is the first part of a posting's place, lower case, when it
// names a place rather than "Remote": "new york" for "New York, NY".
func postingCity(location string) string {
	city, _, _ := strings.Cut(location, ",")
	city = strings.ToLower(strings.TrimSpace(city))
	if len(city) < 3 || strings.Contains(city, "remote") || strings.Contains(city, "anywhere") {
		return ""
	}
	return city
}

// shortLabel keeps a zone's label short enough for a note.
func shortLabel(label string) string {
	const maxLabel = 40
	if len(label) <= maxLabel {
		return label
	}
	cut := maxLabel
	for cut > 0 && !isRuneStart(label[cut]) {
		cut--
	}
	return label[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
