package charts

import (
	"fmt"
	"math"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/jobmarket/jobmarket/data"
)

// Element IDs of the interval plots, pinned so the page is the same on
// every run (go-echarts would otherwise draw random ones).
const (
	forestChartID  = "premium-forest"
	compareChartID = "premium-compare"
)

// Interval plot geometry, in CSS pixels. A row holds one estimate of each
// series, seriesGap apart, so the height grows with regions and series.
const (
	forestTop       = 84 // title and subtitle
	forestLegend    = 28 // legend row, when there is more than one series
	forestRowHeight = 46
	forestBottom    = 56 // axis labels and axis name
	seriesGap       = 14
	// forestLabelWidth is the widest a region label may be before it
	// wraps; the page script narrows it on a phone.
	forestLabelWidth = 170
)

// Colours. The pooled estimate in near-black so it reads as the summary,
// raw regional estimates in blue; adjusted, pooled and previous-period
// estimates in colours that stay apart for colour-blind readers (and
// differ in marker shape too); withheld labels in grey.
const (
	colourOverall  = "#1f2933"
	colourRegion   = "#2563eb"
	colourAdjusted = "#b45309"
	colourPooled   = "#047857"
	colourPrevious = "#6b7280"
	colourWithheld = "#6b7280"
)

// Marker shapes the interval renderItem knows, sent as numbers.
const (
	shapeDot     = 0
	shapeSquare  = 1
	shapeDiamond = 2
)

// intervalRenderItem draws one estimate: a horizontal line from the lower
// to the upper bound, a cap at each end (a quarter of the row height, at
// most 9 px, so the interval cannot be mistaken for a bar), and a marker at
// the estimate. Each data item is [row, estimate, low, high, offset, shape,
// hollow]: estimate and bounds in percent, the row's index on the category
// axis, offset in pixels from the row's centre (one series above another),
// shape 0 dot, 1 square, 2 diamond, hollow 1 for an open marker.
var intervalRenderItem = newJSFunc(`function (params, api) {
  var row = api.value(0);
  var dy = api.value(4);
  var mid = api.coord([api.value(1), row]);
  var low = api.coord([api.value(2), row]);
  var high = api.coord([api.value(3), row]);
  var y = mid[1] + dy;
  var cap = Math.min(api.size([0, 1])[1] / 4, 9);
  var colour = api.visual('color');
  var stroke = { stroke: colour, lineWidth: 2 };
  var marker = { fill: api.value(6) === 1 ? '#ffffff' : colour, stroke: api.value(6) === 1 ? colour : '#ffffff', lineWidth: api.value(6) === 1 ? 2 : 1.5 };
  var shape = api.value(5);
  var dot = { type: 'circle', shape: { cx: mid[0], cy: y, r: 5 }, style: marker };
  if (shape === 1) {
    dot = { type: 'rect', shape: { x: mid[0] - 5, y: y - 5, width: 10, height: 10 }, style: marker };
  } else if (shape === 2) {
    dot = { type: 'polygon', shape: { points: [[mid[0], y - 7], [mid[0] + 7, y], [mid[0], y + 7], [mid[0] - 7, y]] }, style: marker };
  }
  return { type: 'group', children: [
    { type: 'line', shape: { x1: low[0], y1: y, x2: high[0], y2: y }, style: stroke },
    { type: 'line', shape: { x1: low[0], y1: y - cap, x2: low[0], y2: y + cap }, style: stroke },
    { type: 'line', shape: { x1: high[0], y1: y - cap, x2: high[0], y2: y + cap }, style: stroke },
    dot
  ] };
}`)

// withheldRenderItem writes its series' name ("withheld", or "withheld:
// 2026Q2" beside other series) on the zero line of a row whose estimate was
// withheld, so the empty row is not read as a zero premium; moved inwards
// when the zero line is so near an edge of the plot (on a phone) that the
// text would run into the region labels. Each data item is [row, 0,
// offset], offset as in intervalRenderItem. ECharts draws the name as SVG
// text, never as markup.
var withheldRenderItem = newJSFunc(`function (params, api) {
  var at = api.coord([0, api.value(0)]);
  var box = params.coordSys;
  var half = params.seriesName.length * 3.5 + 8;
  var x = Math.min(Math.max(at[0], box.x + half), box.x + box.width - half);
  return { type: 'text', x: x, y: at[1] + api.value(2), style: {
    text: params.seriesName, fill: api.visual('color'), align: 'center', verticalAlign: 'middle',
    font: 'italic 13px sans-serif', backgroundColor: '#ffffff', padding: [2, 6]
  } };
}`)

// intervalSeries is one set of estimates on an interval plot: the raw,
// adjusted or pooled estimates, or those of one period.
type intervalSeries struct {
	name   string // legend entry, and the tooltip's "— name" when shown
	colour string
	shape  int
	hollow bool
	// overall draws the "All regions" estimate in colourOverall, so the
	// summary stands out in the main series; only on a plot of one series,
	// which has no legend a darker marker would contradict.
	overall bool
	rows    []data.Premium // by region; a region without a row is skipped
}

// intervalPlot is a forest plot: one row per region, one estimate per
// series in each row, with its interval.
type intervalPlot struct {
	id, title, subtitle string
	regions             []string
	series              []intervalSeries
}

// chart is what the page needs to draw one ECharts chart.
type chart struct {
	ID     string
	Height int // CSS pixels
	// LabelWidth is the widest a category label may be, in CSS pixels; the
	// page script narrows it on a phone. 0 for a chart without region labels.
	LabelWidth int
	Options    string // ECharts options, safe inside <script> (encodeOptions)
}

// newForest builds the forest plot of the premium by region: the raw
// estimates, with the adjusted and pooled ones beside them when the rows
// hold any.
func newForest(r Report) (chart, error) {
	return forestPlot(r).build(r)
}

// forestPlot chooses the forest plot's regions and series.
func forestPlot(r Report) intervalPlot {
	rows := pooledQuarters(r.Premiums)
	plot := intervalPlot{
		id:       forestChartID,
		title:    "Pay premium by region",
		subtitle: "OpenStack over Python: estimate and " + confidenceLevel(r.Method.Confidence) + " interval",
		regions:  regionOrder(headlineRows(rows)),
		series: []intervalSeries{{name: "Raw", colour: colourRegion, shape: shapeDot, overall: true,
			rows: headlineRows(rows)}},
	}
	if adj := adjustedRows(rows); len(adj) > 0 {
		plot.series = append(plot.series, intervalSeries{name: "Adjusted", colour: colourAdjusted, shape: shapeSquare, rows: adj})
	}
	if pooled := pooledRows(rows); len(pooled) > 0 {
		plot.series = append(plot.series, intervalSeries{name: "Pooled (small regions)", colour: colourPooled, shape: shapeDiamond, hollow: true, rows: pooled})
	}
	for _, s := range plot.series[1:] {
		plot.regions = appendMissing(plot.regions, regionOrder(s.rows))
	}
	return plot
}

// newComparison builds the interval plot of this period against the
// previous one, region by region, from the raw estimates of each.
func newComparison(r Report) (chart, error) {
	return comparisonPlot(r).build(r)
}

// comparisonPlot chooses the comparison's regions and series.
func comparisonPlot(r Report) intervalPlot {
	cur := headlineRows(pooledQuarters(r.Premiums))
	prev := headlineRows(pooledQuarters(r.Previous.Premiums))
	plot := intervalPlot{
		id:       compareChartID,
		title:    "This period and the one before",
		subtitle: r.Period + " against " + r.Previous.Period + ": estimate and " + confidenceLevel(r.Method.Confidence) + " interval",
		regions:  appendMissing(regionOrder(cur), regionOrder(prev)),
		series: []intervalSeries{
			{name: clean(r.Period), colour: colourRegion, shape: shapeDot, overall: true, rows: cur},
			{name: clean(r.Previous.Period), colour: colourPrevious, shape: shapeDot, hollow: true, rows: prev},
		},
	}
	return plot
}

func appendMissing(list, more []string) []string {
	for _, s := range more {
		found := false
		for _, t := range list {
			found = found || t == s
		}
		if !found {
			list = append(list, s)
		}
	}
	return list
}

// offsets spreads n series evenly about a row's centre, seriesGap apart.
func offsets(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = (float64(i) - float64(n-1)/2) * seriesGap
	}
	return out
}

// build encodes the plot's ECharts options with go-echarts and
// encodeOptions.
func (ip intervalPlot) build(r Report) (chart, error) {
	labels := make([]string, len(ip.regions))
	var all []data.Premium
	for i, region := range ip.regions {
		labels[i] = clean(region)
		for _, s := range ip.series {
			if p, ok := rowFor(s.rows, region); ok {
				labels[i] = fmt.Sprintf("%s (n=%s / %s)", clean(region), count(p.NOpenStack), count(p.NPython))
				break
			}
		}
	}
	c := gecharts.NewCustom()
	dy := offsets(len(ip.series))
	var names []string
	type withheldSeries struct {
		name  string
		items []opts.CustomData
	}
	var withheldBySeries []withheldSeries
	for si, s := range ip.series {
		var estimates, withheld []opts.CustomData
		for i, region := range ip.regions {
			p, ok := rowFor(s.rows, region)
			if !ok {
				continue
			}
			all = append(all, p)
			name := clean(region)
			title := name
			if len(ip.series) > 1 {
				title += " — " + s.name
			}
			sizes := fmt.Sprintf("n = %s OpenStack, %s Python", count(p.NOpenStack), count(p.NPython))
			if isWithheld(p) {
				note := p.Note
				if note == "" {
					note = "withheld"
				}
				withheld = append(withheld, opts.CustomData{
					Name:    name,
					Value:   []float64{float64(i), 0, dy[si]},
					Tooltip: &opts.Tooltip{Formatter: tooltipHTML(title, clean(note), sizes)},
				})
				continue
			}
			colour := s.colour
			if s.overall && p.Region == data.RegionAll && len(ip.series) == 1 {
				colour = colourOverall
			}
			estimate := fmt.Sprintf("%s (%s %s)", signedPercent(p.Premium), ciLabel(p, r.Method), interval(p.CILow, p.CIHigh))
			estimates = append(estimates, opts.CustomData{
				Name: name,
				Value: []float64{float64(i), percent(p.Premium), percent(p.CILow), percent(p.CIHigh),
					dy[si], float64(s.shape), float64(boolRank(s.hollow))},
				ItemStyle: &opts.ItemStyle{Color: colour},
				Tooltip:   &opts.Tooltip{Formatter: tooltipHTML(title, estimate, sizes, clean(p.Method))},
			})
		}
		names = append(names, s.name)
		seriesOpts := []gecharts.SeriesOpts{
			gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: intervalRenderItem.opt}),
			gecharts.WithEncodeOpts(opts.Encode{X: []int{1, 2, 3}, Y: 0}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: s.colour}),
		}
		if si == 0 {
			seriesOpts = append(seriesOpts, zeroLine(false)...)
		}
		c.AddSeries(s.name, estimates, seriesOpts...)
		name := "withheld"
		if len(ip.series) > 1 {
			name += ": " + s.name
		}
		withheldBySeries = append(withheldBySeries, withheldSeries{name, withheld})
	}
	// After every estimate series, so the legend's colours stay in order.
	for _, w := range withheldBySeries {
		c.AddSeries(w.name, w.items,
			gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: withheldRenderItem.opt}),
			gecharts.WithEncodeOpts(opts.Encode{X: 1, Y: 0}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: colourWithheld}),
		)
	}

	top := forestTop
	legend := opts.Legend{Show: opts.Bool(false)}
	if len(ip.series) > 1 {
		top += forestLegend
		legend = opts.Legend{Show: opts.Bool(true), Data: names, Top: fmt.Sprint(forestTop - 8), Left: "8"}
	}
	lo, hi, step := axisRange(all)
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: ip.id}),
		gecharts.WithAnimation(false), // a printed page must not catch a half-drawn chart
		titleOpts(ip.title, ip.subtitle, r.Synthetic),
		gecharts.WithLegendOpts(legend),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithGridOpts(opts.Grid{
			Left: "8", Right: "24", Top: fmt.Sprint(top), Bottom: fmt.Sprint(forestBottom),
			ContainLabel: opts.Bool(true),
		}),
		gecharts.WithXAxisOpts(opts.XAxis{
			Type: "value", Name: "Premium (%)", NameLocation: "middle", NameGap: 30,
			Min: lo, Max: hi, MinInterval: step, MaxInterval: step,
			AxisLabel: &opts.AxisLabel{Formatter: "{value}%"},
		}),
		gecharts.WithYAxisOpts(opts.YAxis{
			// All regions at the top; the axis line at the left edge rather
			// than at 0, where the markLine draws the reference instead.
			Type: "category", Data: labels, Inverse: opts.Bool(true),
			AxisLine:  &opts.AxisLine{OnZero: opts.Bool(false)},
			AxisLabel: &opts.AxisLabel{Width: forestLabelWidth, Overflow: "break"},
		}),
	)
	c.Validate()
	options, err := encodeOptions(c.JSON(), intervalRenderItem, withheldRenderItem)
	if err != nil {
		return chart{}, fmt.Errorf("%s: %w", ip.id, err)
	}
	rowHeight := forestRowHeight + seriesGap*(len(ip.series)-1)
	return chart{
		ID:         ip.id,
		LabelWidth: forestLabelWidth,
		Height:     top + rowHeight*max(len(ip.regions), 1) + forestBottom,
		Options:    string(options),
	}, nil
}

// rowFor finds a region's row.
func rowFor(rows []data.Premium, region string) (data.Premium, bool) {
	for _, p := range rows {
		if p.Region == region {
			return p, true
		}
	}
	return data.Premium{}, false
}

// zeroLine is the vertical (or, for a trend, horizontal) line at 0%
// labelled "no difference": the reference every premium is read against.
func zeroLine(horizontal bool) []gecharts.SeriesOpts {
	item := opts.MarkLineNameXAxisItem{Name: "no difference", XAxis: 0}
	position := "start"
	first := gecharts.WithMarkLineNameXAxisItemOpts(item)
	if horizontal {
		first = gecharts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "no difference", YAxis: 0})
		position = "insideStartTop"
	}
	return []gecharts.SeriesOpts{first, gecharts.WithMarkLineStyleOpts(opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		Label:     &opts.Label{Show: opts.Bool(true), Position: position, Formatter: "no difference"},
		LineStyle: &opts.LineStyle{Color: "#111827", Width: 1.5, Type: "solid"},
	})}
}

// titleOpts is every chart's title: what it shows, and on synthetic data a
// second subtitle line in the banner's colour saying so, so a chart cut
// out of the page still carries the warning.
func titleOpts(title, subtitle string, synthetic bool) gecharts.GlobalOpts {
	colour := "#4b5563"
	if synthetic {
		subtitle += "\nSynthetic demo data — not real job postings"
		colour = "#9a3412"
	}
	return gecharts.WithTitleOpts(opts.Title{
		Title:         clean(title),
		Subtitle:      clean(subtitle),
		SubtitleStyle: &opts.TextStyle{Color: colour, FontSize: 12, LineHeight: 18},
	})
}

// percent turns a fraction into percentage points rounded to 0.01, enough
// for a chart and short in the page.
func percent(f float64) float64 {
	return math.Round(f*10000) / 100
}

// axisRange is the value axis extent in percent, and its tick step:
// every interval and zero, padded, and rounded out to a whole number of
// steps, the step a round number (1, 2 or 5 times a power of ten) that
// gives about six ticks, so that the ends are ticks like the rest.
func axisRange(rows []data.Premium) (lo, hi, step float64) {
	for _, p := range rows {
		if !isWithheld(p) {
			lo, hi = math.Min(lo, percent(p.CILow)), math.Max(hi, percent(p.CIHigh))
		}
	}
	pad := math.Max((hi-lo)*0.04, 1)
	lo, hi = lo-pad, hi+pad
	raw := (hi - lo) / 6
	step = math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*step >= raw {
			step *= m
			break
		}
	}
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}
