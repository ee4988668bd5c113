package scrape

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/jobmarket/jobmarket/data"
)

// maxSitemapBytes is the sitemap protocol's own limit on an uncompressed
// sitemap; it also bounds what a gzip bomb can cost.
const maxSitemapBytes = 50 << 20

// readSitemap follows a sitemap: a <urlset> lists posting pages, a
// <sitemapindex> more sitemaps. Plain-text sitemaps (one URL a line) and
// gzipped ones are read too. A sitemap that is neither, or lists nothing,
// is a reject.
func readSitemap(p page) ([]data.RawRecord, []link) {
	body, err := gunzipped(p.body)
	if err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeBadXML, fmt.Sprintf("sitemap is gzipped but cannot be read: %v", err))}, nil
	}
	var follow []link
	add := func(loc string, role pageRole) {
		if ref, err := p.url.Parse(strings.TrimSpace(loc)); err == nil && loc != "" {
			ref.Fragment = ""
			follow = append(follow, get(ref.String(), role))
		}
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] != '<' {
		sc := bufio.NewScanner(bytes.NewReader(trimmed))
		for sc.Scan() {
			add(sc.Text(), rolePosting)
		}
	} else {
		role := rolePosting
		err := walkXML(body, func(d *xml.Decoder, el xml.StartElement) error {
			switch el.Name.Local {
			case "sitemapindex":
				role = roleSitemap
			case "loc":
				var loc string
				if err := d.DecodeElement(&loc, &el); err != nil {
					return err
				}
				add(loc, role)
			}
			return nil
		})
		if err != nil {
			return []data.RawRecord{reject(p, data.RejectCodeBadXML, fmt.Sprintf("sitemap is not XML: %v", err))}, nil
		}
	}
	if len(follow) == 0 {
		return []data.RawRecord{reject(p, data.RejectCodeNoLinks, "sitemap lists no URLs")}, nil
	}
	return nil, follow
}

// readFeed follows an RSS or Atom feed: each item's link is a posting
// page. An empty feed is no reject: a board may have no openings today.
func readFeed(p page) ([]data.RawRecord, []link) {
	var follow []link
	inItem, linked := false, false
	err := walkXML(p.body, func(d *xml.Decoder, el xml.StartElement) error {
		switch el.Name.Local {
		case "item", "entry":
			inItem, linked = true, false
		case "link":
			if !inItem || linked {
				return nil
			}
			href, rel := attr(el, "href"), attr(el, "rel")
			if href == "" { // RSS: <link>URL</link>; Atom: <link href="URL" rel="alternate"/>
				if err := d.DecodeElement(&href, &el); err != nil {
					return err
				}
			} else if rel != "" && rel != "alternate" {
				return nil
			}
			if ref, err := p.url.Parse(strings.TrimSpace(href)); err == nil && href != "" {
				ref.Fragment = ""
				follow = append(follow, get(ref.String(), rolePosting))
				linked = true
			}
		}
		return nil
	})
	if err != nil {
		return []data.RawRecord{reject(p, data.RejectCodeBadXML, fmt.Sprintf("feed is not XML: %v", err))}, nil
	}
	return nil, follow
}

// walkXML calls fn for every start element of a lenient reading of body:
// feeds and sitemaps in the wild carry HTML entities and declared
// encodings other than UTF-8.
func walkXML(body []byte, fn func(*xml.Decoder, xml.StartElement) error) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity // &nbsp;, &mdash;: feeds written by HTML templates
	d.CharsetReader = charset.NewReaderLabel
	seen := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !seen {
				return fmt.Errorf("no elements")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			seen = true
			if err := fn(d, el); err != nil {
				return err
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// gunzipped returns body, decompressed if it is gzip data (sitemap.xml.gz
// served as a file rather than with Content-Encoding).
func gunzipped(body []byte) ([]byte, error) {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxSitemapBytes+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxSitemapBytes {
		return nil, fmt.Errorf("larger than %d bytes uncompressed", maxSitemapBytes)
	}
	return out, nil
}
