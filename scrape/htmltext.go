package scrape

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// jsonLDBlocks returns the text of every <script type="application/ld+json">
// on a page, in document order. It runs the HTML tokenizer without
// building a tree: posting pages are the bulk of a crawl, and this is
// what reading them costs.
func jsonLDBlocks(body []byte) [][]byte {
	z := html.NewTokenizer(bytes.NewReader(body))
	var blocks [][]byte
	for {
		switch z.Next() {
		case html.ErrorToken:
			return blocks
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.Script || !hasAttr || !isJSONLDScript(z) {
				continue
			}
			// The tokenizer reads a script's content as one raw text token.
			if z.Next() == html.TextToken {
				blocks = append(blocks, bytes.Clone(z.Text()))
			} else {
				blocks = append(blocks, nil)
			}
		}
	}
}

func isJSONLDScript(z *html.Tokenizer) bool {
	for more := true; more; {
		var key, val []byte
		key, val, more = z.TagAttr()
		if string(key) == "type" {
			t := strings.ToLower(strings.TrimSpace(string(val)))
			return t == "application/ld+json" || strings.HasPrefix(t, "application/ld+json;")
		}
	}
	return false
}

// blockElements end a line when a browser renders them: their boundaries
// become spaces, so words of adjacent paragraphs or cells never run
// together.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Li: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Dt: true, atom.Dd: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Table: true,
}

// htmlToText turns an HTML fragment into plain text with single spaces,
// keeping block boundaries as spaces. Entities are decoded; comments are
// dropped.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); blockElements[atom.Lookup(name)] {
				b.WriteByte(' ')
			}
		}
	}
}
