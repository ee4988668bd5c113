package charts

import (
	_ "embed"
	"html/template"

	"github.com/jobmarket/jobmarket/charts/internal/echarts"
)

// The page is an html/template, so every string from a Report is escaped
// for where it lands (text, attribute, URL). The only values let through
// unescaped are the stylesheet and ECharts, which are ours, and the chart
// script, which chartScript has already made safe for a <script> element.
var (
	//go:embed report.html.tmpl
	pageSource string

	//go:embed report.css
	pageCSS string

	pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
		"css":            func() template.CSS { return template.CSS(pageCSS) },
		"echartsVersion": func() string { return echarts.Version },
		"slide":          func(chartID string) string { return slideNames[chartID] },
	}).Parse(pageSource))
)
