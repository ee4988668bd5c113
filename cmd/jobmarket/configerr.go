package main

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// configLines maps each field path of a config file ("sources[1].delay")
// to the line it is on, and each line to the deepest path on it, so every
// error can name both.
type configLines struct {
	line   map[string]int
	atLine map[int]string
}

func newConfigLines(doc *yaml.Node) configLines {
	c := configLines{line: map[string]int{}, atLine: map[int]string{}}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		set := func(p string, line int) {
			c.line[p] = line
			if prev, ok := c.atLine[line]; !ok || len(p) > len(prev) {
				c.atLine[line] = p
			}
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, k := range n.Content {
				walk(k, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				set(p, n.Content[i].Line)
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				set(p, item.Line)
				walk(item, p)
			}
		}
	}
	walk(doc, "")
	return c
}

// lineOf finds the line of the longest known prefix of path.
func (c configLines) lineOf(path string) (int, bool) {
	for p := path; p != ""; {
		if l, ok := c.line[p]; ok {
			return l, true
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0, false
}

var (
	typeErr    = regexp.MustCompile("^line (\\d+): cannot unmarshal !!\\w+ `(.*)` into (.+)$")
	unknownKey = regexp.MustCompile(`^line (\d+): field (\S+) not found in type (\S+)$`)
	lineErr    = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// typeWords says in words what a Go type expects of a YAML value.
var typeWords = map[string]string{
	"time.Duration": "is not a duration (like 500ms or 2s)",
	"int":           "is not a whole number",
	"uint64":        "is not a whole number of zero or more",
	"float64":       "is not a number",
	"bool":          "is not true or false",
	"string":        "is not text",
}

// explainDecode rewrites yaml.v3's decode errors as
// "file:line: path: what is wrong".
func (c configLines) explainDecode(name string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %w", name, err)
	}
	msgs := make([]error, 0, len(te.Errors))
	for _, m := range te.Errors {
		if g := typeErr.FindStringSubmatch(m); g != nil {
			line, _ := strconv.Atoi(g[1])
			words, ok := typeWords[g[3]]
			if !ok {
				words = "is not a " + strings.TrimPrefix(g[3], "[]") + " value"
				if strings.HasPrefix(g[3], "[]") {
					words = "is not a list"
				} else if strings.HasPrefix(g[3], "map[") || strings.Contains(g[3], ".") {
					words = "is not a mapping of keys to values"
				}
			}
			msgs = append(msgs, fmt.Errorf("%s:%d: %s: %q %s", name, line, c.atLine[line], g[2], words))
			continue
		}
		if g := unknownKey.FindStringSubmatch(m); g != nil {
			line, _ := strconv.Atoi(g[1])
			msgs = append(msgs, fmt.Errorf("%s:%d: %s: unknown key%s", name, line, c.atLine[line], suggestKey(c.atLine[line], g[2])))
			continue
		}
		if g := lineErr.FindStringSubmatch(m); g != nil {
			msgs = append(msgs, fmt.Errorf("%s:%s: %s", name, g[1], g[2]))
			continue
		}
		msgs = append(msgs, fmt.Errorf("%s: %s", name, m))
	}
	return errors.Join(msgs...)
}

// explainInvalid prefixes each "path: problem" validation error with the
// file and the line of that path.
func (c configLines) explainInvalid(name string, err error) error {
	var errs []error
	for _, msg := range strings.Split(err.Error(), "\n") {
		path, _, _ := strings.Cut(msg, ": ")
		line, ok := c.lineOf(path)
		if !ok {
			// "pay.min_annual_usd (5000) must be below ...": the path is the first word.
			line, ok = c.lineOf(strings.Fields(path + " ")[0])
		}
		if ok {
			errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, msg))
		} else {
			errs = append(errs, fmt.Errorf("%s: %s", name, msg))
		}
	}
	return errors.Join(errs...)
}

// suggestKey names the keys allowed where an unknown key stands, the
// closest first, so a typo points at its fix.
func suggestKey(path, key string) string {
	parent := ""
	if i := strings.LastIndex(path, "."); i >= 0 {
		parent = path[:i]
	}
	known := yamlKeys(reflect.TypeOf(Pipeline{}), parent)
	if len(known) == 0 {
		return ""
	}
	slices.SortStableFunc(known, func(a, b string) int { return editDistance(key, a) - editDistance(key, b) })
	if editDistance(key, known[0]) <= 2 {
		return fmt.Sprintf(" (did you mean %s?)", known[0])
	}
	return " (known keys: " + strings.Join(known, ", ") + ")"
}

// yamlKeys lists the YAML keys of the struct found at path in t.
func yamlKeys(t reflect.Type, path string) []string {
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '.' }) {
		part, _, _ = strings.Cut(part, "[")
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		f, ok := fieldByTag(t, part)
		if !ok {
			return nil
		}
		t = f.Type
	}
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		if key := yamlKey(t.Field(i)); key != "" {
			keys = append(keys, key)
		}
	}
	return keys
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if yamlKey(t.Field(i)) == key {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// yamlKey is the key a struct field is read from in pipeline.yaml, "" for
// a field the config does not set.
func yamlKey(f reflect.StructField) string {
	key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if !f.IsExported() || key == "-" {
		return ""
	}
	return key
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
