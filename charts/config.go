package charts

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Config is the report: section of pipeline.yaml: how the report is
// titled and branded. Every field has a default (DefaultConfig), so a
// config names only what it changes.
type Config struct {
	// Title heads the report and names its browser tab. Default
	// "OpenStack vs Python pay premium".
	Title string `yaml:"title"`
	// Subtitle is a line under the title, such as "Prepared for the
	// OpenInfra board"; default none.
	Subtitle string `yaml:"subtitle"`
	// Organization is who publishes the report, shown beside the logo and
	// in the citation; default none.
	Organization string `yaml:"organization"`
	// Logo is a PNG, JPEG, GIF, WebP or SVG file of at most MaxLogoBytes,
	// relative to the config file's folder, inlined into the page as a
	// data: URI so the report stays one self-contained file; default none.
	Logo string `yaml:"logo"`
	// Accent is the colour of the headline figure, the section rules and
	// the links, as "#rrggbb"; default "#2563eb", the blue of the charts.
	Accent string `yaml:"accent"`
}

// DefaultTitle is the report's title when the config names none.
const DefaultTitle = "OpenStack vs Python pay premium"

// DefaultAccent is the accent colour when the config names none: the blue
// the charts draw regional estimates in.
const DefaultAccent = colourRegion

// MaxLogoBytes is the largest logo file the report inlines: 256 KiB, so a
// logo cannot swell the one-file report (a logo is a few kilobytes).
const MaxLogoBytes = 256 << 10

// DefaultConfig is the report's settings when the config names none.
func DefaultConfig() Config {
	return Config{Title: DefaultTitle, Accent: DefaultAccent}
}

// logoExtensions are the file types a logo may be, by extension.
var logoExtensions = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Validate checks the settings that can be checked without reading a
// file: a title, an accent colour of the form "#rrggbb", and a logo with
// an image extension. The errors are data.FieldErrors at report.*.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.Title) == "" {
		errs = append(errs, data.FieldErrorf("report.title", "empty (leave the key out for %q)", DefaultTitle))
	}
	if !hexColour.MatchString(c.Accent) {
		errs = append(errs, data.FieldErrorf("report.accent", "%q is not a colour of the form #rrggbb (such as %q)", c.Accent, DefaultAccent))
	}
	if c.Logo != "" && !slices.Contains(logoExtensions, strings.ToLower(filepath.Ext(c.Logo))) {
		errs = append(errs, data.FieldErrorf("report.logo", "%q is not a PNG, JPEG, GIF, WebP or SVG file", c.Logo))
	}
	return errors.Join(errs...)
}

// Errors of LogoURI, to tell with errors.Is.
var (
	ErrLogoTooLarge = errors.New("logo too large")
	ErrLogoType     = errors.New("logo is not a PNG, JPEG, GIF, WebP or SVG image")
)

// LogoURI is a logo file's bytes as a data: URI for the page, after
// checking them: at most MaxLogoBytes, and by their content (not their
// name) a PNG, JPEG, GIF, WebP or SVG image. The page shows the logo in an
// <img>, where an SVG's scripts do not run, and its Content-Security-Policy
// allows images from data: URIs only. The errors wrap ErrLogoTooLarge or
// ErrLogoType.
func LogoURI(b []byte) (template.URL, error) {
	if len(b) > MaxLogoBytes {
		return "", fmt.Errorf("%w: %d bytes, at most %d", ErrLogoTooLarge, len(b), MaxLogoBytes)
	}
	mime := logoType(b)
	if mime == "" {
		return "", ErrLogoType
	}
	return template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b)), nil
}

// logoType is the image type of b by its content, or "" for none of the
// types a logo may be.
func logoType(b []byte) string {
	switch sniffed := http.DetectContentType(b); sniffed {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return sniffed
	}
	// An SVG sniffs as text or XML: it is one if its root element is svg.
	text := strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff"))
	for strings.HasPrefix(text, "<?") || strings.HasPrefix(text, "<!--") || strings.HasPrefix(text, "<!DOCTYPE") {
		end := ">"
		if strings.HasPrefix(text, "<!--") {
			end = "-->"
		}
		i := strings.Index(text, end)
		if i < 0 {
			return ""
		}
		text = strings.TrimSpace(text[i+len(end):])
	}
	if strings.HasPrefix(text, "<svg") && len(text) > 4 && strings.ContainsRune(" \t\r\n>", rune(text[4])) {
		return "image/svg+xml"
	}
	return ""
}
