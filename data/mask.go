package data

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// MinSecretLen is the length under which a value taken from the
// environment is not masked: masking "8" or "EU" would rewrite unrelated
// text in every output, and a value that short protects nothing.
const MinSecretLen = 4

// Masker hides the values a config took from the environment (${NAME})
// wherever the tool writes or prints: each value, and its URL-escaped
// forms (as it stands in a query or a path) and, for a value given
// URL-encoded, its decoded form, becomes "${NAME}" again, so
// an output reads as the config was written. A nil *Masker, or one
// without secrets, changes nothing.
type Masker struct {
	r *strings.Replacer
}

// NewMasker masks the values of secrets, by variable name. Values shorter
// than MinSecretLen, and values that read as a number or true/false (a
// seed, a flag), are not secrets and are left alone. Longer values are
// replaced first, so a secret holding another is masked whole.
func NewMasker(secrets map[string]string) *Masker {
	type pair struct{ old, name string }
	var pairs []pair
	for name, v := range secrets {
		if len(v) < MinSecretLen || isNumberOrBool(v) {
			continue
		}
		forms := []string{v, url.QueryEscape(v), url.PathEscape(v)}
		if plain, err := url.PathUnescape(v); err == nil {
			forms = append(forms, plain) // a password given URL-encoded, as a redis:// URL wants it
		}
		for _, form := range forms {
			if len(form) >= MinSecretLen && !slices.Contains(pairs, pair{form, name}) {
				pairs = append(pairs, pair{form, name})
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(len(b.old), len(a.old)), strings.Compare(a.old, b.old), strings.Compare(a.name, b.name))
	})
	args := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		args = append(args, p.old, "${"+p.name+"}")
	}
	return &Masker{r: strings.NewReplacer(args...)}
}

func isNumberOrBool(v string) bool {
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return true
	}
	_, err := strconv.ParseBool(v)
	return err == nil
}

// String is s with every secret masked.
func (m *Masker) String(s string) string {
	if m == nil {
		return s
	}
	return m.r.Replace(s)
}

// Error is err with every secret masked in its message; errors.Is and
// errors.As still see err and what it wraps. A nil err stays nil.
func (m *Masker) Error(err error) error {
	if m == nil || err == nil {
		return err
	}
	msg := m.r.Replace(err.Error())
	if msg == err.Error() {
		return err
	}
	return &maskedError{msg: msg, err: err}
}

type maskedError struct {
	msg string
	err error
}

func (e *maskedError) Error() string { return e.msg }
func (e *maskedError) Unwrap() error { return e.err }

// RawRecord masks every text field of r in place.
func (m *Masker) RawRecord(r *RawRecord) {
	if m == nil {
		return
	}
	for _, c := range rawTable.columns {
		if c.str != nil {
			s := c.str(r)
			*s = m.r.Replace(*s)
		}
	}
}
