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
// at the table.
func headline(rows []data.Premium, m Method) string {
	all, ok := overallRow(rows)
	if !ok {
		return "No overall estimate is available: the analysis produced no “All regions” row."
	}
	return claim(all, m) + " — " + coverage(all, m) + "."
}

// overallRow finds the pooled row: all regions, all quarters.
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

// coverage is the headline's second half: how many postings, which dates.
func coverage(p data.Premium, m Method) string {
	s := count(p.NOpenStack+p.NPython) + " postings with pay"
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
