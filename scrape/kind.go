package scrape

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Kind is one kind of source: what a source of it may say in the config,
// how that is checked, and how its pages are read. Each kind is one file
// of this package that registers itself (jsonld.go, lever.go, ...); the
// registry is the only list of kinds, so a new kind touches nothing else.
type Kind struct {
	// Name is what a source's kind key says ("jsonld").
	Name string
	// Doc says in a line what the kind reads; the config schema shows it.
	Doc string
	// Keys are the source keys (as written in pipeline.yaml) a source of
	// this kind may set besides name and kind; setting another is an
	// error. The config schema lists them. register adds the keys every
	// kind reads (anyKindKeys).
	Keys []string
	// Required are the keys a source of this kind must always set, for
	// the config schema; Check may ask for more (one of several ways in).
	Required []string
	// Check reports what is wrong with a source of this kind beyond what
	// every source is checked for (keys outside Keys, URLs, selectors,
	// match, limits), as data.FieldErrors whose paths are relative to the
	// source ("links", "fields.title"). Nil means nothing more to check.
	Check func(Source) error

	// reader reads a crawled kind's pages; nil for a kind read without
	// fetching (file), which run.readFile reads.
	reader reader
}

// crawled says whether sources of the kind are fetched over URLs.
func (k Kind) crawled() bool { return k.reader != nil }

var kinds = map[string]Kind{}

// anyKindKeys are the source keys a source of any kind may set: what the
// transform stage reads of a source besides its records.
var anyKindKeys = []string{"date_order", "pay"}

// register adds a kind to the registry; a kind file calls it from a
// package-level var. Two kinds of one name are a programming error.
func register(k Kind) Kind {
	if k.Name == "" || strings.ContainsAny(k.Name, " \t") {
		panic(fmt.Sprintf("scrape: kind %q: bad name", k.Name))
	}
	if _, dup := kinds[k.Name]; dup {
		panic("scrape: kind " + k.Name + " registered twice")
	}
	for _, key := range append(slices.Clone(k.Keys), k.Required...) {
		if !slices.Contains(sourceKeys, key) {
			panic(fmt.Sprintf("scrape: kind %s: %q is not a source key", k.Name, key))
		}
	}
	k.Keys = append(slices.Clone(k.Keys), anyKindKeys...)
	kinds[k.Name] = k
	return k
}

// Kinds lists every registered source kind, by name.
func Kinds() []Kind {
	return slices.SortedFunc(maps.Values(kinds), func(a, b Kind) int { return strings.Compare(a.Name, b.Name) })
}

// KindNames lists the names of every registered kind, sorted.
func KindNames() []string { return slices.Sorted(maps.Keys(kinds)) }

// LookupKind returns the kind registered under name.
func LookupKind(name string) (Kind, bool) {
	k, ok := kinds[name]
	return k, ok
}

// validate reports every problem of source s, with paths relative to it
// ("kind", "start_urls[2]").
func (s Source) validate() error {
	var errs []error
	if s.Name == "" {
		errs = append(errs, data.FieldErrorf("name", "missing"))
	}
	k, known := LookupKind(s.Kind)
	switch {
	case s.Kind == "":
		errs = append(errs, data.FieldErrorf("kind", "missing (one of %s)", strings.Join(KindNames(), ", ")))
	case !known:
		errs = append(errs, data.FieldErrorf("kind", "%q is not one of %s", s.Kind, strings.Join(KindNames(), ", ")))
	default:
		for _, key := range s.setKeys() {
			if !slices.Contains(k.Keys, key) {
				errs = append(errs, data.FieldErrorf(key, "a %s source does not read %s (it reads %s)", k.Name, key, strings.Join(k.Keys, ", ")))
			}
		}
		if k.Check != nil {
			errs = append(errs, k.Check(s))
		}
	}
	errs = append(errs, s.checkCommon()...)
	var flat []*data.FieldError
	for _, e := range errs {
		flat = append(flat, data.FieldErrors(e)...)
	}
	slices.SortStableFunc(flat, func(a, b *data.FieldError) int { return strings.Compare(a.Error(), b.Error()) })
	out := make([]error, len(flat))
	for i, e := range flat {
		out[i] = e
	}
	return errors.Join(out...)
}
