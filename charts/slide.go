package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// File is one file of the slides folder: its name and its bytes.
type File struct {
	Name string
	Body []byte
}

// Slide geometry: 16:9 at 13.333 × 7.5 inches, the size of a widescreen
// presentation slide, so a slide image drops in at 100%. PNGs are drawn at
// 144 dots per inch: 1920 × 1080 pixels.
const (
	slideWidth  vg.Length = 960 // points: 13.333 inches
	slideHeight vg.Length = 540
	slideDPI              = 144
	slideMargin vg.Length = 28
)

// Type sizes on a slide, in points; large enough to read from the back of
// a room.
const (
	slideTitleSize    = 30
	slideSubtitleSize = 17
	slideLabelSize    = 18
	slideTickSize     = 16
	slideSourceSize   = 13
)

// slideFont is the slides' typeface: Liberation Sans, which gonum's plot
// bundles and which has the metrics of Arial and Helvetica, so an SVG shown
// with a substitute font keeps its layout.
var slideFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

var (
	inkColour   = color.RGBA{R: 0x1f, G: 0x29, B: 0x33, A: 0xff}
	mutedColour = color.RGBA{R: 0x4b, G: 0x55, B: 0x63, A: 0xff}
	warnColour  = color.RGBA{R: 0x9a, G: 0x34, B: 0x12, A: 0xff}
)

// slideClean and slideLabel are in escape.go: every string passes through
// one of them before it is drawn.

// slideFrame is what a slide shows around its plot: a title, a subtitle,
// the legend in a row under them, on synthetic data a badge at the top
// right, and the source line at the foot.
type slideFrame struct {
	title, subtitle, source string
	synthetic               bool
	legend                  []legendEntry
}

// legendEntry is one entry of a slide's legend: a name and its picture.
type legendEntry struct {
	name  string
	thumb plot.Thumbnailer
}

// newSlidePlot is a plot with the slides' type sizes and no title (the
// frame draws it).
func newSlidePlot() *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(slideFont, slideLabelSize)
		a.Label.TextStyle.Color = inkColour
		a.Tick.Label.Font = font.From(slideFont, slideTickSize)
		a.Tick.Label.Color = inkColour
		a.Color = mutedColour
		a.Tick.Color = mutedColour
	}
	p.Legend.TextStyle.Font = font.From(slideFont, slideTickSize)
	p.Legend.TextStyle.Color = inkColour
	return p
}

// textStyle is a left-aligned line of slide text.
func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(slideFont, size), Handler: plot.DefaultTextHandler,
		XAlign: draw.XLeft, YAlign: draw.YTop}
}

// drawSlide draws the frame and the plot onto a canvas of slide size:
// from the top, the title, the subtitle, the legend and the plot, each
// below the one before, so no text runs into another.
func drawSlide(c draw.Canvas, p *plot.Plot, f slideFrame) {
	c.FillPolygon(color.White, []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
		{X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}})
	y := c.Max.Y - slideMargin
	title := textStyle(slideTitleSize, inkColour)
	c.FillText(title, vg.Point{X: c.Min.X + slideMargin, Y: y}, slideClean(f.title))
	if f.synthetic {
		drawBadge(c, y)
	}
	y -= title.FontExtents().Height + 6
	sub := textStyle(slideSubtitleSize, mutedColour)
	for _, line := range strings.Split(f.subtitle, "\n") {
		c.FillText(sub, vg.Point{X: c.Min.X + slideMargin, Y: y}, slideClean(line))
		y -= sub.FontExtents().Height
	}
	if len(f.legend) > 0 {
		y -= 4
		drawLegend(c, f.legend, y)
		y -= sub.FontExtents().Height
	}
	src := textStyle(slideSourceSize, mutedColour)
	src.YAlign = draw.YBottom
	c.FillText(src, vg.Point{X: c.Min.X + slideMargin, Y: c.Min.Y + slideMargin*0.6}, slideClean(f.source))
	top := c.Max.Y - y + 24 // room for the "no difference" label above the plot
	bottom := slideMargin*0.6 + src.FontExtents().Height + 14
	p.Draw(draw.Crop(c, slideMargin, -slideMargin, bottom, -top))
}

// syntheticBadge is the words of the badge every slide of synthetic data
// carries at its top right.
const syntheticBadge = "SYNTHETIC DEMO DATA"

// drawBadge draws the synthetic-data badge, white on the warning colour,
// at the top right of the slide, its top at top.
func drawBadge(c draw.Canvas, top vg.Length) {
	sty := textStyle(slideSourceSize, color.White)
	sty.XAlign = draw.XRight
	w, h := sty.Width(syntheticBadge), sty.FontExtents().Height
	right := c.Max.X - slideMargin
	const pad = 6
	c.FillPolygon(warnColour, []vg.Point{{X: right - w - 2*pad, Y: top - h - pad}, {X: right, Y: top - h - pad},
		{X: right, Y: top + pad}, {X: right - w - 2*pad, Y: top + pad}})
	c.FillText(sty, vg.Point{X: right - pad, Y: top}, syntheticBadge)
}

// drawLegend lists the entries in one row from the left margin, each a
// picture then its name, their tops at top.
func drawLegend(c draw.Canvas, entries []legendEntry, top vg.Length) {
	sty := textStyle(slideSubtitleSize, inkColour)
	h := sty.FontExtents().Height
	x := c.Min.X + slideMargin
	for _, e := range entries {
		box := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: top - h + 3}, Max: vg.Point{X: x + 22, Y: top - 3}}}
		e.thumb.Thumbnail(&box)
		name := slideLabel(e.name)
		c.FillText(sty, vg.Point{X: x + 30, Y: top}, name)
		x += 30 + sty.Width(name) + 28
	}
}

// slidePixels holds the images slides are drawn into, for reuse: a fresh
// 1920×1080 RGBA image per slide, and vgimg's copy of it, were half of a
// report's CPU (allocating and clearing new memory). The canvas paints its
// background over the whole image first, so a reused one starts blank.
var slidePixels = sync.Pool{New: func() any {
	w := int(math.Round(float64(slideWidth / vg.Inch * slideDPI)))
	h := int(math.Round(float64(slideHeight / vg.Inch * slideDPI)))
	return image.NewRGBA(image.Rect(0, 0, w, h))
}}

// slideContext is the drawing context vgimg would make for img, without
// the copy of img it makes: butt line caps, y pointing up.
func slideContext(img *image.RGBA) *gg.Context {
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	return ctx
}

// renderSlide draws one slide as PNG and as SVG. The same plot and frame
// give the same bytes: nothing in either encoder depends on time or map
// order.
func renderSlide(p *plot.Plot, f slideFrame) (pngBytes, svgBytes []byte, err error) {
	rgba := slidePixels.Get().(*image.RGBA)
	defer slidePixels.Put(rgba)
	img := vgimg.NewWith(vgimg.UseImageWithContext(rgba, slideContext(rgba)), vgimg.UseDPI(slideDPI))
	drawSlide(draw.New(img), p, f)
	var pngBuf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&pngBuf); err != nil {
		return nil, nil, fmt.Errorf("png: %w", err)
	}
	svg := vgsvg.New(slideWidth, slideHeight)
	drawSlide(draw.New(svg), p, f)
	var svgBuf bytes.Buffer
	if _, err := svg.WriteTo(&svgBuf); err != nil {
		return nil, nil, fmt.Errorf("svg: %w", err)
	}
	return pngBuf.Bytes(), svgBuf.Bytes(), nil
}

// sourceLine is the foot of every slide: where the numbers come from, and
// on the demo data that they are synthetic (so a cropped slide still says
// so).
func sourceLine(r Report) string {
	if r.Synthetic {
		return "Source: jobmarket, synthetic demo data — not real job postings"
	}
	var names []string
	for _, s := range r.Sources {
		names = append(names, slideLabel(s.Name))
	}
	line := "Source: jobmarket"
	if len(names) > 0 {
		line += ", postings from " + strings.Join(names, ", ")
	}
	if r.Method.DataFrom != "" && r.Method.DataTo != "" {
		line += ", " + r.Method.DataFrom + " to " + r.Method.DataTo
	}
	return line
}
