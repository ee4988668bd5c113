package transform

import (
	"unicode"
	"unicode/utf8"
)

// Words are compared by a 64-bit hash of their lower-cased form, so that
// role keywords, project names, seniority words and duplicate keys can be
// matched without allocating a string per word. Two different words share
// a hash with probability about 2⁻⁶⁴ per pair; we accept that.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHash is the hash of one word as words yields it.
func wordHash(word string) uint64 {
	var buf [4]uint64
	if ws := words(buf[:0], word, false); len(ws) > 0 {
		return ws[0]
	}
	return 0
}

// phraseHashes splits a configured keyword or phrase ("entry level",
// "python") into the word hashes words gives for it in a text.
func phraseHashes(phrase string) []uint64 { return words(nil, phrase, true) }

// asciiWord maps an ASCII byte to its lower-case form when it belongs to a
// word (a letter or digit) and to 0 when it separates words.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// words appends to dst the hash of each word of text and returns it. A
// word is a run of letters, digits and combining marks, lower-cased; any
// other character separates words, so "python-based" is "python" "based"
// and "C++" is "c". With versionless set, a word of ASCII letters followed
// by digits ("python3") is hashed without its digits, so keywords match
// their versioned forms; "k8s" and "3d" stay whole.
//
// This loop reads every byte of every description, so it is kept to a
// table lookup and a multiply per byte: an inner loop runs through each
// word, and the version check runs only at the end of a word that ends in
// a digit.
func words(dst []uint64, text string, versionless bool) []uint64 {
	for i := 0; i < len(text); {
		// Skip what separates words.
		if c := text[i]; c < utf8.RuneSelf {
			if asciiWord[c] == 0 {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		// A word starts at i: hash it to its end.
		start, h, ascii := i, uint64(fnvOffset), true
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				lc := asciiWord[c]
				if lc == 0 {
					break
				}
				h = (h ^ uint64(lc)) * fnvPrime
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			ascii = false
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:n] {
				h = (h ^ uint64(b)) * fnvPrime
			}
			i += size
		}
		dst = append(dst, endWord(text, start, i, h, versionless && ascii))
	}
	return dst
}

// isWordRune reports whether a non-ASCII rune belongs to a word: a letter,
// a digit or a combining mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// endWord returns the hash of the ASCII word text[start:end]: h, or with
// stem set and the word letters then digits ("python3"), the hash of its
// letters.
func endWord(text string, start, end int, h uint64, stem bool) uint64 {
	if !stem || !isDigit(text[end-1]) || isDigit(text[start]) {
		return h
	}
	j := start
	for j < end && !isDigit(text[j]) {
		j++
	}
	for k := j; k < end; k++ {
		if !isDigit(text[k]) {
			return h // "k8s": letters after the digits
		}
	}
	s := uint64(fnvOffset)
	for k := start; k < j; k++ {
		s = (s ^ uint64(asciiWord[text[k]])) * fnvPrime
	}
	return s
}

// mix64 scrambles a hash so that every output bit depends on every input
// bit (the SplitMix64 finalizer); SimHash needs evenly spread bits.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func isASCIILetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }
