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
)

// Slides makes the slides folder: every chart of the report as a 16:9
// PNG and SVG with its title and source line on the image in type large
// enough for a room, drawn with gonum's plot (no browser), and as an HTML
// page that shows the slide on the whole screen, letterboxed to 16:9, with
// links to the slides before and after it that the ← and → keys follow:
// opened in a browser, the folder is a slide show. The files are named for
// the chart: premium-by-region, premium-compare, pay-by-region,
// premium-by-quarter, data-funnel; a chart the report has no data for has
// no files.
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
	slides = append(slides, slide{slideNames[forestChartID], &pg.Forest, p, legend})
	if pg.Compare != nil {
		p, legend := intervalSlide(comparisonPlot(r))
		slides = append(slides, slide{slideNames[compareChartID], pg.Compare, p, legend})
	}
	if p, legend, ok := distributionSlide(r); ok && pg.Distribution != nil {
		slides = append(slides, slide{slideNames[distributionChartID], pg.Distribution, p, legend})
	}
	if p, ok := trendSlide(r); ok && pg.Trend != nil {
		slides = append(slides, slide{slideNames[trendChartID], pg.Trend, p, nil})
	}
	p, legend, ok, err := funnelSlide(r)
	if err != nil {
		return nil, err
	}
	if ok && pg.FunnelChart != nil {
		slides = append(slides, slide{slideNames[funnelChartID], pg.FunnelChart, p, legend})
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
			var prev, next string
			if i > 0 {
				prev = slides[i-1].name
			}
			if i+1 < len(slides) {
				next = slides[i+1].name
			}
			html, err := slidePage(f, s.name, prev, next, r.Synthetic)
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
	return slices.Concat(drawn...), nil
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

// slideCSS is the slide pages' whole stylesheet: the slide as large as
// the window allows at 16:9, on black, the links to the other slides
// small in the corners below it.
const slideCSS = `html, body { margin: 0; height: 100%; background: #000000; }
body { display: flex; flex-direction: column; align-items: center; justify-content: center; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.slide { width: min(100vw, calc((100vh - 2.5rem) * 16 / 9)); aspect-ratio: 16 / 9; background: #ffffff; }
.slide img { display: block; width: 100%; height: 100%; }
nav { width: min(100vw, calc((100vh - 2.5rem) * 16 / 9)); display: flex; justify-content: space-between; height: 2.5rem; align-items: center; padding: 0 0.5rem; box-sizing: border-box; }
nav a { color: #d1d5db; text-decoration: none; }
nav .keys { color: #9ca3af; font-size: 0.85rem; }
@media print { body { background: #ffffff; } nav { display: none; } }`

// slideKeys is the slide pages' one script: ← and → follow the links to
// the slide before and after.
const slideKeys = `document.addEventListener("keydown", function (e) {
  var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : "";
  var link = rel ? document.querySelector("a[rel=" + rel + "]") : null;
  if (link) {
    link.click();
  }
});`

// slidePage is one slide's HTML page: the slide's SVG (which carries its
// title, legend, source and the synthetic-data badge) filling the window at
// 16:9, and links to the slides before and after it, named prev and next
// ("" at either end).
func slidePage(f slideFrame, name, prev, next string, synthetic bool) ([]byte, error) {
	view := struct {
		Title, Alt, Name, Prev, Next string
		Synthetic                    bool
		Script                       template.JS
		Policy                       string
	}{f.title, f.title + ". " + f.subtitle + ". " + f.source, name, prev, next, synthetic,
		template.JS(slideKeys), slidePolicy(slideKeys)}
	var buf bytes.Buffer
	if err := slidePageTemplate.Execute(&buf, view); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
