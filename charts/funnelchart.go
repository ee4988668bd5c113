package charts

import (
	"fmt"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/jobmarket/jobmarket/data"
)

// funnelChartID is the data funnel chart's element ID.
const funnelChartID = "data-funnel"

// funnelHeight is the funnel chart's height in CSS pixels: 70 a step.
const funnelHeight = 70 * 10

// funnelSteps are the steps a posting goes through, in order, with how to
// read each from a data.Funnel: the bars of the chart. name is short
// enough for an axis label on a phone; long says it in full for the
// tooltip. After Unique, each step takes out the postings whose place
// keeps them out of the estimate, and lost counts them.
var funnelSteps = []struct {
	name, long string
	count      func(data.Funnel) int
	lost       func(data.Funnel) (int, string)
}{
	{"Fetched", "Fetched", func(f data.Funnel) int { return f.Fetched }, nil},
	{"Parsed", "Parsed", func(f data.Funnel) int { return f.Parsed }, nil},
	{"With pay", "With pay", func(f data.Funnel) int { return f.WithPay }, nil},
	{"Classified", "OpenStack or Python role", func(f data.Funnel) int { return f.Classified }, nil},
	{"Unique", "Unique (not a repeat)", func(f data.Funnel) int { return f.Unique }, nil},
	{"Place known", "Place known", func(f data.Funnel) int { return f.Unique - f.PlaceUnknown },
		func(f data.Funnel) (int, string) { return f.PlaceUnknown, "place unknown" }},
	{"In a region", "Country in a configured region", func(f data.Funnel) int { return f.Unique - f.PlaceUnknown - f.NoRegion },
		func(f data.Funnel) (int, string) { return f.NoRegion, "country in no configured region" }},
	{"Region estimated", "In a region the analysis estimates", func(f data.Funnel) int { return f.Unique - f.PlaceUnknown - f.NoRegion - f.OutsideRegions },
		func(f data.Funnel) (int, string) { return f.OutsideRegions, "in a region not estimated" }},
	{"In one region", "In one region", func(f data.Funnel) int { return f.InEstimate + f.Anywhere },
		func(f data.Funnel) (int, string) { return f.MultiRegion, "open in several regions" }},
	{"In estimate", "In the All regions estimate", func(f data.Funnel) int { return f.InEstimate },
		func(f data.Funnel) (int, string) { return f.Anywhere, "open anywhere (a row of their own)" }},
}

// sourcePalette colours the sources of the funnel, in order; a tenth
// source takes the first colour again, and the legend still names each.
var sourcePalette = []string{"#2563eb", "#c2410c", "#047857", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#4d7c0f", "#475569"}

// newFunnel builds the data funnel: one stacked bar per step, one colour
// per source, so the chart shows both how much survives each step and
// which source lost it. The bars lie down, steps read top to bottom, so
// the step names keep their room on a phone.
func newFunnel(r Report) (chart, bool, error) {
	if len(r.Funnel) == 0 {
		return chart{}, false, nil
	}
	steps := make([]string, len(funnelSteps))
	for i, s := range funnelSteps {
		steps[i] = s.name
	}
	c := gecharts.NewBar()
	c.SetXAxis(steps).XYReversal() // the steps go on the y axis
	var names []string
	for i, f := range r.Funnel {
		source := clean(f.Source)
		if source == "" {
			source = "(unnamed source)"
		}
		names = append(names, source)
		bars := make([]opts.BarData, len(funnelSteps))
		for j, s := range funnelSteps {
			n := s.count(f)
			lines := []string{s.long + ": " + count(n) + " postings", share(n, f.Fetched) + " of those fetched"}
			if s.lost != nil {
				lost, why := s.lost(f)
				lines = append(lines, count(lost)+" left out: "+why)
			}
			bars[j] = opts.BarData{Value: n, Tooltip: &opts.Tooltip{Formatter: tooltipHTML(source, lines...)}}
		}
		c.AddSeries(source, bars,
			gecharts.WithBarChartOpts(opts.BarChart{Stack: "sources", BarWidth: "55%"}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: sourcePalette[i%len(sourcePalette)]}),
		)
	}
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: funnelChartID}),
		gecharts.WithAnimation(false),
		titleOpts("From fetched to estimated", "Postings left after each step, by source", r.Synthetic),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Data: names, Top: fmt.Sprint(forestTop - 8), Left: "8"}),
		// The axis has no name: "postings" is in the subtitle, and a name
		// above the axis would sit on the legend.
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: fmt.Sprint(forestTop + forestLegend), Bottom: "16", ContainLabel: opts.Bool(true)}),
		gecharts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	c.Validate()
	options, err := encodeOptions(c.JSON())
	if err != nil {
		return chart{}, false, fmt.Errorf("%s: %w", funnelChartID, err)
	}
	return chart{ID: funnelChartID, Height: funnelHeight, LabelWidth: 120, Options: string(options)}, true, nil
}
