package charts

import (
	"math"
	"strconv"
	"strings"
)

// missing is what a table cell shows for a number that does not exist
// (an empty group, a withheld estimate).
const missing = "—"

// minus is the typographic minus sign; a hyphen reads as a dash in prose.
const minus = "−"

// count writes n with thousands separators: 2412 → "2,412".
func count(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = minus, digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// usd writes an annual USD amount to the dollar: 132400 → "$132,400".
func usd(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return missing
	}
	return "$" + count(int(math.Round(v)))
}

// signedPercent writes a fraction as a percentage with one decimal and a
// sign, so gains and losses read apart: 0.172 → "+17.2%", −0.031 → "−3.1%".
func signedPercent(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return missing
	}
	pct := math.Round(f*1000) / 10
	switch {
	case pct > 0:
		return "+" + strconv.FormatFloat(pct, 'f', 1, 64) + "%"
	case pct < 0:
		return minus + strconv.FormatFloat(-pct, 'f', 1, 64) + "%"
	}
	return "0.0%"
}

// wholePercent writes the size of a fraction as a whole percentage, without
// sign, for prose that says "more" or "less" in words: −0.061 → "6%".
func wholePercent(f float64) string {
	return strconv.FormatFloat(math.Abs(math.Round(f*100)), 'f', 0, 64) + "%"
}

// signedWholePercent is wholePercent with a sign, for intervals that cross
// zero: −0.02 → "−2%", 0.08 → "+8%".
func signedWholePercent(f float64) string {
	switch r := math.Round(f * 100); {
	case r > 0:
		return "+" + wholePercent(f)
	case r < 0:
		return minus + wholePercent(f)
	}
	return "0%"
}

// interval writes a confidence interval: "+9.1% to +19.3%".
func interval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return missing
	}
	return signedPercent(lo) + " to " + signedPercent(hi)
}

// confidenceLevel writes a confidence level as a percentage: 0.95 → "95%",
// 0.999 → "99.9%". Zero or NaN gives "" so callers can leave it out.
func confidenceLevel(c float64) string {
	if math.IsNaN(c) || c <= 0 {
		return ""
	}
	return strconv.FormatFloat(math.Round(c*1000)/10, 'f', -1, 64) + "%"
}

// share writes part/whole as a whole percentage, or missing when whole is 0.
func share(part, whole int) string {
	if whole <= 0 {
		return missing
	}
	return strconv.Itoa(int(math.Round(100*float64(part)/float64(whole)))) + "%"
}
