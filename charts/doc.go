// Package charts writes what people look at: report.html, the one page a
// reader opens to see how much more OpenStack roles advertise than Python
// roles, by region and quarter, and how sure we are; and the slides, each
// chart as a 16:9 PNG and SVG for a talk, and an HTML page per slide that
// shows it full screen, ← and → moving between them.
//
// Config is the report: section of pipeline.yaml (title, subtitle,
// organization, logo, accent colour); the caller reads the logo file and
// passes it through LogoURI, which checks its size and type.
//
// It is an encoder, the last stage of the pipeline: Render and Slides take
// a Report of finished estimates (data.Premium rows), the data funnel, the
// postings' pay, the sources and the method, and return bytes. It reads no
// files and estimates nothing; the only numbers it computes are the ones a
// chart draws, the quartiles of a box plot. The analysis lives in analyze/
// and the wiring in cmd/.
//
// Which premium rows are the headline, the adjusted and the pooled
// estimates is decided by their method, in one table (rows.go), so the
// report keeps up with analyze/ by changing that table alone.
//
// The page works offline: ECharts is embedded (internal/echarts, fetched
// and checked by go generate) and inlined, nothing is loaded from anywhere,
// and a Content-Security-Policy with the hashes of the page's own two
// scripts forbids loading or running anything else.
//
// Every string in a Report may come from outside (a region name from a
// config file, a source name, a posting's title and company as scraped),
// so the outputs are built to be safe whatever they hold:
//   - HTML is written with html/template;
//   - chart options are built with go-echarts but encoded here, not by
//     go-echarts, which writes them with HTML escaping off and turns any
//     string wrapped in "__f__" into raw JavaScript (escape.go);
//   - tooltips, which ECharts sets as innerHTML, are escaped line by line;
//   - slide text goes through gonum's SVG writer, which escapes markup,
//     after control characters, which XML cannot hold, are removed.
//
// Output is deterministic: the same Report gives byte-identical HTML, PNG
// and SVG, so the outputs can be diffed and golden-tested.
package charts
