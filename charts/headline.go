package charts

import (
	"fmt"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// headline is the one sentence a reader takes away, in plain words, from
// the "All regions"/"all" row: how much more (or less) OpenStack roles
// advertise, how sure we are, and on how much data. It must read right
// for a premium, a discount, an interval that includes zero, and a
// withheld estimate, since the page is read by people who will not look
// at the table. period, when set, names the span the report is limited to.
func headline(rows []data.Premium, m Method, period string) string {
	all, ok := overallRow(headlineRows(rows))
	if !ok {
		return "No overall estimate is available: the analysis produced no “All regions” row."
	}
	return claim(all, m) + " — " + coverage(all, m, period) + definitionClause(all) + "."
}

// overallRow finds the pooled row: all regions, all quarters. Callers pass
// rows of one kind (headlineRows, adjustedRows).
func overallRow(rows []data.Premium) (data.Premium, bool) {
	for _, p := range rows {
		if p.Region == data.RegionAll && p.Quarter == data.QuarterAll {
			return p, true
		}
	}
	return data.Premium{}, false
}

// claim is the headline's first half: the estimate and its interval.
func claim(p data.Premium, m Method) string {
	if isWithheld(p) {
		reason := strings.TrimSpace(strings.TrimPrefix(p.Note, "withheld:"))
		if reason == "" {
			return "The overall pay premium of OpenStack over Python roles is withheld"
		}
		return fmt.Sprintf("The overall pay premium of OpenStack over Python roles is withheld (%s)", reason)
	}
	ci := ciLabel(p, m)
	est := math.Round(p.Premium * 100)
	signedRange := signedWholePercent(p.CILow) + " to " + signedWholePercent(p.CIHigh)
	switch {
	case est == 0:
		return fmt.Sprintf("OpenStack and Python roles advertise about the same pay (%s %s)", ci, signedRange)
	case p.CILow <= 0 && p.CIHigh >= 0:
		// The interval includes no difference: say so rather than let a
		// reader take the point estimate as settled.
		return fmt.Sprintf("OpenStack roles advertise %s %s pay than Python roles, but the %s, %s, includes no difference",
			wholePercent(p.Premium), moreOrLess(est), ci, signedRange)
	case est > 0 && p.CILow > 0:
		return fmt.Sprintf("OpenStack roles advertise %s (%s %s–%s) more pay than Python roles",
			wholePercent(p.Premium), ci, wholePercent(p.CILow), wholePercent(p.CIHigh))
	case est < 0 && p.CIHigh < 0:
		// For a discount the smaller magnitude is the upper bound.
		return fmt.Sprintf("OpenStack roles advertise %s (%s %s–%s) less pay than Python roles",
			wholePercent(p.Premium), ci, wholePercent(p.CIHigh), wholePercent(p.CILow))
	default:
		// An estimate outside its own interval: rare with a percentile
		// bootstrap, but state it with signs rather than mislead.
		return fmt.Sprintf("OpenStack roles advertise %s %s pay than Python roles (%s %s)",
			wholePercent(p.Premium), moreOrLess(est), ci, signedRange)
	}
}

func moreOrLess(est float64) string {
	if est < 0 {
		return "less"
	}
	return "more"
}

// coverage is the headline's second half: which period, how many
// postings, from how many employers, which dates.
func coverage(p data.Premium, m Method, period string) string {
	s := count(p.NOpenStack+p.NPython) + " postings with pay"
	if p.NEmployersOpenStack > 0 && finite(p.LargestEmployerShare) {
		s += fmt.Sprintf(" (OpenStack from %s employers; the largest posts %s)", count(p.NEmployersOpenStack), wholePercent(p.LargestEmployerShare))
	}
	if period != "" {
		s = period + ", " + s
	}
	switch {
	case m.DataFrom != "" && m.DataTo != "":
		s += ", " + m.DataFrom + " to " + m.DataTo
	case m.DataFrom != "":
		s += ", from " + m.DataFrom
	case m.DataTo != "":
		s += ", up to " + m.DataTo
	}
	return s
}

// isWithheld reports whether a row has no usable estimate. A row with an
// estimate but no interval counts as withheld too, since the page never
// shows a number without its uncertainty, and so does an infinite one,
// which cannot be drawn (or encoded as JSON).
func isWithheld(p data.Premium) bool {
	return !finite(p.Premium) || !finite(p.CILow) || !finite(p.CIHigh)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// ciLabel names a row's interval, "95% CI", from its own confidence level
// or, when the row has none, the method's.
func ciLabel(p data.Premium, m Method) string {
	level := confidenceLevel(p.Confidence)
	if level == "" {
		level = confidenceLevel(m.Confidence)
	}
	return strings.TrimSpace(level + " CI")
}

// moreSentences follow the headline: the adjusted overall estimate when
// the rows hold one, and the previous period's estimate when the report is
// compared with one. Each gives its interval, as the headline does.
func moreSentences(r Report) []string {
	var out []string
	if adj, ok := overallRow(adjustedRows(r.Premiums)); ok && !isWithheld(adj) {
		out = append(out, fmt.Sprintf("Compared like with like (the adjusted estimate; see Method), the premium is %s (%s).",
			signedWholePercent(adj.Premium), wholeInterval(adj, r.Method)))
	}
	switch prev, ok := overallRow(headlineRows(r.Previous.Premiums)); {
	case r.Previous.Period == "":
	case !ok && r.Previous.Note != "":
		out = append(out, "There is nothing to compare with in "+r.Previous.Period+": "+r.Previous.Note+".")
	case !ok:
	case isWithheld(prev):
		out = append(out, fmt.Sprintf("In %s, the period before, the estimate was withheld (%s postings with pay).",
			r.Previous.Period, count(prev.NOpenStack+prev.NPython)))
	default:
		out = append(out, fmt.Sprintf("In %s, the period before, it was %s (%s), from %s postings with pay.",
			r.Previous.Period, signedWholePercent(prev.Premium), wholeInterval(prev, r.Method),
			count(prev.NOpenStack+prev.NPython)))
	}
	return out
}

// wholeInterval is an interval in whole percents with its label, as the
// headline rounds: "95% CI +14% to +32%".
func wholeInterval(p data.Premium, m Method) string {
	return ciLabel(p, m) + " " + signedWholePercent(p.CILow) + " to " + signedWholePercent(p.CIHigh)
}

// keyFigure is the overall premium set large, for a reader who looks at
// nothing else and a speaker who takes a screenshot.
type keyFigure struct {
	Premium, Interval, Postings string
}

// newKeyFigure is nil when there is no overall estimate to show.
func newKeyFigure(r Report) *keyFigure {
	all, ok := overallRow(headlineRows(r.Premiums))
	if !ok || isWithheld(all) {
		return nil
	}
	return &keyFigure{
		Premium:  signedPercent(all.Premium),
		Interval: ciLabel(all, r.Method) + " " + interval(all.CILow, all.CIHigh),
		Postings: count(all.NOpenStack+all.NPython) + " postings with pay",
	}
}

// changeSentence says how the overall premium changed between the two
// quarters of a change row ("2026Q2/2026Q3"), with its interval; "" when
// rows hold none. The change is the ratio of the two quarters' premium
// factors minus one, so +5% means the OpenStack-to-Python pay ratio grew 5%.
func changeSentence(rows []data.Premium, m Method) string {
	for _, p := range changeRows(rows) {
		from, to, ok := strings.Cut(p.Quarter, "/")
		if p.Region != data.RegionAll || !ok {
			continue
		}
		if isWithheld(p) {
			return fmt.Sprintf("The change from %s to %s is withheld (%s).", from, to, strings.TrimPrefix(p.Note, "withheld: "))
		}
		s := fmt.Sprintf("From %s to %s the ratio of OpenStack to Python pay changed by %s (%s)",
			from, to, signedWholePercent(p.Premium), wholeInterval(p, m))
		if p.CILow <= 0 && p.CIHigh >= 0 {
			s += ": no clear change"
		}
		return s + "."
	}
	return ""
}
