package charts

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"
	"gonum.org/v1/plot"

	"github.com/jobmarket/jobmarket/charts/internal/echarts"
)

// Slides makes the slides folder: every chart of the report as a 16:9
// PNG and SVG with its title and source line on the image, drawn with
// gonum's plot (no browser), and as a small HTML page of its own that
// draws the interactive chart with the echarts.min.js beside it (whose
// LICENSE and NOTICE come along). The files are named for the chart:
// premium-by-region, premium-compare, pay-by-region, premium-by-quarter,
// data-funnel; a chart the report has no data for has no files.
//
// The same Report always gives the same bytes. The errors returned are
// Render's for a row of an unknown method, and from building or encoding a
// chart: a bug here, not bad input.
func Slides(r Report) ([]File, error) {
	pg, err := newPage(r)
	if err != nil {
		return nil, fmt.Errorf("slides: %w", err)
	}
	frame := func(c chart) slideFrame {
		t := slideTitles[c.ID]
		return slideFrame{title: t.title, subtitle: t.subtitle(r), source: sourceLine(r), synthetic: r.Synthetic}
	}
	type slide struct {
		name   string
		chart  *chart
		plot   *plot.Plot
		legend []legendEntry
	}
	var slides []slide
	p, legend := intervalSlide(forestPlot(r))
	slides = append(slides, slide{"premium-by-region", &pg.Forest, p, legend})
	if pg.Compare != nil {
		p, legend := intervalSlide(comparisonPlot(r))
		slides = append(slides, slide{"premium-compare", pg.Compare, p, legend})
	}
	if p, legend, ok := distributionSlide(r); ok && pg.Distribution != nil {
		slides = append(slides, slide{"pay-by-region", pg.Distribution, p, legend})
	}
	if p, ok := trendSlide(r); ok && pg.Trend != nil {
		slides = append(slides, slide{"premium-by-quarter", pg.Trend, p, nil})
	}
	p, legend, ok, err := funnelSlide(r)
	if err != nil {
		return nil, err
	}
	if ok && pg.FunnelChart != nil {
		slides = append(slides, slide{"data-funnel", pg.FunnelChart, p, legend})
	}

	// Drawing a slide is the report's main cost (PNG encoding above all);
	// slides are independent, so they are drawn on every core, each into
	// its own place, and the files come out in slide order.
	drawn := make([][]File, len(slides))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, s := range slides {
		g.Go(func() error {
			f := frame(*s.chart)
			f.legend = s.legend
			pngBytes, svgBytes, err := renderSlide(s.plot, f)
			if err != nil {
				return fmt.Errorf("slide %s: %w", s.name, err)
			}
			html, err := slidePage(r, *s.chart, f, s.name)
			if err != nil {
				return fmt.Errorf("slide %s: %w", s.name, err)
			}
			drawn[i] = []File{{s.name + ".png", pngBytes}, {s.name + ".svg", svgBytes}, {s.name + ".html", html}}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	files := slices.Concat(drawn...)
	files = append(files,
		File{"echarts.min.js", []byte(echarts.Script)},
		File{"ECHARTS-LICENSE", []byte(echarts.License)},
		File{"ECHARTS-NOTICE", []byte(echarts.Notice)},
		File{"ECHARTS-LICENSE-d3", []byte(echarts.LicenseD3)},
	)
	return files, nil
}

// slideTitles are the slides' titles and subtitles, by chart ID.
var slideTitles = map[string]struct {
	title    string
	subtitle func(Report) string
}{
	forestChartID: {"OpenStack pay premium over Python, by region", func(r Report) string {
		return periodPrefix(r) + "Estimate and " + confidenceLevel(r.Method.Confidence) + " interval; n = OpenStack / Python postings with pay"
	}},
	compareChartID: {"OpenStack pay premium: this period and the one before", func(r Report) string {
		return r.Period + " (filled) against " + r.Previous.Period + " (open), with " + confidenceLevel(r.Method.Confidence) + " intervals"
	}},
	distributionChartID: {"Advertised pay of OpenStack and Python roles", func(r Report) string {
		return periodPrefix(r) + "Box: middle half of postings, thick line: median, whiskers: 1.5 box lengths, circles: beyond"
	}},
	trendChartID: {"OpenStack pay premium over Python, by quarter", func(r Report) string {
		return "All regions: estimate, with its " + confidenceLevel(r.Method.Confidence) + " interval as a band"
	}},
	funnelChartID: {"From fetched postings to the estimate", func(r Report) string {
		return periodPrefix(r) + "Postings left after each step, by source"
	}},
}

func periodPrefix(r Report) string {
	if r.Period == "" {
		return ""
	}
	return r.Period + ": "
}

var (
	//go:embed slide.html.tmpl
	slidePageSource string

	slidePageTemplate = template.Must(template.New("slide").Funcs(template.FuncMap{
		"css": func() template.CSS { return template.CSS(slideCSS) },
	}).Parse(slidePageSource))
)

// slideCSS is the slide pages' whole stylesheet.
const slideCSS = `body { margin: 0; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #ffffff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
p { margin: 0.25rem 0; color: #4b5563; }
.warn { color: #9a3412; font-weight: 600; }
.chart { width: 100%; }
.chart img { width: 100%; height: auto; }`

// slidePage is one chart's own HTML page. It loads echarts.min.js from
// beside it and falls back to the chart's SVG when scripts cannot run.
func slidePage(r Report, c chart, f slideFrame, name string) ([]byte, error) {
	script, err := chartScript([]chart{c})
	if err != nil {
		return nil, err
	}
	view := struct {
		Title, Subtitle, Source, Name string
		Synthetic                     bool
		Chart                         chart
		Script                        template.JS
		Policy                        string
	}{f.title, slideTitles[c.ID].subtitle(r), f.source, name, r.Synthetic, c, script, slidePolicy(string(script))}
	var buf bytes.Buffer
	if err := slidePageTemplate.Execute(&buf, view); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
