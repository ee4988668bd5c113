package transform

import (
	"unicode"
	"unicode/utf8"
)

// roleToken is one word of a posting as the role rule reads it: its hash
// as words gives it, and what stands between it and the word before.
type roleToken struct {
	hash uint64
	// brk is what separates the word from the one before it.
	brk tokenBreak
	// capital: the word starts with a capital letter.
	capital bool
	// headEnd: a colon or a line end follows the word, as after a heading.
	headEnd bool
}

// tokenBreak is what separates two words, from weakest to strongest.
type tokenBreak uint8

const (
	breakSpace  tokenBreak = iota // spaces only
	breakJoin                     // a hyphen or an apostrophe: "OpenStack-Ansible", "d'OpenStack"
	breakList                     // a comma, slash, ampersand, bracket: a list's separators
	breakClause                   // a full stop, semicolon, colon, line end or bullet: a new clause
)

// breakOf returns how a separating rune separates words.
func breakOf(r rune, next byte) tokenBreak {
	switch r {
	case '-', '\'', '’', '‐', '_':
		return breakJoin
	case ',', '/', '&', '(', ')', '[', ']', '|', '+', '、', '，', '（', '）', '#':
		return breakList
	case '.':
		// "Node.js", "3.5": a full stop with a word right after it is
		// inside a word.
		if next < utf8.RuneSelf && asciiWord[next] != 0 {
			return breakJoin
		}
		return breakClause
	case '!', '?', ';', ':', '\n', '\r', '•', '·', '*', '。', '；', '：', '！', '？', '▪', '●', '◦', '–', '—':
		return breakClause
	}
	return breakSpace
}

// scriptOf is the script class of a word rune: 1 for Latin letters and
// digits, 2 for any other script. A word ends where the class changes, so
// "基于OpenStack" is two words.
func scriptOf(r rune) int {
	if r < utf8.RuneSelf || unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Mn, r) {
		return 1
	}
	return 2
}

// roleTokens appends the words of text to dst. A word is hashed as words
// hashes it (lower-cased, versions dropped), so configured phrases match
// it. A word glued to another ("asPython") is split where a capital
// follows a small letter, when one side is a configured term (isTerm) and
// the whole word is not: "OpenStack" stays whole.
func roleTokens(dst []roleToken, text string, isTerm func(uint64) bool) []roleToken {
	var buf [4]uint64
	hashOf := func(s string) uint64 {
		if ws := words(buf[:0], s, true); len(ws) > 0 {
			return ws[0]
		}
		return 0
	}
	brk := breakClause
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !(r < utf8.RuneSelf && asciiWord[r] != 0 || r >= utf8.RuneSelf && isWordRune(r)) {
			next := byte(0)
			if i+size < len(text) {
				next = text[i+size]
			}
			brk = max(brk, breakOf(r, next))
			i += size
			continue
		}
		start, class := i, scriptOf(r)
		for i < len(text) {
			r, size := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if !(r < utf8.RuneSelf && asciiWord[r] != 0 || r >= utf8.RuneSelf && isWordRune(r)) || scriptOf(r) != class {
				break
			}
			i += size
		}
		word := text[start:i]
		capital := unicode.IsUpper(firstRune(word))
		h := hashOf(word)
		if cut := camelCut(word, h, isTerm, hashOf); cut > 0 {
			dst = append(dst, roleToken{hash: hashOf(word[:cut]), brk: brk, capital: capital},
				roleToken{hash: hashOf(word[cut:]), brk: breakSpace, capital: true})
		} else {
			dst = append(dst, roleToken{hash: h, brk: brk, capital: capital})
		}
		brk = breakSpace
		if class != scriptOf(nextRune(text, i)) && isWordRune(nextRune(text, i)) {
			continue // a word of another script follows right away
		}
		if headEndsAt(text, i) {
			dst[len(dst)-1].headEnd = true
		}
	}
	return dst
}

// camelCut returns where to split a glued word ("asPython" at 2), or 0 to
// keep it whole.
func camelCut(word string, whole uint64, isTerm func(uint64) bool, hashOf func(string) uint64) int {
	if isTerm(whole) {
		return 0
	}
	for k := 1; k < len(word); k++ {
		if 'a' <= word[k-1] && word[k-1] <= 'z' && 'A' <= word[k] && word[k] <= 'Z' &&
			(isTerm(hashOf(word[k:])) || isTerm(hashOf(word[:k]))) {
			return k
		}
	}
	return 0
}

// headEndsAt reports whether a colon or a line end follows text[:i],
// spaces aside.
func headEndsAt(text string, i int) bool {
	for ; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t':
			continue
		case ':', '\n', '\r':
			return true
		}
		return len(text) >= i+3 && text[i:i+3] == "："
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func nextRune(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}
