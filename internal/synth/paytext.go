package synth

import "strconv"

// payText is a pay format boards use, as literal text and figures. Its
// figures are those of a mid-level Python role; appendTo scales them by a
// posting's pay factor, so the format's currency and period stay and the
// role and seniority show in the figures.
type payText []payPart

// payPart is literal text, or a figure when figure is not 0.
type payPart struct {
	text   string
	figure int64 // for a factor of 1, in units of the last digit written
	step   int64 // a scaled figure is rounded to a multiple of step
	group  grouping
}

// grouping is how a figure's digits are written.
type grouping uint8

const (
	plain      grouping = iota // 120
	comma                      // 142,000
	dot                        // 60.000
	apostrophe                 // 120'000
	space                      // 15 000
	indian                     // 12,00,000
	tenths                     // 953 is written 95.3
)

func lit(s string) payPart                      { return payPart{text: s} }
func fig(v, step int64, group grouping) payPart { return payPart{figure: v, step: step, group: group} }

// payTexts are the formats, from the plain to the hard: ranges with a
// scale, grouped figures in four conventions and Indian grouping, hourly
// and monthly pay, a ceiling, a floor, words instead of figures, Japanese
// 万 units, lakhs and a board's own estimate.
var payTexts = []payText{
	{lit("$"), fig(120, 1, plain), lit("K - $"), fig(150, 1, plain), lit("K a year")},
	{lit("USD "), fig(142_000, 1000, comma), lit(" - "), fig(174_000, 1000, comma), lit(" per year")},
	{lit("£"), fig(45_000, 1000, comma), lit(" - £"), fig(55_000, 1000, comma), lit(" per annum")},
	{lit("€"), fig(60, 1, plain), lit("k–"), fig(70, 1, plain), lit("k")},
	{fig(60_000, 1000, dot), lit(" - "), fig(70_000, 1000, dot), lit(" EUR")},
	{lit("CHF "), fig(120_000, 1000, apostrophe)},
	{lit("₹"), fig(1_200_000, 10_000, indian), lit(" - ₹"), fig(1_800_000, 10_000, indian), lit(" a year")},
	{lit("$"), fig(55, 1, plain), lit(" - $"), fig(65, 1, plain), lit(" an hour")},
	{lit("$"), fig(9500, 100, comma), lit("/month")},
	{lit("Up to $"), fig(180_000, 1000, comma)},
	{lit("From €"), fig(50, 1, plain), lit("k")},
	{lit("Competitive")},
	{lit("DOE")},
	{lit("R$ "), fig(8000, 100, dot), lit(" - R$ "), fig(12_000, 100, dot), lit(" por mês")},
	{fig(600, 10, plain), lit("万円～"), fig(800, 10, plain), lit("万円")},
	{fig(15_000, 100, space), lit(" - "), fig(20_000, 100, space), lit(" PLN brutto/mies.")},
	{lit("Estimated $"), fig(953, 1, tenths), lit("K - $"), fig(121, 1, plain), lit("K a year")},
	{fig(12, 1, plain), lit("-"), fig(16, 1, plain), lit(" Lacs P.A.")},
}

// appendTo writes the format with its figures scaled by factor, in
// thousandths.
func (t payText) appendTo(b []byte, factor int64) []byte {
	for _, p := range t {
		if p.figure == 0 {
			b = append(b, p.text...)
			continue
		}
		v := max(p.step, roundTo(p.figure*factor, p.step*1000)/1000)
		switch p.group {
		case plain:
			b = strconv.AppendInt(b, v, 10)
		case comma:
			b = appendGrouped(b, v, ',', false)
		case dot:
			b = appendGrouped(b, v, '.', false)
		case apostrophe:
			b = appendGrouped(b, v, '\'', false)
		case space:
			b = appendGrouped(b, v, ' ', false)
		case indian:
			b = appendGrouped(b, v, ',', true)
		case tenths:
			b = append(strconv.AppendInt(b, v/10, 10), '.', byte('0'+v%10))
		}
	}
	return b
}

// appendGrouped writes v with sep between groups of three digits, or, in
// Indian grouping, of two digits before the last three.
func appendGrouped(b []byte, v int64, sep byte, indian bool) []byte {
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], v, 10)
	for i, c := range digits {
		left := len(digits) - i // digits from here to the end
		if i > 0 && (indian && (left == 3 || left > 3 && (left-3)%2 == 0) || !indian && left%3 == 0) {
			b = append(b, sep)
		}
		b = append(b, c)
	}
	return b
}
