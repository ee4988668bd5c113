package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// tree is the generated snapshot: file contents by slash-separated path
// relative to the output folder.
type tree map[string][]byte

func (t tree) add(path string, data []byte) {
	if _, dup := t[path]; dup {
		panic("boardgen: file written twice: " + path)
	}
	t[path] = data
}

// paths lists the files in sorted order.
func (t tree) paths() []string {
	ps := make([]string, 0, len(t))
	for p := range t {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// marker is a line of README.md that proves a folder is ours to replace.
const marker = "SYNTHETIC DEMO DATA"

// write replaces dir with the tree. It refuses to delete a non-empty folder
// that does not hold a snapshot it wrote before, so a mistyped -out cannot
// wipe unrelated files.
func (t tree) write(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return fmt.Errorf("read %s: %w", dir, err)
	case len(entries) > 0:
		readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
		if err != nil || !bytes.Contains(readme, []byte(marker)) {
			return fmt.Errorf("%s is not empty and holds no generated snapshot (README.md saying %q); refusing to delete it", dir, marker)
		}
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("remove %s: %w", dir, err)
		}
	}
	made := make(map[string]bool)
	for _, p := range t.paths() {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if parent := filepath.Dir(full); !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			made[parent] = true
		}
		if err := os.WriteFile(full, t[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// marshal encodes v as compact JSON without escaping <, > and &, as boards
// serve it.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("boardgen: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// esc escapes text for an HTML text node or a JSON-LD title: only &, < and
// > need it, and leaving quotes alone keeps "CHF 120'000" readable.
func esc(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// descriptionHTML is the description as HTML paragraphs.
func descriptionHTML(paragraphs [][]string) string {
	var b strings.Builder
	for _, para := range paragraphs {
		b.WriteString("<p>")
		b.WriteString(esc(strings.Join(para, " ")))
		b.WriteString("</p>")
	}
	return b.String()
}

// styleRand is the posting's own random source for formatting on board b.
func styleRand(p *posting, b board) *rand.Rand {
	return rand.New(rand.NewPCG(p.style, uint64(b)))
}

// newestFirst lists the postings on b by date, newest first, ties by id.
func newestFirst(postings []*posting, b board, id func(*posting) string) []*posting {
	var out []*posting
	for _, p := range postings {
		if p.on(b) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(x, y *posting) int {
		if c := y.date.Compare(x.date); c != 0 {
			return c
		}
		return strings.Compare(id(x), id(y))
	})
	return out
}

// displayLocation is the place as an HTML board shows it: "Austin, TX,
// USA", "Berlin, Germany", "Remote (Germany)", or an unknown place's name.
func displayLocation(p *posting) string {
	switch {
	case p.country == nil:
		return p.place
	case p.remote && p.country.code == "US":
		return "Remote (USA)"
	case p.remote:
		return "Remote (" + p.country.name + ")"
	case p.country.code == "US":
		return p.city.name + ", " + p.city.state + ", USA"
	case p.country.code == "CA":
		return p.city.name + ", " + p.city.state + ", Canada"
	}
	return p.city.name + ", " + p.country.name
}

// robotsAllowAll is a robots.txt that lets every crawler fetch everything.
const robotsAllowAll = "User-agent: *\nAllow: /\n"

// marshalIndent encodes v as JSON indented by two spaces, with a final
// newline.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return b.Bytes(), nil
}
