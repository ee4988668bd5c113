package tablefile

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// fixText returns s as clean UTF-8 with surrounding space removed. Text
// that is not valid UTF-8 is read as Windows-1252, the superset of
// Latin-1 that spreadsheet exports use; deciding field by field keeps a
// file that mixes both readable.
func fixText(s string) string {
	if !utf8.ValidString(s) {
		if out, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
			s = out
		} else {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
	}
	return strings.TrimSpace(s)
}

// fixLine is fixText for a whole JSON line: JSON's own syntax is ASCII, so
// re-reading the line as Windows-1252 changes only the text inside
// strings, which encoding/json would otherwise turn into U+FFFD.
func fixLine(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	if out, err := charmap.Windows1252.NewDecoder().Bytes(b); err == nil {
		return out
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}
