package charts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// funcMarker is how go-echarts marks a string that is raw JavaScript: its
// renderer deletes the marker and the quotes around the string, so
// "__f__function () {…}__f__" becomes a function. It is unexported there.
const funcMarker = "__f__"

// clean makes an outside string (a region name, a source name) safe to put
// in chart options: it can never become JavaScript however it is spelled.
// It removes funcMarker until none is left, since a single pass over
// "____f__f__" would leave one behind. The HTML-special characters are not
// touched here; encodeOptions escapes them.
func clean(s string) string {
	for strings.Contains(s, funcMarker) {
		s = strings.ReplaceAll(s, funcMarker, "")
	}
	return s
}

// jsFunc is a piece of our own JavaScript (a renderItem) for the chart
// options. It goes through opts.FuncOpts as go-echarts expects, and its
// normalized source is kept so encodeOptions can let exactly these
// functions, and nothing else, through as code.
type jsFunc struct {
	opt    types.FuncStr
	source string
}

// newJSFunc wraps our JavaScript source. It panics, at package init, if the
// source holds '<', '>' or '&': the options go inside a <script> element
// and we keep those characters out of it altogether, so nothing in it can
// close the element or open a comment.
func newJSFunc(source string) jsFunc {
	if strings.ContainsAny(source, "<>&") {
		panic("charts: JavaScript must not contain <, > or &: " + source)
	}
	opt := opts.FuncOpts(source)
	normalized := strings.TrimSuffix(strings.TrimPrefix(string(opt), funcMarker), funcMarker)
	return jsFunc{opt: opt, source: normalized}
}

// wrappedFunc matches a JSON string literal that is entirely one marked
// function, as json.Encoder writes it: the body is any run of unescaped
// characters other than '"' and '\\', or backslash escapes.
var wrappedFunc = regexp.MustCompile(`"__f__(?:[^"\\]|\\.)*__f__"`)

// errUnsafeOptions reports chart options that could not be made safe; it
// means a bug here, not bad input, since clean runs on every outside string.
var errUnsafeOptions = errors.New("unsafe chart options")

// encodeOptions writes chart options as a JavaScript expression that is
// safe inside a <script> element. It replaces go-echarts' own encoding:
//
//   - json.Encoder escapes '<', '>' and '&' as \u003c, \u003e and \u0026
//     (and U+2028, U+2029), so no string can close the script element;
//   - a marked string becomes code only if it is exactly one of funcs, our
//     own functions; any other marker left in the output is an error.
//
// The result is checked once more for '<', '>', '&' and the marker before
// it is returned as template.JS.
func encodeOptions(options any, funcs ...jsFunc) (template.JS, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes HTML by default
	if err := enc.Encode(options); err != nil {
		return "", fmt.Errorf("encode chart options: %w", err)
	}
	trusted := make(map[string]bool, len(funcs))
	for _, f := range funcs {
		trusted[f.source] = true
	}
	var unknown error
	out := wrappedFunc.ReplaceAllFunc(bytes.TrimSpace(buf.Bytes()), func(lit []byte) []byte {
		var s string
		if err := json.Unmarshal(lit, &s); err != nil {
			unknown = fmt.Errorf("%w: %v", errUnsafeOptions, err)
			return lit
		}
		src := strings.TrimSuffix(strings.TrimPrefix(s, funcMarker), funcMarker)
		if !trusted[src] {
			unknown = fmt.Errorf("%w: marked string is not one of our functions", errUnsafeOptions)
			return lit
		}
		return []byte(src)
	})
	if unknown != nil {
		return "", unknown
	}
	if bytes.Contains(out, []byte(funcMarker)) {
		return "", fmt.Errorf("%w: stray %s marker", errUnsafeOptions, funcMarker)
	}
	if bytes.ContainsAny(out, "<>&") {
		return "", fmt.Errorf("%w: raw <, > or & in script", errUnsafeOptions)
	}
	return template.JS(out), nil
}

// tooltipHTML builds the tooltip of one chart item: the first line bold,
// one line each after. ECharts sets a tooltip as innerHTML, so every line
// is escaped here, braces too, since ECharts would read "{b}" as a
// template field. Lines that are empty are left out.
func tooltipHTML(title string, lines ...string) types.FuncStr {
	var b strings.Builder
	b.WriteString("<strong>" + tooltipEscape(clean(title)) + "</strong>")
	for _, l := range lines {
		if l != "" {
			b.WriteString("<br>" + tooltipEscape(clean(l)))
		}
	}
	return types.FuncStr(b.String())
}

var braceEscaper = strings.NewReplacer("{", "&#123;", "}", "&#125;")

func tooltipEscape(s string) string {
	return braceEscaper.Replace(html.EscapeString(s))
}

// maxSlideLabel is the most runes of one outside string a slide shows as
// a label; a longer one is cut with an ellipsis so it cannot push the plot
// off the image.
const maxSlideLabel = 40

// slideClean makes a string fit for the text of a slide. gonum's SVG
// writer escapes <, >, &, ' and " itself, but XML 1.0 has no way to write
// most control characters at all, so one in a region name would make the
// whole SVG unreadable; they and invalid UTF-8 become spaces here, and runs
// of space become one.
func slideClean(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError || r == '\uFFFE' || r == '\uFFFF' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// slideLabel is slideClean cut to maxSlideLabel runes: for an outside
// string used as a label (a region, a source).
func slideLabel(s string) string {
	s = slideClean(s)
	if utf8.RuneCountInString(s) > maxSlideLabel {
		s = string([]rune(s)[:maxSlideLabel-1]) + "…"
	}
	return s
}
