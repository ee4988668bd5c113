package scrape

import (
	"fmt"
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
	// fetchedAt is when the page was received, RFC 3339 in UTC; "" for a
	// local page. Every record of the page carries it, to read relative
	// dates ("3 days ago") by.
	fetchedAt string
	// method and sent are the request's method (GET, POST) and the body
	// it sent, so that a reader of an API that pages by POST can ask for
	// the next page.
	method string
	sent   []byte
	// card is what the feed item or listing card that led to a posting
	// page said of it; nil for none.
	card *data.RawRecord
}

// link is a request a reader wants made next, with the role of the page
// it fetches. Most are GETs of a URL; a kind whose API lists by POST
// gives a method, a body and its content type. A POST is stored and
// replayed by method, URL and body digest, counted against max_pages, and
// subject to robots.txt and the host's politeness like a GET.
type link struct {
	url  string
	role pageRole

	method      string // "" means GET
	body        []byte // sent with method
	contentType string // of body, such as "application/json"

	// card is what a feed item or listing card said of the posting this
	// link leads to (see cards.go); nil for none.
	card *data.RawRecord
}

// get is a GET of u fetching a page of role.
func get(u string, role pageRole) link { return link{url: u, role: role} }

// reader extracts records and further links from one page of a source kind.
// A page that cannot be read yields a record with RejectReason and
// RejectCode set rather than an error, so that it is counted and kept.
type reader interface {
	// start lists the requests a crawl of src starts from, besides its
	// sitemaps and feeds (which every crawled kind may have).
	start(src Source) []link
	read(p page) (records []data.RawRecord, follow []link)
}

// startURLs is the start of a kind that GETs its start URLs as pages of
// role.
func startURLs(src Source, role pageRole) []link {
	out := make([]link, len(src.StartURLs))
	for i, u := range src.StartURLs {
		out[i] = get(u, role)
	}
	return out
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
		FetchedAt:  p.fetchedAt,
	}
}

// reject is a record that stands for a page that could not be read; code
// is one of data.RejectCode*.
func reject(p page, code, reason string) data.RawRecord {
	r := newRecord(p, p.url.String())
	r.RejectReason, r.RejectCode = reason, code
	return r
}

// jobReject stands for entry i (0-based) of an API answer's list that
// cannot be read as a posting.
func jobReject(p page, i int, reason string) data.RawRecord {
	r := newRecord(p, postingURL(p, "", i))
	r.RejectReason, r.RejectCode = reason, data.RejectCodeBadJSON
	return r
}

// maxOffsetPages bounds the further pages an API's first page may ask
// for, whatever total it claims: a board of a million postings at a
// hundred a page. The crawl's max_pages usually stops it sooner.
const maxOffsetPages = 10000

// offsetPages asks for the pages after the first of an API that pages by
// offset: offsets limit, 2·limit, ... below total, each requested by
// request. A total beyond maxOffsetPages pages is a limit reject for page
// p, and only the first maxOffsetPages pages are asked for.
func offsetPages(p page, total, limit int, request func(offset int) link) ([]link, []data.RawRecord) {
	if limit <= 0 {
		return nil, nil
	}
	var follow []link
	for offset := limit; offset < total; offset += limit {
		if len(follow) == maxOffsetPages {
			return follow, []data.RawRecord{reject(p, data.RejectCodeLimit,
				fmt.Sprintf("the API claims %d postings: only the first %d pages of %d are asked for", total, maxOffsetPages+1, limit))}
		}
		follow = append(follow, request(offset))
	}
	return follow, nil
}
