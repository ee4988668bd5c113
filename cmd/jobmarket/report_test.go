package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/data"
)

// reportOut keeps the browser test's output folders (the report, slides
// and screenshots) under a folder of your choice instead of a temporary
// one:
//
//	go test ./cmd/jobmarket -run ReportBrowser -args -report.out=$PWD/out/browser-test
var reportOut = flag.String("report.out", "", "keep the browser test's output folders under `DIR`")

// Strings that try to break out of the page, put into every outside string
// the report shows: a posting's title and company, a region, a source.
const (
	xssTitle   = `</script><img src=x onerror=alert(1)>`
	xssCompany = `"><svg onload=alert(2)>`
	xssRegion  = `</title><script>alert(3)</script>`
	xssSource  = `__f__alert(4)__f__<b onmouseover=alert(5)>`
)

// TestReportBrowser runs the demo pipeline, then once more with hostile
// names everywhere (and limited to one quarter), and opens each report and
// each slide page in headless Chromium with the network cut off. Each page
// must load without a console error, ask for nothing beyond the file
// system, draw every chart, and run none of the injected code. The demo
// report and the one limited to a quarter are laid out at 390 px and at
// 1440 px, and in dark mode, with no chart text overlapping other text or
// cut at a chart's edge, no cut table cell, and at 1440 px no table wider
// than the page. Screenshots of the demo report, on a desktop, on a phone
// and in dark mode, and a print to PDF are saved beside it. The slide
// pages must show their slide, and → must go to the next.
//
// It needs Chromium (Debian's chromium package); without it the test
// skips, unless CI is set, where .ci/run installs it and a skip would hide
// a broken install.
func TestReportBrowser(t *testing.T) {
	chromium := findChromium(t)
	config, out := demoConfig(t)
	if *reportOut != "" {
		out = filepath.Join(*reportOut, "demo")
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCmd(t, "run", "-q", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	b := newBrowser(t, chromium)
	t.Run("demo", func(t *testing.T) {
		res := b.open(t, filepath.Join(out, ReportFile), browserShots{
			desktop: filepath.Join(out, "report-screenshot.png"),
			phone:   filepath.Join(out, "report-phone.png"),
			pdf:     filepath.Join(out, "report-print.pdf"),
			dark:    filepath.Join(out, "report-dark.png"),
			layout:  true,
			docs:    *reportDocs,
		})
		res.check(t, 4)
		checkDownloads(t, out, res.downloads)
		for _, want := range []string{"Synthetic demo data", "Premium by region", "Pay by region", "Quarter by quarter", "From fetched to estimated"} {
			if !strings.Contains(res.text, want) {
				t.Errorf("report does not show %q", want)
			}
		}
		openSlides(t, b, out)
	})

	hostileDir := filepath.Join(filepath.Dir(out), "hostile")
	if *reportOut != "" {
		hostileDir = filepath.Join(*reportOut, "hostile")
	}
	hostileConfig := writeHostile(t, config, out, hostileDir)
	for _, args := range [][]string{{"analyze"}, {"report"}} {
		if code, _, stderr := runCmd(t, append(args, "-q", "-c", hostileConfig, "-o", hostileDir)...); code != exitOK {
			t.Fatalf("%s exited %d: %s", args[0], code, stderr)
		}
	}
	t.Run("hostile", func(t *testing.T) {
		res := b.open(t, filepath.Join(hostileDir, ReportFile), browserShots{
			desktop: filepath.Join(hostileDir, "report-screenshot.png"),
			tooltip: "onerror",
		})
		res.check(t, 4)
		res.checkShown(t, xssRegion, xssSource)
		if !strings.Contains(res.tooltips, xssTitle) || !strings.Contains(res.tooltips, xssCompany) {
			t.Errorf("outlier tooltips %q do not show the hostile title and company as text", res.tooltips)
		}
		openSlides(t, b, hostileDir)
	})
	for _, args := range [][]string{{"analyze", "--quarter", "2026Q3"}, {"report", "--quarter", "2026Q3"}} {
		if code, _, stderr := runCmd(t, append(args, "-q", "-c", hostileConfig, "-o", hostileDir)...); code != exitOK {
			t.Fatalf("%s exited %d: %s", args[0], code, stderr)
		}
	}
	t.Run("hostile quarter", func(t *testing.T) {
		res := b.open(t, filepath.Join(hostileDir, ReportFile), browserShots{
			desktop: filepath.Join(hostileDir, "report-quarter-screenshot.png"),
			phone:   filepath.Join(hostileDir, "report-quarter-phone.png"),
			layout:  true,
		})
		res.check(t, 5) // the comparison with 2026Q2 too
		res.checkShown(t, xssRegion, "2026Q2")
	})
}

// findChromium finds Debian's chromium, or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but chromium is not installed: .ci/run installs Debian's chromium package; the browser test must run in CI")
	}
	t.Skip("chromium is not installed (apt-get install chromium); skipping the browser test of report.html")
	return ""
}

// writeHostile makes a second output folder from the demo one in which
// every outside string the report shows holds markup: the demo listings
// with North America renamed, a source renamed, and the best-paid postings
// retitled (they are the outliers the distribution names). It returns the
// path of a config whose region and source carry the same names.
func writeHostile(t *testing.T, config, demo, dir string) string {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(demo, ListingsArrowFile))
	if err != nil {
		t.Fatal(err)
	}
	listings, err := data.ReadListingsIPC(f, memory.DefaultAllocator)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	retitled := 0
	for i := range listings {
		l := &listings[i]
		if l.Region == "North America" {
			l.Region = xssRegion
		}
		if l.Source == "cloudjobs" {
			l.Source = xssSource
		}
		if !math.IsNaN(l.SalaryAnnualUSD) && l.SalaryAnnualUSD > 300000 && retitled < 5 {
			l.Title, l.Company = xssTitle, xssCompany
			retitled++
		}
	}
	if retitled == 0 {
		t.Fatal("no posting above $300,000 to retitle; the demo data changed")
	}
	err = data.WriteFileAtomic(filepath.Join(dir, ListingsArrowFile), func(f *os.File) error {
		return data.WriteListingsIPC(f, memory.DefaultAllocator, listings)
	})
	if err != nil {
		t.Fatal(err)
	}
	rejects, err := os.ReadFile(filepath.Join(demo, RejectsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, RejectsFile), rejects, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	quote := func(s string) string { b, _ := json.Marshal(s); return string(b) } // JSON strings are YAML
	regions, err := yaml.Marshal(DefaultPipeline().Regions)
	if err != nil {
		t.Fatal(err)
	}
	indented := "  " + strings.ReplaceAll(strings.TrimSuffix(string(regions), "\n"), "\n", "\n  ") + "\n"
	cfg := string(raw) + "regions:\n" + strings.Replace(indented, "North America:", quote(xssRegion)+":", 1)
	cfg = strings.Replace(cfg, "name: cloudjobs", "name: "+quote(xssSource), 1)
	if !strings.Contains(cfg, quote(xssRegion)) || !strings.Contains(cfg, quote(xssSource)) {
		t.Fatal("the default regions no longer name North America, or pipeline.yaml cloudjobs; update this test")
	}
	path := filepath.Join(dir, "hostile.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// openSlides opens every slide page of an output folder.
func openSlides(t *testing.T, b *browser, out string) {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(out, SlidesDir, "*.html"))
	if err != nil || len(pages) < 4 {
		t.Fatalf("slides: %d pages (%v), want at least 4", len(pages), err)
	}
	first := filepath.Join(out, SlidesDir, "premium-by-region.html")
	for _, p := range pages {
		t.Run(filepath.Base(p), func(t *testing.T) {
			shots := browserShots{}
			if p == first {
				shots.key = kb.ArrowRight
			}
			res := b.open(t, p, shots)
			res.check(t, 0)
			if res.images != 1 {
				t.Errorf("%s shows %d slide images, want 1", p, res.images)
			}
			if p == first && !strings.HasSuffix(res.after, "/pay-by-region.html") {
				t.Errorf("→ on %s went to %q, want the next slide, pay-by-region.html", p, res.after)
			}
		})
	}
}

// checkDownloads checks that every chart's download links name a file of
// the slides folder.
func checkDownloads(t *testing.T, out string, links []string) {
	t.Helper()
	if len(links) < 12 {
		t.Errorf("the report has %d download links to slide files, want 3 for each of its 4 charts", len(links))
	}
	for _, l := range links {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(l))); err != nil {
			t.Errorf("download link %s: %v", l, err)
		}
	}
}

// browser is one headless Chromium for the whole test, each page in a tab
// of its own.
type browser struct {
	ctx context.Context
}

// newBrowser starts Chromium with the network cut off: no host name
// resolves and every connection goes to a proxy at 127.0.0.1:9, where
// nothing listens, so a request that got past the page's own policy
// would fail, and every request is recorded all the same.
func newBrowser(t *testing.T, path string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("proxy-server", "127.0.0.1:9"),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("start %s: %v", path, err)
	}
	return &browser{ctx: ctx}
}

// browserShots names the files a page is saved to; empty names are
// skipped. tooltip, when set, opens the tooltip of every chart item whose
// tooltip holds it, so injected markup in a tooltip gets its chance to run.
// layout checks the layout at 1440 px, 390 px and in dark mode (dark names
// the dark screenshot); docs is the folder for the README's screenshots;
// key is a key pressed after loading, whose effect on the page's location
// is the result's after.
type browserShots struct {
	desktop, phone, pdf, dark, tooltip string
	layout                             bool
	docs                               string
	key                                string
}

// pageResult is what a page did in the browser.
type pageResult struct {
	url       string
	problems  []string // console errors, exceptions, log errors, dialogs
	requests  []string // every URL the page asked for
	xss       []string // calls of alert
	charts    []chartDrawn
	text      string   // the page's visible text
	injected  int      // elements an outside string could have made
	tooltips  string   // the text of the tooltips opened
	images    int      // images shown (loaded, of some width)
	downloads []string // the targets of links into the slides folder
	layout    []string // layout problems, when checked
	after     string   // the location after the key was pressed
}

// chartDrawn is a chart container and how many SVG shapes it holds.
type chartDrawn struct {
	ID     string `json:"id"`
	Shapes int    `json:"shapes"`
}

// watchScript runs before the page's own scripts: alert and its kin record
// their calls instead of opening a dialog, so an injected alert(1) is seen.
const watchScript = `window.__xss = [];
["alert", "confirm", "prompt"].forEach(function (name) {
  window[name] = function (m) { window.__xss.push(name + "(" + String(m) + ")"); };
});`

// tooltipScript opens, one after another, the tooltip of every chart item
// whose tooltip holds NEEDLE, as a hover would, and returns the text each
// showed. ECharts writes a tooltip with innerHTML: this is where escaping
// matters most.
const tooltipScript = `(function () {
  var texts = [];
  document.querySelectorAll("div.chart").forEach(function (el) {
    var chart = echarts.getInstanceByDom(el);
    if (!chart) {
      return;
    }
    chart.getOption().series.forEach(function (s, si) {
      (s.data || []).forEach(function (d, di) {
        var f = d && d.tooltip && d.tooltip.formatter;
        if (typeof f === "string" && f.indexOf(NEEDLE) !== -1) {
          chart.dispatchAction({ type: "showTip", seriesIndex: si, dataIndex: di });
          texts.push(el.innerText);
          chart.dispatchAction({ type: "hideTip" });
        }
      });
    });
  });
  return texts.join("\n");
})()`

// inspectScript reports the charts drawn, the alerts called and the
// elements that only injected markup would make.
const inspectScript = `JSON.stringify({
  charts: Array.from(document.querySelectorAll("div.chart")).map(function (el) {
    var svg = el.querySelector("svg");
    return { id: el.id, shapes: svg ? svg.querySelectorAll("path, text, circle, rect, polygon, polyline, line").length : 0 };
  }),
  xss: window.__xss || [],
  injected: document.querySelectorAll("img[onerror], svg[onload], [onmouseover], img[src='x'], b").length +
    Math.max(document.scripts.length - 2, 0),
  text: document.body.innerText,
  images: Array.from(document.images).filter(function (img) { return img.complete && img.naturalWidth > 0; }).length,
  downloads: Array.from(document.querySelectorAll("a[href^='slides/']")).map(function (a) { return a.getAttribute("href"); })
})`

// open loads a file in a new tab, waits for it to draw, inspects it and
// saves the screenshots asked for.
func (b *browser) open(t *testing.T, path string, shots browserShots) pageResult {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	res := pageResult{url: "file://" + abs}
	ctx, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				res.problems = append(res.problems, fmt.Sprintf("console.%s: %s", ev.Type, consoleArgs(ev.Args)))
			}
		case *runtime.EventExceptionThrown:
			res.problems = append(res.problems, "exception: "+exceptionText(ev.ExceptionDetails))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				res.problems = append(res.problems, fmt.Sprintf("log %s (%s): %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text))
			}
		case *network.EventRequestWillBeSent:
			res.requests = append(res.requests, ev.Request.URL)
		case *page.EventJavascriptDialogOpening:
			res.problems = append(res.problems, "dialog: "+ev.Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	setup := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, runtime.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript})
		return err
	})
	if err := chromedp.Do(ctx, setup, chromedp.Navigate(res.url)); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if shots.tooltip != "" {
		needle, _ := json.Marshal(shots.tooltip)
		if res.tooltips, err = chromedp.Run(ctx, chromedp.Evaluate[string](strings.Replace(tooltipScript, "NEEDLE", string(needle), 1))); err != nil {
			t.Fatalf("tooltips of %s: %v", path, err)
		}
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](inspectScript))
	if err != nil {
		t.Fatalf("inspect %s: %v", path, err)
	}
	var seen struct {
		Charts    []chartDrawn `json:"charts"`
		XSS       []string     `json:"xss"`
		Injected  int          `json:"injected"`
		Text      string       `json:"text"`
		Images    int          `json:"images"`
		Downloads []string     `json:"downloads"`
	}
	if err := json.Unmarshal([]byte(raw), &seen); err != nil {
		t.Fatal(err)
	}
	res.charts, res.xss, res.injected, res.text = seen.Charts, seen.XSS, seen.Injected, seen.Text
	res.images, res.downloads = seen.Images, seen.Downloads

	if shots.layout {
		problems, err := checkLayout(ctx, desktopView)
		if err != nil {
			t.Fatalf("layout of %s: %v", path, err)
		}
		res.layout = append(res.layout, problems...)
	}
	if shots.desktop != "" {
		save(t, ctx, shots.desktop, chromedp.FullScreenshot(100))
	}
	if shots.pdf != "" {
		save(t, ctx, shots.pdf, chromedp.PrintToPDF(chromedp.PDFPrintBackground()))
	}
	if shots.layout {
		res.layout = append(res.layout, checkDark(t, ctx, shots.dark)...)
		res.layout = append(res.layout, checkPrint(t, ctx)...)
		problems, err := checkLayout(ctx, phoneView)
		if err != nil {
			t.Fatalf("layout of %s: %v", path, err)
		}
		res.layout = append(res.layout, problems...)
	}
	if shots.phone != "" {
		phone := chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		if err := chromedp.Do(ctx, phone, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		save(t, ctx, shots.phone, chromedp.FullScreenshot(100))
	}
	if shots.docs != "" {
		saveDocShots(t, ctx, shots.docs)
	}
	if shots.key != "" {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(shots.key), chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		if res.after, err = chromedp.Run(ctx, chromedp.Evaluate[string]("location.href")); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	res.problems = append([]string(nil), res.problems...)
	res.requests = append([]string(nil), res.requests...)
	return res
}

func save(t *testing.T, ctx context.Context, path string, a chromedp.Action[[]byte]) {
	t.Helper()
	b, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", path)
}

// check asserts what every page must do: no console error, no request
// beyond the file system, at least charts charts each with something
// drawn, and no injected code run or markup made.
func (r pageResult) check(t *testing.T, charts int) {
	t.Helper()
	for _, p := range r.problems {
		t.Errorf("%s: %s", r.url, p)
	}
	for _, u := range r.requests {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("%s asked for %s; it must load nothing from beyond the file system", r.url, u)
		}
	}
	if len(r.charts) < charts {
		t.Errorf("%s has %d chart containers, want at least %d", r.url, len(r.charts), charts)
	}
	for _, c := range r.charts {
		if c.Shapes < 10 {
			t.Errorf("%s: chart %s drew %d SVG shapes; it drew nothing, or almost", r.url, c.ID, c.Shapes)
		}
	}
	for _, x := range r.xss {
		t.Errorf("%s: injected code ran: %s", r.url, x)
	}
	for _, p := range r.layout {
		t.Errorf("%s: layout: %s", r.url, p)
	}
	if r.injected > 0 {
		t.Errorf("%s: %d elements made by injected markup", r.url, r.injected)
	}
}

// checkShown asserts that hostile strings are on the page as text.
func (r pageResult) checkShown(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(r.text, s) {
			t.Errorf("%s does not show %q as text", r.url, s)
		}
	}
}

func consoleArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if len(a.Value) > 0 {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "?"
	}
	s := d.Text
	if d.Exception != nil {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d)", s, d.URL, d.LineNumber+1)
}

// TestReportEstimatesNothing keeps the report's path free of the
// estimators: whatever the report shows, analyze wrote (and verify
// checks).
func TestReportEstimatesNothing(t *testing.T) {
	for _, name := range []string{"report.go", "stream.go", "run.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"github.com/jobmarket/jobmarket/analyze"` {
				t.Errorf("%s imports analyze: the report must only read what analyze wrote", name)
			}
		}
	}
}
