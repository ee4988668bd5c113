package scrape

import (
	"math"
	"net/url"

	"github.com/jobmarket/jobmarket/data"
)

// pageRole says what a fetched page is expected to hold, decided by how the
// crawler reached it.
type pageRole string

const (
	roleListing pageRole = "listing" // a listing page: links to postings and to the next page
	rolePosting pageRole = "posting" // one posting page
	roleAPI     pageRole = "api"     // an API response holding many postings
	roleSitemap pageRole = "sitemap" // a sitemap or sitemap index: links to postings or more sitemaps
	roleFeed    pageRole = "feed"    // an RSS or Atom feed: links to postings
)

// page is one fetched response handed to a source kind's reader.
type page struct {
	source Source
	url    *url.URL
	role   pageRole
	body   []byte
	sha256 string
}

// link is a URL a reader wants fetched next, with the role of that page.
type link struct {
	url  string
	role pageRole
}

// reader extracts records and further links from one page of a source kind.
// A page that cannot be read yields a record with RejectReason set rather
// than an error, so that it is counted and kept.
type reader interface {
	// startRole is the role of the configured start URLs.
	startRole() pageRole
	read(p page) (records []data.RawRecord, follow []link)
}

func readerFor(kind string) reader {
	switch kind {
	case KindJSONLD:
		return jsonldReader{}
	case KindLever:
		return leverReader{}
	case KindGreenhouse:
		return greenhouseReader{}
	default:
		return htmlReader{}
	}
}

// newRecord starts a record for page p with pay fields unset.
func newRecord(p page, u string) data.RawRecord {
	return data.RawRecord{
		Source:     p.source.Name,
		Kind:       p.source.Kind,
		URL:        u,
		PageSHA256: p.sha256,
		PayMin:     math.NaN(),
		PayMax:     math.NaN(),
	}
}

// reject is a record that stands for a page that could not be read.
func reject(p page, reason string) data.RawRecord {
	r := newRecord(p, p.url.String())
	r.RejectReason = reason
	return r
}
