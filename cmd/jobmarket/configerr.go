package main

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/data"
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

// explain prefixes each field error in err with the file and the line of
// its path: "pipeline.yaml:14: sources[1].delay: ...". Errors with no
// known line name the file alone.
func (c configLines) explain(name string, err error) error {
	var errs []error
	for _, fe := range data.FieldErrors(err) {
		if line, ok := c.lineOf(fe.Path); ok {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, fe))
		} else {
			errs = append(errs, fmt.Errorf("%s: %w", name, fe))
		}
	}
	return errors.Join(errs...)
}

// suggestKey names the keys allowed in struct t where an unknown key
// stands, the closest first, so a typo points at its fix.
func suggestKey(t reflect.Type, key string) string {
	var known []string
	for i := range t.NumField() {
		if k := yamlKey(t.Field(i)); k != "" {
			known = append(known, k)
		}
	}
	if len(known) == 0 {
		return ""
	}
	slices.SortStableFunc(known, func(a, b string) int { return editDistance(key, a) - editDistance(key, b) })
	if editDistance(key, known[0]) <= 2 {
		return fmt.Sprintf(" (did you mean %s?)", known[0])
	}
	return " (known keys: " + strings.Join(known, ", ") + ")"
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
