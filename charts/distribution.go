package charts

import (
	"fmt"
	"math"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// distributionChartID is the pay distribution chart's element ID.
const distributionChartID = "pay-distribution"

// Role colours of the distribution chart: OpenStack in its brand's red-
// orange, Python in blue; they stay apart for colour-blind readers, and the
// legend and tooltips name them too.
const (
	colourOpenStack = "#c2410c"
	colourPython    = "#1d4ed8"
)

// Distribution chart geometry, in CSS pixels.
const (
	distributionTop       = 112 // title, subtitle and legend
	distributionRowHeight = 64  // two boxes per region
	distributionBottom    = 56
	boxGap                = 16 // between a region's two boxes
)

// boxRenderItem draws one horizontal box plot: whiskers from Low to Q1 and
// from Q3 to High with caps, a box from Q1 to Q3 filled lightly, and a
// thick median line. Each data item is [row, low, q1, median, q3, high,
// offset]: values in thousand USD, the row's index on the category axis,
// offset in pixels from the row's centre.
var boxRenderItem = newJSFunc(`function (params, api) {
  var row = api.value(0);
  var dy = api.value(6);
  var low = api.coord([api.value(1), row]);
  var q1 = api.coord([api.value(2), row]);
  var med = api.coord([api.value(3), row]);
  var q3 = api.coord([api.value(4), row]);
  var high = api.coord([api.value(5), row]);
  var y = low[1] + dy;
  var half = Math.min(api.size([0, 1])[1] / 8, 7);
  var colour = api.visual('color');
  var stroke = { stroke: colour, lineWidth: 1.5 };
  return { type: 'group', children: [
    { type: 'line', shape: { x1: low[0], y1: y, x2: q1[0], y2: y }, style: stroke },
    { type: 'line', shape: { x1: q3[0], y1: y, x2: high[0], y2: y }, style: stroke },
    { type: 'line', shape: { x1: low[0], y1: y - half / 2, x2: low[0], y2: y + half / 2 }, style: stroke },
    { type: 'line', shape: { x1: high[0], y1: y - half / 2, x2: high[0], y2: y + half / 2 }, style: stroke },
    { type: 'rect', shape: { x: q1[0], y: y - half, width: q3[0] - q1[0], height: 2 * half }, style: { fill: colour, opacity: 0.18 } },
    { type: 'rect', shape: { x: q1[0], y: y - half, width: q3[0] - q1[0], height: 2 * half }, style: { fill: 'none', stroke: colour, lineWidth: 1.5 } },
    { type: 'line', shape: { x1: med[0], y1: y - half, x2: med[0], y2: y + half }, style: { stroke: colour, lineWidth: 3 } }
  ] };
}`)

// outlierRenderItem draws one outlying posting as a small open circle.
// Each data item is [row, pay, offset], pay in thousand USD.
var outlierRenderItem = newJSFunc(`function (params, api) {
  var at = api.coord([api.value(1), api.value(0)]);
  return { type: 'circle', shape: { cx: at[0], cy: at[1] + api.value(2), r: 3 },
    style: { fill: '#ffffff', stroke: api.visual('color'), lineWidth: 1.2 } };
}`)

// thousands turns USD into thousand USD rounded to 0.1, what the axis shows.
func thousands(usd float64) float64 { return math.Round(usd/100) / 10 }

// newDistribution builds the chart of advertised pay by region, a box plot
// for each of OpenStack and Python roles, with outliers one by one.
func newDistribution(r Report) (chart, bool, error) {
	boxes := payBoxes(r.Pay, regionOrder(r.Premiums))
	if len(boxes) == 0 {
		return chart{}, false, nil
	}
	labels := make([]string, len(boxes))
	roles := []struct {
		name, colour string
		offset       float64
		box          func(regionBoxes) boxStats
	}{
		{"OpenStack roles", colourOpenStack, -boxGap / 2, func(b regionBoxes) boxStats { return b.OpenStack }},
		{"Python roles", colourPython, boxGap / 2, func(b regionBoxes) boxStats { return b.Python }},
	}
	c := gecharts.NewCustom()
	for _, role := range roles {
		var items, outliers []opts.CustomData
		for i, rb := range boxes {
			region := clean(rb.Region)
			labels[i] = fmt.Sprintf("%s (n=%s / %s)", region, count(rb.OpenStack.N), count(rb.Python.N))
			b := role.box(rb)
			if b.N == 0 {
				continue
			}
			items = append(items, opts.CustomData{
				Name: region,
				Value: []float64{float64(i), thousands(b.Low), thousands(b.Q1), thousands(b.Median),
					thousands(b.Q3), thousands(b.High), role.offset},
				Tooltip: &opts.Tooltip{Formatter: tooltipHTML(region+" — "+role.name,
					"n = "+count(b.N)+" postings with pay",
					"median "+usd(b.Median)+" a year",
					"middle half "+usd(b.Q1)+" to "+usd(b.Q3),
					"whiskers "+usd(b.Low)+" to "+usd(b.High),
					outlierNote(b.OutlierCount, len(b.Outliers)))},
			})
			for _, o := range b.Outliers {
				outliers = append(outliers, opts.CustomData{
					Name:  region,
					Value: []float64{float64(i), thousands(o.AnnualUSD), role.offset},
					Tooltip: &opts.Tooltip{Formatter: tooltipHTML(postingName(o),
						usd(o.AnnualUSD)+" a year", region+", "+role.name)},
				})
			}
		}
		c.AddSeries(role.name, items,
			gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: boxRenderItem.opt}),
			gecharts.WithEncodeOpts(opts.Encode{X: []int{1, 2, 3, 4, 5}, Y: 0}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: role.colour}),
		)
		// Same series name as the boxes, so the legend hides both together.
		c.AddSeries(role.name, outliers,
			gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: outlierRenderItem.opt}),
			gecharts.WithEncodeOpts(opts.Encode{X: 1, Y: 0}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: role.colour}),
		)
	}
	subtitle := "Advertised pay per year, USD; box: middle half, line: median"
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: distributionChartID}),
		gecharts.WithAnimation(false),
		titleOpts("Pay by region and role", subtitle, r.Synthetic),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Data: []string{roles[0].name, roles[1].name},
			Top: fmt.Sprint(distributionTop - 30), Left: "8"}),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithGridOpts(opts.Grid{
			Left: "8", Right: "24", Top: fmt.Sprint(distributionTop), Bottom: fmt.Sprint(distributionBottom),
			ContainLabel: opts.Bool(true),
		}),
		gecharts.WithXAxisOpts(opts.XAxis{
			Type: "value", Name: "Advertised pay per year (USD)", NameLocation: "middle", NameGap: 30, Min: 0,
			AxisLabel: &opts.AxisLabel{Formatter: "${value}k"},
		}),
		gecharts.WithYAxisOpts(opts.YAxis{
			Type: "category", Data: labels, Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Width: forestLabelWidth, Overflow: "break"},
		}),
	)
	c.Validate()
	options, err := encodeOptions(c.JSON(), boxRenderItem, outlierRenderItem)
	if err != nil {
		return chart{}, false, fmt.Errorf("%s: %w", distributionChartID, err)
	}
	return chart{
		ID:         distributionChartID,
		LabelWidth: forestLabelWidth,
		Height:     distributionTop + distributionRowHeight*len(boxes) + distributionBottom,
		Options:    string(options),
	}, true, nil
}

// outlierNote says how many outliers a box has and how many are drawn.
func outlierNote(n, drawn int) string {
	switch {
	case n == 0:
		return ""
	case n == 1:
		return "1 outlier, drawn as a circle"
	case drawn < n:
		return count(n) + " outliers; the " + count(drawn) + " farthest from the median drawn as circles"
	}
	return count(n) + " outliers, drawn as circles"
}

// postingName is how an outlier is named in its tooltip: "title — company".
func postingName(p PayPoint) string {
	switch {
	case p.Title != "" && p.Company != "":
		return p.Title + " — " + p.Company
	case p.Title != "":
		return p.Title
	case p.Company != "":
		return p.Company
	}
	return "A posting"
}
