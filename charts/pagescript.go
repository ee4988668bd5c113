package charts

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// drawScript draws every chart of a page with ECharts' SVG renderer (crisp
// when printed or zoomed) and keeps it fitted to its container: on a narrow
// screen (under 560px) the title gets smaller, and a region label puts its
// sample sizes on a second line and gets at most a third of the chart, so
// the intervals keep their room. It is our own code and, like the options, holds no '<', '>' or '&'
// (hence Math.min for a comparison), so nothing in it can end the <script>
// element. SPECS is replaced by the array of charts.
const drawScript = `(function () {
  "use strict";
  if (typeof echarts === "undefined") {
    return;
  }
  SPECS.forEach(function (spec) {
    var el = document.getElementById(spec.id);
    if (!el) {
      return;
    }
    el.textContent = "";
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(spec.option);
    var labels = spec.labelWidth ? spec.option.yAxis[0].data : null;
    function fit() {
      var narrow = Math.min(el.clientWidth, 560) !== 560;
      chart.setOption({ title: { textStyle: { fontSize: narrow ? 15 : 18 } } });
      if (labels) {
        chart.setOption({ yAxis: [{
          data: labels.map(function (label) { return narrow ? label.replace(" (n=", "\n(n=") : label; }),
          axisLabel: { width: Math.min(spec.labelWidth, Math.round(el.clientWidth / 3)), lineHeight: 15 }
        }] });
      }
      chart.resize();
    }
    fit();
    window.addEventListener("resize", fit);
    window.addEventListener("beforeprint", fit);
  });
})();`

// chartScript is the inline script that draws charts: drawScript with the
// charts' IDs, label widths and options. Chart IDs are our constants and
// options come from encodeOptions, so the whole is safe in <script>; it is
// checked once more all the same.
func chartScript(charts []chart) (template.JS, error) {
	var specs strings.Builder
	specs.WriteString("[")
	for i, c := range charts {
		if i > 0 {
			specs.WriteString(",\n")
		}
		fmt.Fprintf(&specs, `{"id":%s,"labelWidth":%d,"option":%s}`, strconv.Quote(c.ID), c.LabelWidth, c.Options)
	}
	specs.WriteString("]")
	script := strings.Replace(drawScript, "SPECS", specs.String(), 1)
	if strings.ContainsAny(script, "<>&") || strings.Contains(script, funcMarker) {
		return "", fmt.Errorf("%w: raw <, > or & in the chart script", errUnsafeOptions)
	}
	return template.JS(script), nil
}

// contentPolicy is the page's Content-Security-Policy: nothing may be
// loaded from anywhere (no network, no file), and only the inline scripts
// whose SHA-256 is listed may run. Escaping is what keeps an outside string
// from becoming code; the policy is a second wall behind it, so that if
// escaping ever failed, an injected <script> or onerror= would still not
// run and an injected <img> would not call out. Inline styles stay allowed
// because ECharts sets them on the elements it draws.
func contentPolicy(scripts ...string) string {
	hashes := make([]string, len(scripts))
	for i, s := range scripts {
		sum := sha256.Sum256([]byte(s))
		hashes[i] = "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return "default-src 'none'; script-src " + strings.Join(hashes, " ") +
		"; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
}

// slidePolicy is contentPolicy for a slide page, which loads its own SVG
// from its folder and nothing else, and runs only its inline script.
func slidePolicy(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "default-src 'none'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
}
