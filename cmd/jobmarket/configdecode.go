package main

import (
	"encoding"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/data"
)

// A config file is read in four steps, each on the YAML node tree, so that
// every problem names its field path without parsing another library's
// message: expand ${NAME} in scalar values, check every key and scalar
// against the Go type it is decoded into, empty the default maps the file
// gives (a map given replaces the default, as a list does), and only then
// let yaml.v3 decode the checked tree onto the defaults.

var (
	// regionsShape is what the regions mapping (regionsType, read by its
	// own UnmarshalYAML) holds, for checking.
	regionsShape        = reflect.TypeOf(map[string][]string{})
	yamlUnmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// envRef is a reference to an environment variable in a config value, for
// secrets such as API keys that must not sit in the file.
var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${NAME} references in the scalar values of the tree
// (never in keys, comments or structure, so a value cannot rewrite the
// config). It returns the values it put in, by variable name, and the
// value as written at each path it changed, so both can be masked again
// wherever the config is recorded. A variable that is not set is an error
// at its path, unless keepMissing is set (rereading a recorded config,
// whose references stay as written).
func expandEnv(doc *yaml.Node, keepMissing bool) (secrets, written map[string]string, err error) {
	secrets, written = map[string]string{}, map[string]string{}
	var errs []error
	walkScalars(doc, "", func(n *yaml.Node, path string) {
		if !envRef.MatchString(n.Value) {
			return
		}
		missing := false
		value := envRef.ReplaceAllStringFunc(n.Value, func(ref string) string {
			key := envRef.FindStringSubmatch(ref)[1]
			v, ok := os.LookupEnv(key)
			if !ok {
				missing = true
				if !keepMissing {
					errs = append(errs, data.FieldErrorf(path, "environment variable %s is not set", key))
				}
				return ref
			}
			secrets[key] = v
			return v
		})
		if missing {
			return
		}
		written[path] = n.Value
		n.Value = value
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			// A plain value is typed by what it holds once expanded, so
			// `seed: ${SEED}` reads as a number.
			n.Tag = ""
			n.Tag = n.ShortTag()
		}
	})
	return secrets, written, errors.Join(errs...)
}

// walkScalars calls fn on every scalar value of the tree with its field path.
func walkScalars(n *yaml.Node, path string, fn func(*yaml.Node, string)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			walkScalars(c, path, fn)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			walkScalars(n.Content[i+1], joinPath(path, n.Content[i].Value), fn)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkScalars(c, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case yaml.ScalarNode:
		fn(n, path)
	}
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// checkTree reports every key of the tree that the config has no field
// for, and every value of the wrong kind, each as a data.FieldError at its
// path. It also empties each map of v (the defaults) that the tree gives,
// so the file's map replaces the default one.
func checkTree(n *yaml.Node, v reflect.Value, path string) []error {
	if n.Kind == yaml.DocumentNode {
		var errs []error
		for _, c := range n.Content {
			errs = append(errs, checkTree(c, v, path)...)
		}
		return errs
	}
	if n.Kind == yaml.AliasNode {
		return checkTree(n.Alias, v, path)
	}
	t := v.Type()
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil // an empty value keeps the default
	}
	if t == regionsType {
		if n.Kind == yaml.MappingNode {
			return checkTree(n, reflect.New(regionsShape).Elem(), path)
		}
		return []error{data.FieldErrorf(path, "is not a mapping of region names to country codes")}
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v = reflect.New(t.Elem())
		}
		return checkTree(n, v.Elem(), path)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return []error{data.FieldErrorf(path, "is not a mapping of keys to values")}
		}
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			f, ok := fieldByTag(t, key)
			if !ok {
				errs = append(errs, data.FieldErrorf(joinPath(path, key), "unknown key%s", suggestKey(t, key)))
				continue
			}
			errs = append(errs, checkTree(n.Content[i+1], v.FieldByIndex(f.Index), joinPath(path, key))...)
		}
		return errs
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return []error{data.FieldErrorf(path, "is not a list")}
		}
		var errs []error
		for i, c := range n.Content {
			errs = append(errs, checkTree(c, reflect.New(t.Elem()).Elem(), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return []error{data.FieldErrorf(path, "is not a mapping of keys to values")}
		}
		if v.CanSet() {
			if mergedMaps[path] {
				dropGivenKeys(n, v)
			} else {
				v.Set(reflect.Zero(t))
			}
		}
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			errs = append(errs, checkTree(n.Content[i+1], reflect.New(t.Elem()).Elem(), joinPath(path, n.Content[i].Value))...)
		}
		return errs
	}
	if reflect.PointerTo(t).Implements(yamlUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil // the type reads its own value
	}
	if n.Kind != yaml.ScalarNode {
		return []error{data.FieldErrorf(path, "%s", scalarWords(t))}
	}
	if err := checkScalar(n, t); err != nil {
		return []error{data.FieldErrorf(path, "%q %s", n.Value, err)}
	}
	return nil
}

// mergedMaps are the mappings a file adds to key by key instead of
// replacing: a period or a seniority level left out keeps its default, and
// the recorded config shows every one in effect.
var mergedMaps = map[string]bool{"pay.annualize": true, "classify.seniority": true}

// dropGivenKeys removes from the default map v every key the file gives,
// in any case, so the file's value is the one kept ("hour" replaces
// "HOUR").
func dropGivenKeys(n *yaml.Node, v reflect.Value) {
	if v.IsNil() {
		return
	}
	fresh := reflect.MakeMap(v.Type())
	iter := v.MapRange()
	for iter.Next() {
		given := false
		for i := 0; i < len(n.Content); i += 2 {
			given = given || strings.EqualFold(strings.TrimSpace(n.Content[i].Value), iter.Key().String())
		}
		if !given {
			fresh.SetMapIndex(iter.Key(), iter.Value())
		}
	}
	v.Set(fresh)
}

// errWrongScalar is the cause of a value of the wrong kind; its text is
// what the field expects, in words.
type errWrongScalar string

func (e errWrongScalar) Error() string { return string(e) }

// checkScalar reports whether a scalar fits a Go type as yaml.v3 would
// decode it, but stricter: a number with a fraction is not an integer
// (yaml.v3 truncates 2.99 to 2), and a duration must carry its unit.
func checkScalar(n *yaml.Node, t reflect.Type) error {
	tag := n.ShortTag()
	ok := true
	switch {
	case t == durationType:
		_, err := time.ParseDuration(n.Value)
		ok = tag == "!!str" && err == nil
	case t.Kind() == reflect.String:
		ok = tag != "!!binary"
	case t.Kind() == reflect.Bool:
		ok = tag == "!!bool"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		var x int64
		ok = tag == "!!int" && n.Decode(&x) == nil && !reflect.New(t).Elem().OverflowInt(x)
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		var x uint64
		ok = tag == "!!int" && n.Decode(&x) == nil && !reflect.New(t).Elem().OverflowUint(x)
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		ok = tag == "!!int" || tag == "!!float"
	}
	if !ok {
		return errWrongScalar(scalarWords(t))
	}
	return nil
}

// scalarWords says in words what a Go type expects of a YAML value.
func scalarWords(t reflect.Type) string {
	switch {
	case t == durationType:
		return "is not a duration (like 500ms or 2s)"
	case t.Kind() == reflect.String:
		return "is not text"
	case t.Kind() == reflect.Bool:
		return "is not true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return "is not a whole number"
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		return "is not a whole number of zero or more"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "is not a number"
	}
	return "is not a " + strings.ToLower(t.Kind().String())
}
