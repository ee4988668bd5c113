package transform

import (
	"strings"
	"testing"
)

// TestASCIIRangeSep checks that the allocation-free reading of ASCII text
// between two figures agrees with the general one.
func TestASCIIRangeSep(t *testing.T) {
	tests := []struct {
		between string
		want    bool
	}{
		{" - ", true}, {"-", true}, {" to ", true}, {"  TO\t", true}, {"\t-\n", true}, {" or more  up to ", false},
		{" Or More Up To ", true}, {" and ", true}, {"", false}, {"   ", false}, {" x ", false}, {", ", false},
		{" or more up to  ", true}, {" or  more up too ", false}, {"-\v", true}, {"\r\f~", true},
	}
	for _, tc := range tests {
		if got, general := isASCIIRangeSep(tc.between), isUnicodeRangeSep(tc.between); got != tc.want || got != general {
			t.Errorf("isASCIIRangeSep(%q) = %v, general reading %v, want %v", tc.between, got, general, tc.want)
		}
	}
}

// TestByFirstByte checks that the first-letter indexes of scale words,
// fillers and currency words find what a scan of the whole list finds,
// in any case and after runes that fold to ASCII letters.
func TestByFirstByte(t *testing.T) {
	var scales, fillers, currencies []string
	for first := range 256 {
		for _, w := range scaleWordsByFirst[first] {
			scales = append(scales, w.word)
		}
		fillers = append(fillers, payFillers[first]...)
		for _, m := range currencyWords[first] {
			currencies = append(currencies, m.mark)
		}
	}
	equalFold := func(text, w string) bool { return len(text) >= len(w) && strings.EqualFold(text[:len(w)], w) }
	for _, list := range []struct {
		name    string
		words   []string
		index   func(byte) []string
		matches func(text, word string) bool // as the code compares
	}{
		{"scales", scales, func(b byte) (out []string) {
			for _, w := range scaleWordsByFirst[lowerASCII(b)] {
				out = append(out, w.word)
			}
			return out
		}, equalFold},
		{"fillers", fillers, func(b byte) []string { return payFillers[lowerASCII(b)] }, hasFoldPrefix},
		{"currencies", currencies, func(b byte) (out []string) {
			for _, m := range currencyWords[lowerASCII(b)] {
				out = append(out, m.mark)
			}
			return out
		}, equalFold},
	} {
		var texts []string
		for _, w := range list.words {
			texts = append(texts, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:], w+" per year", "\u212a"+w[1:],
				"\u017f"+w[1:], "\u212a"+w, "\u017f"+w)
		}
		for _, text := range texts {
			var scanned, indexed []string
			for _, w := range list.words {
				if list.matches(text, w) {
					scanned = append(scanned, w)
				}
			}
			for _, w := range list.index(text[0]) {
				if list.matches(text, w) {
					indexed = append(indexed, w)
				}
			}
			if strings.Join(scanned, ",") != strings.Join(indexed, ",") {
				t.Errorf("%s: %q starts with %v by a scan, %v by the index", list.name, text, scanned, indexed)
			}
		}
	}
}
