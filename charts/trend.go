package charts

import (
	"fmt"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/jobmarket/jobmarket/data"
)

// trendChartID is the quarterly trend chart's element ID.
const trendChartID = "premium-trend"

// trendHeight is the trend chart's height in CSS pixels.
const trendHeight = 380

// bandRenderItem draws the interval band between two neighbouring quarters
// as one quadrilateral. Each data item is [q, low, high, q2, low2, high2]
// in percent, q and q2 indexes on the category axis.
var bandRenderItem = newJSFunc(`function (params, api) {
  var a = api.coord([api.value(0), api.value(1)]);
  var b = api.coord([api.value(3), api.value(4)]);
  var c = api.coord([api.value(3), api.value(5)]);
  var d = api.coord([api.value(0), api.value(2)]);
  return { type: 'polygon', shape: { points: [a, b, c, d] },
    style: { fill: api.visual('color'), opacity: 0.18 } };
}`)

// trendPointRenderItem draws one quarter's estimate: a dot, its interval
// as a thin vertical line with caps, and the line to the next quarter's
// estimate when that one was estimated. Each data item is [q, estimate,
// low, high, next, nextEstimate]: next is -1 when the line stops there.
var trendPointRenderItem = newJSFunc(`function (params, api) {
  var mid = api.coord([api.value(0), api.value(1)]);
  var low = api.coord([api.value(0), api.value(2)]);
  var high = api.coord([api.value(0), api.value(3)]);
  var colour = api.visual('color');
  var thin = { stroke: colour, lineWidth: 1 };
  var children = [
    { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: thin },
    { type: 'line', shape: { x1: low[0] - 5, y1: low[1], x2: low[0] + 5, y2: low[1] }, style: thin },
    { type: 'line', shape: { x1: high[0] - 5, y1: high[1], x2: high[0] + 5, y2: high[1] }, style: thin }
  ];
  if (api.value(4) !== -1) {
    var next = api.coord([api.value(4), api.value(5)]);
    children.push({ type: 'line', shape: { x1: mid[0], y1: mid[1], x2: next[0], y2: next[1] }, style: { stroke: colour, lineWidth: 2.5 } });
  }
  children.push({ type: 'circle', shape: { cx: mid[0], cy: mid[1], r: 5 }, style: { fill: colour, stroke: '#ffffff', lineWidth: 1.5 } });
  return { type: 'group', children: children };
}`)

// trendWithheldRenderItem writes "withheld" at 0 for a quarter without an
// estimate. Each data item is [q, 0].
var trendWithheldRenderItem = newJSFunc(`function (params, api) {
  var at = api.coord([api.value(0), 0]);
  return { type: 'text', x: at[0], y: at[1], style: {
    text: 'withheld', fill: api.visual('color'), align: 'center', verticalAlign: 'middle',
    font: 'italic 13px sans-serif', backgroundColor: '#ffffff', padding: [2, 6]
  } };
}`)

// trendRows are the rows the trend draws: the raw per-quarter estimates of
// "All regions", from Report.Trend when the caller gave them, else from
// Report.Premiums.
func trendRows(r Report) []data.Premium {
	rows := r.Trend
	if rows == nil {
		rows = r.Premiums
	}
	return quarterRows(headlineRows(rows), data.RegionAll)
}

// newTrend builds the quarterly trend of the overall premium: the estimate
// of each quarter joined by a line, inside a band of its interval. It
// reports false when there are fewer than two quarters to draw.
func newTrend(r Report) (chart, bool, error) {
	rows := trendRows(r)
	if len(rows) < 2 {
		return chart{}, false, nil
	}
	quarters := make([]string, len(rows))
	var bands, points, withheld []opts.CustomData
	for i, p := range rows {
		quarters[i] = clean(p.Quarter)
		sizes := fmt.Sprintf("n = %s OpenStack, %s Python", count(p.NOpenStack), count(p.NPython))
		if isWithheld(p) {
			withheld = append(withheld, opts.CustomData{Name: quarters[i], Value: []float64{float64(i), 0},
				Tooltip: &opts.Tooltip{Formatter: tooltipHTML(p.Quarter, clean(p.Note), sizes)}})
			continue
		}
		next, nextEst := -1.0, 0.0
		if i+1 < len(rows) && !isWithheld(rows[i+1]) {
			q := rows[i+1]
			next, nextEst = float64(i+1), percent(q.Premium)
			bands = append(bands, opts.CustomData{
				Value: []float64{float64(i), percent(p.CILow), percent(p.CIHigh), next, percent(q.CILow), percent(q.CIHigh)},
				Tooltip: &opts.Tooltip{Formatter: tooltipHTML(p.Quarter+" to "+q.Quarter,
					"the band is the "+ciLabel(p, r.Method)+" of each quarter")},
			})
		}
		estimate := fmt.Sprintf("%s (%s %s)", signedPercent(p.Premium), ciLabel(p, r.Method), interval(p.CILow, p.CIHigh))
		points = append(points, opts.CustomData{
			Name:    quarters[i],
			Value:   []float64{float64(i), percent(p.Premium), percent(p.CILow), percent(p.CIHigh), next, nextEst},
			Tooltip: &opts.Tooltip{Formatter: tooltipHTML(p.Quarter+", all regions", estimate, sizes)},
		})
	}
	c := gecharts.NewCustom()
	c.SetXAxis(quarters)
	c.AddSeries("interval", bands,
		gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: bandRenderItem.opt}),
		gecharts.WithEncodeOpts(opts.Encode{X: []int{0, 3}, Y: []int{1, 2, 4, 5}}),
		gecharts.WithItemStyleOpts(opts.ItemStyle{Color: colourRegion}),
	)
	c.AddSeries("estimate", points, append([]gecharts.SeriesOpts{
		gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: trendPointRenderItem.opt}),
		gecharts.WithEncodeOpts(opts.Encode{X: 0, Y: []int{1, 2, 3}}),
		gecharts.WithItemStyleOpts(opts.ItemStyle{Color: colourOverall}),
	}, zeroLine(true)...)...)
	c.AddSeries("withheld", withheld,
		gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: trendWithheldRenderItem.opt}),
		gecharts.WithEncodeOpts(opts.Encode{X: 0, Y: 1}),
		gecharts.WithItemStyleOpts(opts.ItemStyle{Color: colourWithheld}),
	)
	lo, hi, step := axisRange(rows)
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: trendChartID}),
		gecharts.WithAnimation(false),
		titleOpts("Pay premium by quarter",
			"All regions: estimate and "+confidenceLevel(r.Method.Confidence)+" interval (band)", r.Synthetic),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: fmt.Sprint(forestTop), Bottom: "40", ContainLabel: opts.Bool(true)}),
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		gecharts.WithYAxisOpts(opts.YAxis{
			Type: "value", Min: lo, Max: hi, MinInterval: step, MaxInterval: step,
			AxisLabel: &opts.AxisLabel{Formatter: "{value}%"},
		}),
	)
	c.Validate()
	options, err := encodeOptions(c.JSON(), bandRenderItem, trendPointRenderItem, trendWithheldRenderItem)
	if err != nil {
		return chart{}, false, fmt.Errorf("%s: %w", trendChartID, err)
	}
	return chart{ID: trendChartID, Height: trendHeight, Options: string(options)}, true, nil
}
