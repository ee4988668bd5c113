package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The slides draw with plotters of their own rather than gonum's
// BoxPlot and error bars, so that a slide shows exactly what the page
// shows: the same quartiles (gonum's BoxPlot computes its own, by another
// definition), the same markers, the same offsets of one series above
// another. Each implements plot.Plotter and plot.DataRanger.

// intervalMark is one estimate with its interval, in percent, at y.
type intervalMark struct {
	y, est, lo, hi float64
	colour         color.Color
	shape          int // shapeDot, shapeSquare, shapeDiamond
	hollow         bool
}

// intervals draws interval marks: a line with end caps and a marker.
type intervals []intervalMark

func (iv intervals) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, m := range iv {
		y := trY(m.y)
		lo, hi, mid := trX(m.lo), trX(m.hi), trX(m.est)
		line := draw.LineStyle{Color: m.colour, Width: vg.Points(2.5)}
		cap := vg.Points(8)
		c.StrokeLine2(line, lo, y, hi, y)
		c.StrokeLine2(line, lo, y-cap, lo, y+cap)
		c.StrokeLine2(line, hi, y-cap, hi, y+cap)
		drawMarker(c, vg.Point{X: mid, Y: y}, m.colour, m.shape, m.hollow, vg.Points(7))
	}
}

func (iv intervals) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, m := range iv {
		xmin, xmax = math.Min(xmin, m.lo), math.Max(xmax, m.hi)
		ymin, ymax = math.Min(ymin, m.y), math.Max(ymax, m.y)
	}
	return xmin, xmax, ymin, ymax
}

// drawMarker draws a filled or open dot, square or diamond of radius r.
func drawMarker(c draw.Canvas, at vg.Point, colour color.Color, shape int, hollow bool, r vg.Length) {
	var pts []vg.Point
	switch shape {
	case shapeSquare:
		s := r * 0.85
		pts = []vg.Point{{X: at.X - s, Y: at.Y - s}, {X: at.X + s, Y: at.Y - s}, {X: at.X + s, Y: at.Y + s}, {X: at.X - s, Y: at.Y + s}}
	case shapeDiamond:
		s := r * 1.3
		pts = []vg.Point{{X: at.X, Y: at.Y - s}, {X: at.X + s, Y: at.Y}, {X: at.X, Y: at.Y + s}, {X: at.X - s, Y: at.Y}}
	default:
		for i := range 24 {
			a := 2 * math.Pi * float64(i) / 24
			pts = append(pts, vg.Point{X: at.X + r*vg.Length(math.Cos(a)), Y: at.Y + r*vg.Length(math.Sin(a))})
		}
	}
	fill, edge := colour, color.Color(color.White)
	if hollow {
		fill, edge = color.White, colour
	}
	c.FillPolygon(fill, pts)
	c.StrokeLines(draw.LineStyle{Color: edge, Width: vg.Points(2)}, append(pts, pts[0]))
}

// boxMark is one box plot, in thousand USD, at y.
type boxMark struct {
	y                         float64
	low, q1, median, q3, high float64
	outliers                  []float64
	colour                    color.Color
}

// boxes draws horizontal box plots: whiskers with caps, a lightly filled
// box, a thick median line and open circles for outliers.
type boxes []boxMark

func (bs boxes) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	half := vg.Points(11)
	for _, b := range bs {
		y := trY(b.y)
		line := draw.LineStyle{Color: b.colour, Width: vg.Points(2)}
		c.StrokeLine2(line, trX(b.low), y, trX(b.q1), y)
		c.StrokeLine2(line, trX(b.q3), y, trX(b.high), y)
		c.StrokeLine2(line, trX(b.low), y-half/2, trX(b.low), y+half/2)
		c.StrokeLine2(line, trX(b.high), y-half/2, trX(b.high), y+half/2)
		box := []vg.Point{{X: trX(b.q1), Y: y - half}, {X: trX(b.q3), Y: y - half}, {X: trX(b.q3), Y: y + half}, {X: trX(b.q1), Y: y + half}}
		c.FillPolygon(tint(b.colour, 0.18), box)
		c.StrokeLines(line, append(box, box[0]))
		c.StrokeLine2(draw.LineStyle{Color: b.colour, Width: vg.Points(4)}, trX(b.median), y-half, trX(b.median), y+half)
		for _, o := range b.outliers {
			c.DrawGlyph(draw.GlyphStyle{Color: b.colour, Radius: vg.Points(3.5), Shape: draw.RingGlyph{}}, vg.Point{X: trX(o), Y: y})
		}
	}
}

func (bs boxes) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range bs {
		xmin, xmax = math.Min(xmin, b.low), math.Max(xmax, b.high)
		for _, o := range b.outliers {
			xmin, xmax = math.Min(xmin, o), math.Max(xmax, o)
		}
		ymin, ymax = math.Min(ymin, b.y), math.Max(ymax, b.y)
	}
	return xmin, xmax, ymin, ymax
}

// tint mixes a colour with white: share 0.18 of the colour, the rest white.
func tint(c color.Color, share float64) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8(math.Round(255 - share*(255-float64(v>>8)))) }
	return color.RGBA{R: mix(r), G: mix(g), B: mix(b), A: 0xff}
}

// trendPoint is one quarter of the trend, in percent, at x.
type trendPoint struct {
	x, est, lo, hi float64
	joined         bool // a line runs on to the next point
}

// trend draws the quarterly trend: the interval band between joined
// quarters, each quarter's interval as a thin line, the estimates joined
// by a thick line, and a dot at each.
type trend struct {
	points []trendPoint
	colour color.Color
	band   color.Color
}

func (t trend) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for i, p := range t.points {
		if p.joined && i+1 < len(t.points) {
			q := t.points[i+1]
			c.FillPolygon(t.band, []vg.Point{{X: trX(p.x), Y: trY(p.lo)}, {X: trX(q.x), Y: trY(q.lo)},
				{X: trX(q.x), Y: trY(q.hi)}, {X: trX(p.x), Y: trY(p.hi)}})
		}
	}
	thin := draw.LineStyle{Color: t.colour, Width: vg.Points(1.2)}
	for i, p := range t.points {
		x := trX(p.x)
		c.StrokeLine2(thin, x, trY(p.lo), x, trY(p.hi))
		c.StrokeLine2(thin, x-vg.Points(6), trY(p.lo), x+vg.Points(6), trY(p.lo))
		c.StrokeLine2(thin, x-vg.Points(6), trY(p.hi), x+vg.Points(6), trY(p.hi))
		if p.joined && i+1 < len(t.points) {
			q := t.points[i+1]
			c.StrokeLine2(draw.LineStyle{Color: t.colour, Width: vg.Points(3)}, x, trY(p.est), trX(q.x), trY(q.est))
		}
	}
	for _, p := range t.points {
		drawMarker(c, vg.Point{X: trX(p.x), Y: trY(p.est)}, t.colour, shapeDot, false, vg.Points(7))
	}
}

func (t trend) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, p := range t.points {
		xmin, xmax = math.Min(xmin, p.x), math.Max(xmax, p.x)
		ymin, ymax = math.Min(ymin, p.lo), math.Max(ymax, p.hi)
	}
	return xmin, xmax, ymin, ymax
}

// zeroRule draws the "no difference" line at 0 across the plot, vertical
// for a plot by region, horizontal for the trend.
type zeroRule struct{ horizontal bool }

func (z zeroRule) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	line := draw.LineStyle{Color: inkColour, Width: vg.Points(1.5)}
	if z.horizontal {
		c.StrokeLine2(line, c.Min.X, trY(0), c.Max.X, trY(0))
		return
	}
	c.StrokeLine2(line, trX(0), c.Min.Y, trX(0), c.Max.Y)
}

// rowRules draws a thin grey rule between each two of n rows of a plot by
// region, rows at 0 … n-1.
type rowRules int

func (n rowRules) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	line := draw.LineStyle{Color: color.RGBA{R: 0xd1, G: 0xd5, B: 0xdb, A: 0xff}, Width: vg.Points(1)}
	for k := 0; k < int(n)-1; k++ {
		y := trY(float64(k) + 0.5)
		c.StrokeLine2(line, c.Min.X, y, c.Max.X, y)
	}
}

// barTotals writes each bar's total above it, with thousands separators,
// bars at 0 … len-1 on the x axis.
type barTotals []float64

func (b barTotals) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	sty := text.Style{Color: inkColour, Font: font.From(slideFont, slideTickSize), Handler: plot.DefaultTextHandler,
		XAlign: draw.XCenter, YAlign: draw.YBottom}
	for i, v := range b {
		c.FillText(sty, vg.Point{X: trX(float64(i)), Y: trY(v) + 4}, count(int(math.Round(v))))
	}
}
