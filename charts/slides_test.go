package charts_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

func slides(t *testing.T, r charts.Report) map[string][]byte {
	t.Helper()
	files, err := charts.Slides(r)
	if err != nil {
		t.Fatalf("Slides: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		if _, dup := out[f.Name]; dup {
			t.Fatalf("two files named %s", f.Name)
		}
		out[f.Name] = f.Body
	}
	return out
}

// wellFormed fails unless b parses as XML from start to end.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

func TestSlides(t *testing.T) {
	r := withPay(sampleReport(), "Principal Architect")
	files := slides(t, r)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	var want []string
	for _, chart := range []string{"data-funnel", "pay-by-region", "premium-by-quarter", "premium-by-region"} {
		want = append(want, chart+".html", chart+".png", chart+".svg")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("slides = %v, want %v", names, want)
	}
	for name, body := range files {
		switch filepath.Ext(name) {
		case ".png":
			img, err := png.Decode(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if b := img.Bounds(); b.Dx() != 1920 || b.Dy() != 1080 {
				t.Errorf("%s is %dx%d, want 1920x1080 (16:9)", name, b.Dx(), b.Dy())
			}
		case ".svg":
			wellFormed(t, name, body)
			for _, text := range []string{"SYNTHETIC DEMO DATA", "Source: jobmarket, synthetic demo data"} {
				if !bytes.Contains(body, []byte(text)) {
					t.Errorf("%s does not say %q", name, text)
				}
			}
		case ".html":
			base := strings.TrimSuffix(name, ".html")
			for _, text := range []string{`<img src="` + base + `.svg"`, "Content-Security-Policy", "(synthetic demo data)</title>"} {
				if !bytes.Contains(body, []byte(text)) {
					t.Errorf("%s does not contain %q", name, text)
				}
			}
		}
	}
	for name, around := range map[string][2]string{
		"premium-by-region.html":  {"", "pay-by-region"},
		"pay-by-region.html":      {"premium-by-region", "premium-by-quarter"},
		"premium-by-quarter.html": {"pay-by-region", "data-funnel"},
		"data-funnel.html":        {"premium-by-quarter", ""},
	} {
		for i, rel := range []string{"prev", "next"} {
			link := `<a rel="` + rel + `" href="` + around[i] + `.html">`
			if got := bytes.Contains(files[name], []byte(`<a rel="`+rel+`"`)); got != (around[i] != "") ||
				around[i] != "" && !bytes.Contains(files[name], []byte(link)) {
				t.Errorf("%s: want link %q to the %s slide %q", name, rel, rel, around[i])
			}
		}
	}
	again := slides(t, r)
	for name, body := range files {
		if !bytes.Equal(body, again[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	for _, name := range []string{"premium-by-region.svg", "premium-by-region.html"} {
		golden(t, filepath.Join("testdata", "slides", name+".golden"), files[name])
	}
}

// TestSlidesComparison checks that a report limited to a period gets the
// comparison slide.
func TestSlidesComparison(t *testing.T) {
	r := sampleReport()
	r.Period = "2026Q3"
	r.Previous = charts.Previous{Period: "2026Q2", Premiums: r.Premiums[:3]}
	files := slides(t, r)
	for _, name := range []string{"premium-compare.png", "premium-compare.svg", "premium-compare.html"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	if !bytes.Contains(files["premium-compare.svg"], []byte("2026Q3 (filled) against 2026Q2 (open)")) {
		t.Error("comparison slide does not name the periods")
	}
}

// TestSlidesHostileStrings puts markup, control characters and a very long
// name into a region, a source and a posting: the SVGs must stay
// well-formed XML showing them as text, and the pages must not run them.
func TestSlidesHostileStrings(t *testing.T) {
	const (
		markup  = `</text><script>alert(1)</script>`
		control = "Nowhere\x00\x01\x1b[31m\uFFFE"
	)
	long := strings.Repeat("Very Long Region Name ", 10)
	r := withPay(sampleReport(), markup)
	r.Synthetic = false
	for _, region := range []string{markup, control, long} {
		r.Premiums = append(r.Premiums, data.Premium{Region: region, Quarter: data.QuarterAll, NOpenStack: 40, NPython: 50,
			Premium: 0.1, CILow: 0.05, CIHigh: 0.15, Confidence: 0.95, Method: method})
		r.Pay = append(r.Pay, charts.PayPoint{Region: region, Role: data.RolePython, AnnualUSD: 80000, Title: markup})
	}
	r.Sources = append(r.Sources, charts.Source{Name: markup})
	r.Funnel = append(r.Funnel, data.Funnel{Source: markup + control, Fetched: 10, Parsed: 9})
	files := slides(t, r)
	for name, body := range files {
		switch filepath.Ext(name) {
		case ".svg":
			wellFormed(t, name, body)
			if bytes.Contains(body, []byte("<script")) || bytes.Contains(body, []byte("\x1b")) {
				t.Errorf("%s holds raw markup or a control character", name)
			}
		case ".html":
			if bytes.Contains(body, []byte(markup)) || bytes.Count(body, []byte("<script")) != 1 {
				t.Errorf("%s holds raw markup", name)
			}
		}
	}
	if !bytes.Contains(files["premium-by-region.svg"], []byte("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("premium-by-region.svg does not show the hostile region as text")
	}
	if svg := files["premium-by-region.svg"]; !bytes.Contains(svg, []byte("Very Long Region Name Very Long Region …")) ||
		bytes.Contains(svg, []byte(strings.Repeat("Very Long Region Name ", 3))) {
		t.Error("a long region name is not cut with an ellipsis")
	}
	if !bytes.Contains(files["data-funnel.svg"], []byte("Source: jobmarket, postings from Demo board, Demo ATS, &lt;/text&gt;")) {
		t.Error("the source line does not name the sources as text")
	}
}

// golden compares got with a golden file, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; if the change is intended, run go test ./charts -update and review the diff", path)
	}
}
