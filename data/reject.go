package data

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
)

// Reject is a page or record that could not become a listing, kept with the
// reason so that fetched = listings + rejects always holds.
type Reject struct {
	Source string
	URL    string
	Stage  string // "scrape" or "transform"
	Reason string
	// Code is the reason as one of the RejectCode* constants, for counting
	// rejects by cause; Reason keeps the details.
	Code string
}

// Values of Reject.Code and RawRecord.RejectCode. The scrape stage sets
// one on every reject it makes; transform keeps it.
const (
	RejectCodeNoJSONLD = "no_jsonld" // a posting page without JobPosting JSON-LD
	// RejectCodeBadJSON is JSON-LD or an API answer that is not valid
	// JSON, or not the shape the API documents (no "jobs" array).
	RejectCodeBadJSON = "bad_json"
	RejectCodeBadXML  = "bad_xml"  // a sitemap or feed that cannot be read as XML (gzipped or not)
	RejectCodeNotHTML = "not_html" // a page that could not be read as HTML
	RejectCodeNoTitle = "no_title" // a posting without a title
	// RejectCodeNoLinks is a listing page without posting links, or a
	// sitemap listing no URLs.
	RejectCodeNoLinks  = "no_links"
	RejectCodeBadLink  = "bad_link"  // a link that is not a URL
	RejectCodeBadRow   = "bad_row"   // a row of a file source that cannot be read (other than a missing title)
	RejectCodeFile     = "file"      // a file source that cannot be read at all
	RejectCodeTooLarge = "too_large" // a page over scrape.max_body_bytes
	RejectCodeRobots   = "robots"    // a URL robots.txt disallows, never fetched
	RejectCodeOffSite  = "off_site"  // a link (or redirect) outside the source's domains, not followed
	RejectCodeFetch    = "fetch"     // a request that failed: HTTP status, timeout, connection, robots.txt unreachable
	// RejectCodeStore is a page that could not be stored, or that an
	// offline re-read did not find in the store.
	RejectCodeStore = "store"
	// RejectCodeLimit stands for the links a crawl limit (max_pages,
	// max_depth) left unfollowed; the reason says how many.
	RejectCodeLimit = "limit"
	// RejectCodeGivenUp marks a source given up when its error budget
	// ran out or its shared queue failed.
	RejectCodeGivenUp     = "given_up"
	RejectCodeScrapeOther = "scrape_other" // a scrape reject without a code: raw.arrow files from before reject_code; see Reason
	// RejectCodeBadGzip is a gzip body (by Content-Encoding, type, name or
	// its first bytes) that cannot be decompressed.
	RejectCodeBadGzip = "bad_gzip"
	// RejectCodeOutsideRoot is a file or file:// link to a path outside
	// the source's root folder, or to something that is not a regular
	// file (a device, a fifo, a symlink leaving the root): never read.
	RejectCodeOutsideRoot = "outside_root"
	// RejectCodeStoreDamaged is a stored page whose body no longer matches
	// the digest recorded with it, read offline: skipped, not served.
	RejectCodeStoreDamaged = "store_damaged"
)

// rejectHeader is the header rejects.csv is written with. code comes last
// so that readers of the first four columns keep working.
var rejectHeader = []string{"source", "url", "stage", "reason", "code"}

// WriteRejectsCSV writes rejects with a header row, each cell through
// CSVCell.
func WriteRejectsCSV(w io.Writer, rejects []Reject) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(rejectHeader); err != nil {
		return err
	}
	for _, r := range rejects {
		if err := cw.Write(CSVRecord([]string{r.Source, r.URL, r.Stage, r.Reason, r.Code})); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadRejectsCSV reads what WriteRejectsCSV wrote (cells through
// ReadCSVCell). Columns are found by
// their header names; files written before the code column existed read
// with empty codes.
func ReadRejectsCSV(r io.Reader) ([]Reject, error) {
	cr := csv.NewReader(r)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read rejects: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("read rejects: missing header")
	}
	col := map[string]int{}
	for _, name := range rejectHeader {
		col[name] = slices.Index(rows[0], name)
	}
	for _, name := range rejectHeader[:4] {
		if col[name] < 0 {
			return nil, fmt.Errorf("read rejects: header lacks column %q", name)
		}
	}
	get := func(row []string, name string) string {
		if i := col[name]; i >= 0 && i < len(row) {
			return ReadCSVCell(row[i])
		}
		return ""
	}
	out := make([]Reject, 0, len(rows)-1)
	for _, row := range rows[1:] {
		out = append(out, Reject{Source: get(row, "source"), URL: get(row, "url"), Stage: get(row, "stage"),
			Reason: get(row, "reason"), Code: get(row, "code")})
	}
	return out, nil
}
