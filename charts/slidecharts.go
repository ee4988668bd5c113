package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/jobmarket/jobmarket/data"
)

// hex turns "#rrggbb", the page's colours, into a color.Color, so a slide
// and the page draw a series in the same colour.
func hex(s string) color.Color {
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil || len(s) != 7 {
		panic("charts: bad colour " + s)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// labelTicks are gonum's default ticks with their labels rewritten.
type labelTicks func(float64) string

func (f labelTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = f(ticks[i].Value)
		}
	}
	return ticks
}

// percentLabel writes a tick of a premium axis with a true minus sign:
// "−10%".
func percentLabel(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64) + "%"
	if v < 0 {
		s = minus + s
	}
	return s
}

// stepTicks are percentage ticks every step, the ones the page's axis has
// (axisRange), so a slide and the page mark the same values.
type stepTicks float64

func (s stepTicks) Ticks(min, max float64) []plot.Tick {
	step := float64(s)
	var ticks []plot.Tick
	for v := math.Ceil(min/step-1e-9) * step; v <= max+1e-9; v += step {
		v = math.Round(v/step) * step // no drift from repeated addition
		ticks = append(ticks, plot.Tick{Value: v, Label: percentLabel(v)})
	}
	return ticks
}

// dollarTicks label thousands of USD: "$120k".
var dollarTicks = labelTicks(func(v float64) string {
	if v == 0 {
		return "$0"
	}
	return "$" + strconv.FormatFloat(v, 'f', -1, 64) + "k"
})

// countTicks label counts with thousands separators: "7,500".
var countTicks = labelTicks(func(v float64) string { return count(int(math.Round(v))) })

// notes writes short italic grey text centred at points: "withheld".
type notes struct {
	at   []plotter.XY
	text []string
}

func (n notes) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	sty := text.Style{Color: mutedColour, Font: font.From(font.Font{Typeface: "Liberation", Variant: "Sans", Style: xfont.StyleItalic}, slideTickSize-3),
		Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YCenter}
	for i, p := range n.at {
		at := vg.Point{X: trX(p.X), Y: trY(p.Y)}
		w, h := sty.Width(n.text[i]), sty.Height(n.text[i])
		c.FillPolygon(color.White, []vg.Point{{X: at.X - w/2 - 4, Y: at.Y - h/2}, {X: at.X + w/2 + 4, Y: at.Y - h/2},
			{X: at.X + w/2 + 4, Y: at.Y + h/2}, {X: at.X - w/2 - 4, Y: at.Y + h/2}})
		c.FillText(sty, at, n.text[i])
	}
}

// zeroLabel writes "no difference" at the top of the zero line.
type zeroLabel struct{}

func (zeroLabel) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	sty := text.Style{Color: inkColour, Font: font.From(slideFont, slideTickSize-2), Handler: plot.DefaultTextHandler,
		XAlign: draw.XCenter, YAlign: draw.YBottom}
	c.FillText(sty, vg.Point{X: trX(0), Y: c.Max.Y + 2}, "no difference")
}

// legendMark is a legend entry's picture: the series' marker.
type legendMark struct {
	colour color.Color
	shape  int
	hollow bool
}

func (m legendMark) Thumbnail(c *draw.Canvas) {
	drawMarker(*c, c.Center(), m.colour, m.shape, m.hollow, vg.Points(6))
}

// intervalSlide draws an interval plot (the forest, the comparison) as a
// slide plot: regions top to bottom, series within a row as on the page,
// held within the middle half of the row and with a thin rule between
// regions, so which intervals belong to which region is plain.
func intervalSlide(ip intervalPlot) (*plot.Plot, []legendEntry) {
	p := newSlidePlot()
	n := len(ip.regions)
	labels := make([]string, n)
	var marks intervals
	var withheld []plotter.XY
	var withheldText []string
	var all []data.Premium
	step := 0.25
	for i, region := range ip.regions {
		y := float64(n - 1 - i)
		labels[n-1-i] = slideLabel(region)
		for si, s := range ip.series {
			row, ok := rowFor(s.rows, region)
			if !ok {
				continue
			}
			if labels[n-1-i] == slideLabel(region) {
				labels[n-1-i] = fmt.Sprintf("%s (n=%s / %s)", slideLabel(region), count(row.NOpenStack), count(row.NPython))
			}
			dy := -(float64(si) - float64(len(ip.series)-1)/2) * step
			if isWithheld(row) {
				withheld = append(withheld, plotter.XY{X: 0, Y: y + dy})
				text := "withheld"
				if len(ip.series) > 1 {
					text += ": " + slideLabel(s.name)
				}
				withheldText = append(withheldText, text)
				continue
			}
			all = append(all, row)
			colour := hex(s.colour)
			if s.overall && row.Region == data.RegionAll && len(ip.series) == 1 {
				colour = hex(colourOverall)
			}
			marks = append(marks, intervalMark{y: y + dy, est: percent(row.Premium), lo: percent(row.CILow),
				hi: percent(row.CIHigh), colour: colour, shape: s.shape, hollow: s.hollow})
		}
	}
	p.Add(rowRules(n), zeroRule{}, zeroLabel{}, marks, notes{at: withheld, text: withheldText})
	var legend []legendEntry
	if len(ip.series) > 1 {
		for _, s := range ip.series {
			legend = append(legend, legendEntry{s.name, legendMark{colour: hex(s.colour), shape: s.shape, hollow: s.hollow}})
		}
	}
	if n > 0 {
		p.NominalY(labels...)
	}
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	var tick float64
	p.X.Min, p.X.Max, tick = axisRange(all)
	p.X.Label.Text = "Premium of OpenStack over Python roles"
	p.X.Tick.Marker = stepTicks(tick)
	return p, legend
}

// distributionSlide draws the pay boxes by region.
func distributionSlide(r Report) (*plot.Plot, []legendEntry, bool) {
	rbs := payBoxes(r.Pay, regionOrder(r.Premiums))
	if len(rbs) == 0 {
		return nil, nil, false
	}
	p := newSlidePlot()
	n := len(rbs)
	labels := make([]string, n)
	var bs boxes
	for i, rb := range rbs {
		y := float64(n - 1 - i)
		labels[n-1-i] = fmt.Sprintf("%s (n=%s / %s)", slideLabel(rb.Region), count(rb.OpenStack.N), count(rb.Python.N))
		for _, g := range []struct {
			b      boxStats
			colour string
			dy     float64
		}{{rb.OpenStack, colourOpenStack, 0.17}, {rb.Python, colourPython, -0.17}} {
			if g.b.N == 0 {
				continue
			}
			m := boxMark{y: y + g.dy, low: thousands(g.b.Low), q1: thousands(g.b.Q1), median: thousands(g.b.Median),
				q3: thousands(g.b.Q3), high: thousands(g.b.High), colour: hex(g.colour)}
			for _, o := range g.b.Outliers {
				m.outliers = append(m.outliers, thousands(o.AnnualUSD))
			}
			bs = append(bs, m)
		}
	}
	p.Add(bs)
	legend := []legendEntry{{"OpenStack roles", legendBox{hex(colourOpenStack)}}, {"Python roles", legendBox{hex(colourPython)}}}
	p.NominalY(labels...)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Min = 0
	p.X.Label.Text = "Advertised pay per year (USD)"
	p.X.Tick.Marker = dollarTicks
	return p, legend, true
}

// legendBox is the legend picture of a role: a small filled box.
type legendBox struct{ colour color.Color }

func (l legendBox) Thumbnail(c *draw.Canvas) {
	mid := c.Center()
	s := vg.Points(6)
	box := []vg.Point{{X: mid.X - s, Y: mid.Y - s}, {X: mid.X + s, Y: mid.Y - s}, {X: mid.X + s, Y: mid.Y + s}, {X: mid.X - s, Y: mid.Y + s}}
	c.FillPolygon(tint(l.colour, 0.18), box)
	c.StrokeLines(draw.LineStyle{Color: l.colour, Width: vg.Points(2)}, append(box, box[0]))
}

// trendSlide draws the quarterly trend of the overall premium.
func trendSlide(r Report) (*plot.Plot, bool) {
	rows := trendRows(r)
	if len(rows) < 2 {
		return nil, false
	}
	p := newSlidePlot()
	quarters := make([]string, len(rows))
	t := trend{colour: hex(colourOverall), band: tint(hex(colourRegion), 0.2)}
	var withheld []plotter.XY
	var withheldText []string
	for i, row := range rows {
		quarters[i] = fmt.Sprintf("%s\nn=%s / %s", slideLabel(row.Quarter), count(row.NOpenStack), count(row.NPython))
		if isWithheld(row) {
			withheld = append(withheld, plotter.XY{X: float64(i), Y: 0})
			withheldText = append(withheldText, "withheld")
			continue
		}
		joined := i+1 < len(rows) && !isWithheld(rows[i+1])
		t.points = append(t.points, trendPoint{x: float64(i), est: percent(row.Premium), lo: percent(row.CILow),
			hi: percent(row.CIHigh), joined: joined})
	}
	p.Add(zeroRule{horizontal: true}, t, notes{at: withheld, text: withheldText})
	p.NominalX(quarters...)
	p.X.Min, p.X.Max = -0.5, float64(len(rows))-0.5
	var tick float64
	p.Y.Min, p.Y.Max, tick = axisRange(rows)
	p.Y.Label.Text = "Premium"
	p.Y.Tick.Marker = stepTicks(tick)
	return p, true
}

// funnelSlide draws the data funnel as stacked bars, one colour per source.
func funnelSlide(r Report) (*plot.Plot, []legendEntry, bool, error) {
	if len(r.Funnel) == 0 {
		return nil, nil, false, nil
	}
	var legend []legendEntry
	p := newSlidePlot()
	steps := make([]string, len(funnelSteps))
	for i, s := range funnelSteps {
		steps[i] = s.name
	}
	var below *plotter.BarChart
	totals := make([]float64, len(funnelSteps))
	for i, f := range r.Funnel {
		values := make(plotter.Values, len(funnelSteps))
		for j, s := range funnelSteps {
			values[j] = float64(s.count(f))
		}
		bars, err := plotter.NewBarChart(values, vg.Points(56))
		if err != nil {
			return nil, nil, false, fmt.Errorf("funnel slide: %w", err)
		}
		bars.Color = hex(sourcePalette[i%len(sourcePalette)])
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		for j, v := range values {
			totals[j] += v
		}
		name := slideLabel(f.Source)
		if name == "" {
			name = "(unnamed source)"
		}
		legend = append(legend, legendEntry{name, bars})
	}
	p.Add(barTotals(totals))
	p.NominalX(steps...)
	p.Y.Min = 0
	p.Y.Max = slices.Max(totals) * 1.08 // room for the totals above the bars
	p.Y.Label.Text = "Postings"
	p.Y.Tick.Marker = countTicks
	return p, legend, true, nil
}
