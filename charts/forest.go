package charts

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/jobmarket/jobmarket/data"
)

// forestChartID is the chart's element ID, pinned so the page is the same
// on every run (go-echarts would otherwise draw a random one).
const forestChartID = "premium-forest"

// Forest plot geometry, in CSS pixels. The height grows with the number of
// regions so that each row keeps room for its label and its caps.
const (
	forestTop       = 84 // title and subtitle
	forestRowHeight = 46
	forestBottom    = 56 // axis labels and axis name
	// forestLabelWidth is the widest a region label may be before it
	// wraps; the page script narrows it on a phone.
	forestLabelWidth = 170
)

// Colours: the pooled estimate in near-black so it reads as the summary,
// regional estimates in blue, withheld labels in grey.
const (
	colourOverall  = "#1f2933"
	colourRegion   = "#2563eb"
	colourWithheld = "#6b7280"
)

// intervalRenderItem draws one estimate: a horizontal line from the lower
// to the upper bound, a cap at each end (a quarter of the row height, at
// most 9 px, so the interval cannot be mistaken for a bar), and a filled
// dot at the estimate. Each data item is [row, estimate, low, high] in
// percent; the row is the index on the category axis.
var intervalRenderItem = newJSFunc(`function (params, api) {
  var row = api.value(0);
  var mid = api.coord([api.value(1), row]);
  var low = api.coord([api.value(2), row]);
  var high = api.coord([api.value(3), row]);
  var cap = Math.min(api.size([0, 1])[1] / 4, 9);
  var colour = api.visual('color');
  var stroke = { stroke: colour, lineWidth: 2 };
  return { type: 'group', children: [
    { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: stroke },
    { type: 'line', shape: { x1: low[0], y1: low[1] - cap, x2: low[0], y2: low[1] + cap }, style: stroke },
    { type: 'line', shape: { x1: high[0], y1: high[1] - cap, x2: high[0], y2: high[1] + cap }, style: stroke },
    { type: 'circle', shape: { cx: mid[0], cy: mid[1], r: 5 }, style: { fill: colour, stroke: '#ffffff', lineWidth: 1.5 } }
  ] };
}`)

// withheldRenderItem writes "withheld" on the zero line of a row whose
// estimate was withheld, so the empty row is not read as a zero premium.
// Each data item is [row, 0].
var withheldRenderItem = newJSFunc(`function (params, api) {
  var at = api.coord([0, api.value(0)]);
  return { type: 'text', x: at[0], y: at[1], style: {
    text: 'withheld', fill: api.visual('color'), align: 'center', verticalAlign: 'middle',
    font: 'italic 13px sans-serif', backgroundColor: '#ffffff', padding: [2, 6]
  } };
}`)

// forest is what the page template needs to draw the forest plot.
type forest struct {
	ID         string
	Height     int         // CSS pixels
	LabelWidth int         // CSS pixels, the widest a region label may be
	Options    template.JS // ECharts options, safe inside <script>
	ScriptURL  string      // ECharts itself, from go-echarts' asset host
}

// forestRows picks the rows the plot shows: every region pooled over
// quarters, with "All regions" first whatever order they came in.
func forestRows(rows []data.Premium) []data.Premium {
	var out []data.Premium
	for _, p := range rows {
		if p.Quarter == data.QuarterAll {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Premium) int {
		return boolRank(b.Region == data.RegionAll) - boolRank(a.Region == data.RegionAll)
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newForest builds the forest plot of the premium by region with
// go-echarts and encodes its options with encodeOptions.
func newForest(r Report) (forest, error) {
	rows := forestRows(r.Premiums)
	labels := make([]string, len(rows))
	var estimates, withheld []opts.CustomData
	for i, p := range rows {
		region := clean(p.Region)
		labels[i] = fmt.Sprintf("%s (n=%s / %s)", region, count(p.NOpenStack), count(p.NPython))
		sizes := fmt.Sprintf("n = %s OpenStack, %s Python", count(p.NOpenStack), count(p.NPython))
		if isWithheld(p) {
			note := p.Note
			if note == "" {
				note = "withheld"
			}
			withheld = append(withheld, opts.CustomData{
				Name:    region,
				Value:   []float64{float64(i), 0},
				Tooltip: &opts.Tooltip{Formatter: tooltipHTML(region, clean(note), sizes)},
			})
			continue
		}
		colour := colourRegion
		if p.Region == data.RegionAll {
			colour = colourOverall
		}
		estimate := fmt.Sprintf("%s (%s %s)", signedPercent(p.Premium),
			ciLabel(p, r.Method), interval(p.CILow, p.CIHigh))
		estimates = append(estimates, opts.CustomData{
			Name:      region,
			Value:     []float64{float64(i), percent(p.Premium), percent(p.CILow), percent(p.CIHigh)},
			ItemStyle: &opts.ItemStyle{Color: colour},
			Tooltip:   &opts.Tooltip{Formatter: tooltipHTML(region, estimate, sizes)},
		})
	}

	subtitle := strings.Join(strings.Fields("OpenStack over Python: estimate and "+confidenceLevel(r.Method.Confidence)+" interval"), " ")
	if r.Synthetic {
		subtitle += "\nSynthetic demo data — not real job postings"
	}
	lo, hi := axisRange(rows)
	c := gecharts.NewCustom()
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: forestChartID}),
		gecharts.WithAnimation(false), // a printed page must not catch a half-drawn chart
		gecharts.WithTitleOpts(opts.Title{
			Title:         "Pay premium by region",
			Subtitle:      subtitle,
			SubtitleStyle: &opts.TextStyle{Color: subtitleColour(r.Synthetic), FontSize: 12, LineHeight: 18},
		}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithGridOpts(opts.Grid{
			Left: "8", Right: "24", Top: fmt.Sprint(forestTop), Bottom: fmt.Sprint(forestBottom),
			ContainLabel: opts.Bool(true),
		}),
		gecharts.WithXAxisOpts(opts.XAxis{
			Type: "value", Name: "Premium (%)", NameLocation: "middle", NameGap: 30,
			Min: lo, Max: hi,
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
	c.AddSeries("estimate", estimates,
		gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: intervalRenderItem.opt}),
		gecharts.WithEncodeOpts(opts.Encode{X: []int{1, 2, 3}, Y: 0}),
		gecharts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: "no difference", XAxis: 0}),
		gecharts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "start", Formatter: "no difference"},
			LineStyle: &opts.LineStyle{Color: "#111827", Width: 1.5, Type: "solid"},
		}),
	)
	c.AddSeries("withheld", withheld,
		gecharts.WithCustomChartOpts(opts.CustomChart{RenderItem: withheldRenderItem.opt}),
		gecharts.WithEncodeOpts(opts.Encode{X: 1, Y: 0}),
		gecharts.WithItemStyleOpts(opts.ItemStyle{Color: colourWithheld}),
	)
	c.Validate()

	options, err := encodeOptions(c.JSON(), intervalRenderItem, withheldRenderItem)
	if err != nil {
		return forest{}, fmt.Errorf("forest plot: %w", err)
	}
	var script string
	if len(c.JSAssets.Values) > 0 {
		script = c.JSAssets.Values[0]
	}
	return forest{
		ID:         forestChartID,
		LabelWidth: forestLabelWidth,
		Height:     forestTop + forestRowHeight*max(len(rows), 1) + forestBottom,
		Options:    options,
		ScriptURL:  script,
	}, nil
}

// percent turns a fraction into percentage points rounded to 0.01, enough
// for a chart and short in the page.
func percent(f float64) float64 {
	return math.Round(f*10000) / 100
}

// axisRange is the value axis extent in percent: every interval and zero,
// padded and rounded out to a multiple of 5 so the ticks are round.
func axisRange(rows []data.Premium) (lo, hi float64) {
	for _, p := range rows {
		if !isWithheld(p) {
			lo, hi = math.Min(lo, percent(p.CILow)), math.Max(hi, percent(p.CIHigh))
		}
	}
	pad := math.Max((hi-lo)*0.08, 1)
	return math.Floor((lo-pad)/5) * 5, math.Ceil((hi+pad)/5) * 5
}

func subtitleColour(synthetic bool) string {
	if synthetic {
		return "#9a3412"
	}
	return "#4b5563"
}

// tooltipHTML builds the tooltip of one row: the first line bold, one line
// each after. ECharts sets a tooltip as innerHTML, so every line is escaped
// here, braces too, since ECharts would read "{b}" as a template field.
func tooltipHTML(title string, lines ...string) types.FuncStr {
	var b strings.Builder
	b.WriteString("<strong>" + tooltipEscape(title) + "</strong>")
	for _, l := range lines {
		b.WriteString("<br>" + tooltipEscape(l))
	}
	return types.FuncStr(b.String())
}

var braceEscaper = strings.NewReplacer("{", "&#123;", "}", "&#125;")

func tooltipEscape(s string) string {
	return braceEscaper.Replace(html.EscapeString(s))
}
