package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// reportDocs, when set, makes the browser test write the README's
// screenshots of the demo report into a folder (docs/img):
//
//	go test ./cmd/jobmarket -run ReportBrowser -args -report.docs=$PWD/docs/img
var reportDocs = flag.String("report.docs", "", "write the demo report's screenshots for the docs into `DIR`")

// viewport is a window size the report's layout is checked at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

// The widths the report must lay out at: a phone and a wide desktop.
var (
	phoneView   = viewport{"390 px", 390, 844, true}
	desktopView = viewport{"1440 px", 1440, 900, false}
)

// layoutScript lists what is wrong with the page's layout at the window's
// width, by the bounding boxes of its elements: two pieces of chart text
// that overlap (an axis label and a "withheld" note), chart text cut at
// the chart's edge, a page wider than the window, a table cell whose text
// is cut, and, when WIDE is true, a table that does not fit the page's
// width (its columns scrolled out of sight). An element of no size is
// hidden and skipped.
const layoutScript = `(function (wide) {
  var problems = [];
  function overlap(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  }
  document.querySelectorAll("div.chart").forEach(function (el) {
    var frame = el.getBoundingClientRect();
    var texts = Array.from(el.querySelectorAll("svg text")).filter(function (t) {
      var b = t.getBoundingClientRect();
      return t.textContent.trim() !== "" && b.width > 0 && b.height > 0;
    });
    var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
    boxes.forEach(function (b, i) {
      if (b.left < frame.left - 1 || b.right > frame.right + 1) {
        problems.push(el.id + ": " + JSON.stringify(texts[i].textContent) + " is cut at the chart's edge");
      }
      for (var j = i + 1; j < boxes.length; j++) {
        if (overlap(b, boxes[j])) {
          problems.push(el.id + ": " + JSON.stringify(texts[i].textContent) + " overlaps " + JSON.stringify(texts[j].textContent));
        }
      }
    });
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push("the page is " + document.documentElement.scrollWidth + " px wide in a window of " + window.innerWidth);
  }
  document.querySelectorAll("table th, table td").forEach(function (cell) {
    if (cell.getBoundingClientRect().width > 0 && cell.scrollWidth > cell.clientWidth + 1) {
      problems.push("table cell " + JSON.stringify(cell.textContent) + " is cut");
    }
  });
  if (wide) {
    document.querySelectorAll(".scroll").forEach(function (s) {
      var heading = s.closest("section") ? s.closest("section").id : "?";
      if (s.getBoundingClientRect().width > 0 && s.scrollWidth > s.clientWidth + 1) {
        var cut = Array.from(s.querySelectorAll("thead th")).filter(function (th) {
          return th.getBoundingClientRect().right > s.getBoundingClientRect().right + 1;
        }).map(function (th) { return th.textContent; });
        problems.push("table in #" + heading + " is " + s.scrollWidth + " px wide in " + s.clientWidth + "; out of sight: " + cut.join(", "));
      }
    });
  }
  return JSON.stringify(problems);
})(WIDE)`

// printScript lists what is wrong with the page laid out for print: an
// interval of a table wrapped over several lines, or a table wider than
// the page.
const printScript = `(function () {
  var problems = [];
  document.querySelectorAll("td.interval").forEach(function (td) {
    var range = document.createRange();
    range.selectNodeContents(td);
    var lines = new Set(Array.from(range.getClientRects()).map(function (r) { return Math.round(r.top); })).size;
    if (lines > 1) {
      problems.push("interval " + JSON.stringify(td.textContent) + " wraps over " + lines + " lines");
    }
  });
  document.querySelectorAll("table").forEach(function (t) {
    if (t.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
      var section = t.closest("section");
      problems.push("a table in #" + (section ? section.id : "?") + " (" + t.querySelectorAll("thead th").length + " columns) is " +
        Math.round(t.getBoundingClientRect().width) + " px wide on a page of " + document.documentElement.clientWidth);
    }
  });
  return JSON.stringify(problems);
})()`

// printWidth is the width of an A4 page in CSS pixels inside the page's
// print margins of 1.2 cm: 186 mm.
const printWidth = 703

// checkPrint lays the page out as it prints, on an A4 page, and returns
// what printScript finds wrong.
func checkPrint(t *testing.T, ctx context.Context) []string {
	t.Helper()
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	if err := chromedp.Do(ctx, media("print"), chromedp.EmulateViewport(printWidth, 1000), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](printScript))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, media("")); err != nil {
		t.Fatal(err)
	}
	var problems []string
	if err := json.Unmarshal([]byte(raw), &problems); err != nil {
		t.Fatal(err)
	}
	for i, p := range problems {
		problems[i] = "printed: " + p
	}
	return problems
}

// themeScript reports the page's background and text colours.
const themeScript = `JSON.stringify([getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color])`

// checkLayout sizes the tab to v, lets the charts refit, and returns the
// layout problems layoutScript finds, each prefixed with the width.
func checkLayout(ctx context.Context, v viewport) ([]string, error) {
	opts := []chromedp.EmulateViewportOption{}
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.width, v.height, opts...), chromedp.Sleep(400*time.Millisecond)); err != nil {
		return nil, err
	}
	wide := "false"
	if !v.mobile {
		wide = "true"
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](strings.Replace(layoutScript, "WIDE", wide, 1)))
	if err != nil {
		return nil, err
	}
	var problems []string
	if err := json.Unmarshal([]byte(raw), &problems); err != nil {
		return nil, err
	}
	for i, p := range problems {
		problems[i] = fmt.Sprintf("at %s: %s", v.name, p)
	}
	return problems, nil
}

// colourScheme emulates prefers-color-scheme: dark (or light).
func colourScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// checkDark shows the page in dark mode at the desktop width and returns
// what is wrong: a light page, dark text, or any layout problem. With
// shot set it saves a screenshot there.
func checkDark(t *testing.T, ctx context.Context, shot string) []string {
	t.Helper()
	if err := chromedp.Do(ctx, colourScheme("dark"), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := chromedp.Do(ctx, colourScheme("light")); err != nil {
			t.Fatal(err)
		}
	}()
	problems, err := checkLayout(ctx, desktopView)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](themeScript))
	if err != nil {
		t.Fatal(err)
	}
	var colours [2]string
	if err := json.Unmarshal([]byte(raw), &colours); err != nil {
		t.Fatal(err)
	}
	if lightness(colours[0]) > 0.3 || lightness(colours[1]) < 0.7 {
		problems = append(problems, fmt.Sprintf("in dark mode the page is %s on %s; want light text on a dark page", colours[1], colours[0]))
	}
	if shot != "" {
		save(t, ctx, shot, chromedp.FullScreenshot(100))
	}
	for i, p := range problems {
		problems[i] = "dark mode, " + p
	}
	return problems
}

// lightness is the mean of the channels of a CSS "rgb(r, g, b)" colour,
// from 0 to 1; -1 when it is not one.
func lightness(css string) float64 {
	var r, g, b float64
	if _, err := fmt.Sscanf(css, "rgb(%f, %f, %f)", &r, &g, &b); err != nil {
		return -1
	}
	return (r + g + b) / 3 / 255
}

// saveDocShots writes the README's screenshots of the demo report into
// dir: the top of the page on a desktop, light and dark, and on a phone.
func saveDocShots(t *testing.T, ctx context.Context, dir string) {
	t.Helper()
	for _, s := range []struct {
		name, scheme  string
		width, height int64
		mobile        bool
	}{{"report.png", "light", 1100, 1500, false}, {"report-dark.png", "dark", 1100, 1500, false}, {"report-phone.png", "light", 390, 844, true}} {
		opts := []chromedp.EmulateViewportOption{}
		if s.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		if err := chromedp.Do(ctx, colourScheme(s.scheme), chromedp.EmulateViewport(s.width, s.height, opts...), chromedp.Sleep(400*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		save(t, ctx, filepath.Join(dir, s.name), chromedp.CaptureScreenshot())
	}
	if err := chromedp.Do(ctx, colourScheme("light")); err != nil {
		t.Fatal(err)
	}
}
