package transform

import (
	"strings"
	"unicode"

	"github.com/jobmarket/jobmarket/data"
)

// markDuplicates sets DuplicateOf on every listing that repeats an earlier
// one: same company, same title and same country after folding case and
// punctuation. Listings come in source order, so the copy on the board
// listed first in the config is the one kept.
func markDuplicates(listings []data.Listing) int {
	first := map[string]string{}
	n := 0
	for i := range listings {
		l := &listings[i]
		key := fold(l.Company) + "|" + fold(l.Title) + "|" + l.Country
		if u, ok := first[key]; ok {
			l.DuplicateOf = u
			n++
			continue
		}
		first[key] = l.URL
	}
	return n
}

func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
