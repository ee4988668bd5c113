// Package charts writes report.html: the one page a reader opens to see how
// much more OpenStack roles advertise than Python roles, by region, and how
// sure we are.
//
// It is an encoder, the last stage of the pipeline: Render takes finished
// estimates (data.Premium), the data funnel (data.Funnel), the sources and
// the method, and writes HTML. It computes nothing statistical and reads
// no files; the analysis lives in analyze/ and the wiring in cmd/.
//
// Every string in a Report may come from outside (region names from a
// config file, source names and URLs from a user), so the page is built to
// be safe whatever they hold. The HTML is written with html/template. The
// forest plot is built with go-echarts, but its options are encoded here,
// not by go-echarts: go-echarts writes options with HTML escaping off and
// turns any string wrapped in "__f__" into raw JavaScript, so a region
// named "</script><script>…" would run. See escape.go.
//
// Output is deterministic: the same Report gives byte-identical HTML, so
// the page can be diffed and golden-tested.
package charts
