package charts_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*charts.Config)
		paths []string // the fields in error, in order
	}{
		{"defaults", func(*charts.Config) {}, nil},
		{"branded", func(c *charts.Config) {
			c.Subtitle, c.Organization, c.Logo, c.Accent = "For the board", "OpenInfra", "img/logo.SVG", "#E11D48"
		}, nil},
		{"empty title", func(c *charts.Config) { c.Title = "  " }, []string{"report.title"}},
		{"colour name", func(c *charts.Config) { c.Accent = "red" }, []string{"report.accent"}},
		{"short colour", func(c *charts.Config) { c.Accent = "#e1d" }, []string{"report.accent"}},
		{"css injection", func(c *charts.Config) { c.Accent = "#e11d48; } body { display: none" }, []string{"report.accent"}},
		{"empty colour", func(c *charts.Config) { c.Accent = "" }, []string{"report.accent"}},
		{"not an image", func(c *charts.Config) { c.Logo = "logo.pdf" }, []string{"report.logo"}},
		{"all wrong", func(c *charts.Config) { c.Title, c.Accent, c.Logo = "", "blue", "logo" }, []string{"report.title", "report.accent", "report.logo"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := charts.DefaultConfig()
			tc.edit(&c)
			var paths []string
			for _, fe := range data.FieldErrors(c.Validate()) {
				paths = append(paths, fe.Path)
			}
			if got, want := strings.Join(paths, " "), strings.Join(tc.paths, " "); got != want {
				t.Fatalf("errors at %q, want %q (%v)", got, want, c.Validate())
			}
		})
	}
}

// Logo files as their formats begin, per the PNG, JPEG, GIF, WebP (RIFF)
// and SVG specifications.
var (
	pngLogo  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 20)...)
	jpegLogo = append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), make([]byte, 20)...)
	gifLogo  = append([]byte("GIF89a\x01\x00\x01\x00"), make([]byte, 20)...)
	webpLogo = append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 20)...)
	svgLogo  = []byte(`<?xml version="1.0" encoding="UTF-8"?>
<!-- Drawn by hand -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#e11d48"/></svg>`)
)

func TestLogoURI(t *testing.T) {
	for _, tc := range []struct {
		name string
		logo []byte
		mime string // "" when refused
		err  error
	}{
		{"png", pngLogo, "image/png", nil},
		{"jpeg", jpegLogo, "image/jpeg", nil},
		{"gif", gifLogo, "image/gif", nil},
		{"webp", webpLogo, "image/webp", nil},
		{"svg", svgLogo, "image/svg+xml", nil},
		{"bare svg", []byte(`<svg viewBox="0 0 1 1"></svg>`), "image/svg+xml", nil},
		{"html", []byte(`<html><script>alert(1)</script></html>`), "", charts.ErrLogoType},
		{"svg-like element", []byte(`<svgx></svgx>`), "", charts.ErrLogoType},
		{"unclosed comment", []byte(`<!-- <svg>`), "", charts.ErrLogoType},
		{"pdf", []byte("%PDF-1.7\n"), "", charts.ErrLogoType},
		{"empty", nil, "", charts.ErrLogoType},
		{"too large", append(bytes.Clone(pngLogo), make([]byte, charts.MaxLogoBytes)...), "", charts.ErrLogoTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			uri, err := charts.LogoURI(tc.logo)
			if !errors.Is(err, tc.err) {
				t.Fatalf("LogoURI: %v, want %v", err, tc.err)
			}
			if tc.mime == "" {
				if uri != "" {
					t.Fatalf("refused logo gave %q", uri)
				}
				return
			}
			want := "data:" + tc.mime + ";base64," + base64.StdEncoding.EncodeToString(tc.logo)
			if string(uri) != want {
				t.Fatalf("LogoURI = %.60q…, want %.60q…", uri, want)
			}
		})
	}
}

// FuzzLogoURI checks that whatever a logo file holds, LogoURI either
// refuses it with one of its errors or returns a data: URI of an image
// type holding exactly its bytes.
func FuzzLogoURI(f *testing.F) {
	for _, seed := range [][]byte{pngLogo, jpegLogo, gifLogo, webpLogo, svgLogo, []byte(`<!-- x --><svg>`), []byte("<html>")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, logo []byte) {
		uri, err := charts.LogoURI(logo)
		if err != nil {
			if !errors.Is(err, charts.ErrLogoType) && !errors.Is(err, charts.ErrLogoTooLarge) {
				t.Fatalf("LogoURI: unexpected error %v", err)
			}
			return
		}
		mime, encoded, ok := strings.Cut(strings.TrimPrefix(string(uri), "data:"), ";base64,")
		if !ok || !strings.HasPrefix(mime, "image/") {
			t.Fatalf("LogoURI = %.60q, not a data: URI of an image", uri)
		}
		if b, err := base64.StdEncoding.DecodeString(encoded); err != nil || !bytes.Equal(b, logo) {
			t.Fatalf("the data: URI does not hold the logo's bytes (%v)", err)
		}
	})
}

func TestRenderBranding(t *testing.T) {
	r := sampleReport()
	logo, err := charts.LogoURI(svgLogo)
	if err != nil {
		t.Fatal(err)
	}
	r.Title, r.Subtitle, r.Organization, r.Logo, r.Accent = "Cloud pay", "For the board", "OpenInfra <Foundation>", logo, "#e11d48"
	r.Citation = charts.Citation{Version: "v1.2.0", Commit: "329b2cd0a1b2", ConfigSHA256: "1f0e2d3c4b5a"}
	page := render(t, r)
	for _, want := range []string{
		`<title>Cloud pay (synthetic demo data)</title>`,
		`<p class="subtitle">For the board</p>`,
		`<span class="organization">OpenInfra &lt;Foundation&gt;</span>`,
		`<img class="logo" src="data:image/svg&#43;xml;base64,`,
		`:root { --accent: #e11d48; }`,
		`<li><a href="#by-region">Premium by region</a></li>`,
		`<li><a href="#sources">Sources</a></li>`,
		`<a href="slides/premium-by-region.png" download>PNG</a>`,
		`<a href="slides/data-funnel.svg" download>SVG</a>`,
		`<p class="citation">The jobmarket authors. jobmarket, version v1.2.0, commit 329b2cd0a1b2. Config SHA-256 1f0e2d3c4b5a. Postings dated 2025-10-01 to 2026-09-30. Report by OpenInfra &lt;Foundation&gt;.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	for _, bad := range []string{"#ZgotmplZ", `href="#comparison"`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}

	r.Accent = "#e11d48; } body { display: none"
	if err := charts.Render(&bytes.Buffer{}, r); err == nil {
		t.Error("Render took an accent that is not #rrggbb")
	}
}

func TestRenderUnbranded(t *testing.T) {
	page := render(t, sampleReport())
	for _, absent := range []string{`class="brand"`, `class="subtitle"`, `class="citation"`} {
		if strings.Contains(page, absent) {
			t.Errorf("a report with no branding or citation has %q", absent)
		}
	}
	if !strings.Contains(page, `:root { --accent: #2563eb; }`) {
		t.Error("the default accent is not set")
	}
}
