package transform

import (
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// scrapeReasonCodes maps the free-text reasons the scrape stage gives for a
// page it could not read to reject codes, by a lower-case fragment of the
// reason; the first match wins. The scrape stage owns the wording, so a
// reason no fragment matches gets data.RejectCodeScrapeOther and keeps its
// text in the reason column: nothing is lost, it is only counted apart.
var scrapeReasonCodes = []struct{ fragment, code string }{
	{"no jobposting json-ld", data.RejectCodeNoJSONLD},
	{"no json-ld", data.RejectCodeNoJSONLD},
	{"broken json-ld", data.RejectCodeBadJSON},
	{"not a postings array", data.RejectCodeBadJSON},
	{"invalid json", data.RejectCodeBadJSON},
	{"not valid json", data.RejectCodeBadJSON},
	{"has no title", data.RejectCodeNoTitle},
	{"no title", data.RejectCodeNoTitle},
	{"not html", data.RejectCodeNotHTML},
	{"no posting links", data.RejectCodeNoLinks},
	{"max_body_bytes", data.RejectCodeTooLarge},
	{"too large", data.RejectCodeTooLarge},
	{"robots.txt", data.RejectCodeRobots},
	{"leaves the source's domains", data.RejectCodeOffSite},
	{"off-site", data.RejectCodeOffSite},
	{"offsite", data.RejectCodeOffSite},
	{"page store", data.RejectCodeStore},
	{"http ", data.RejectCodeFetch},
	{"timeout", data.RejectCodeFetch},
	{"no complete answer", data.RejectCodeFetch},
	{"connection", data.RejectCodeFetch},
	{"body cut off", data.RejectCodeFetch},
	{"retry-after", data.RejectCodeFetch},
	{"redirect", data.RejectCodeFetch},
	{"request ", data.RejectCodeFetch},
	{"retries", data.RejectCodeFetch},
}

// scrapeRejectCode derives the code of a scrape-stage reject from its
// reason.
func scrapeRejectCode(reason string) string {
	lower := strings.ToLower(reason)
	for _, m := range scrapeReasonCodes {
		if strings.Contains(lower, m.fragment) {
			return m.code
		}
	}
	return data.RejectCodeScrapeOther
}

// rejected reports whether a raw record becomes a reject: a page the
// scrape stage could not read, or a posting without a title.
func rejected(r *data.RawRecord) bool {
	return r.RejectReason != "" || strings.TrimSpace(r.Title) == ""
}

// rejectOf returns the reject a raw record becomes, if any (see rejected).
func rejectOf(r *data.RawRecord) (data.Reject, bool) {
	// The strings are copies: a caller keeps the rejects of a whole stream,
	// and a record's strings may point into the Arrow batch it was read
	// from, so each reject would hold a batch's columns in memory (at ten
	// million records, rejects and the memo of places held 640 MB of
	// batches).
	if !rejected(r) {
		return data.Reject{}, false
	}
	source, url := strings.Clone(r.Source), strings.Clone(r.URL)
	if r.RejectReason != "" {
		return data.Reject{Source: source, URL: url, Stage: "scrape", Reason: strings.Clone(r.RejectReason),
			Code: scrapeRejectCode(r.RejectReason)}, true
	}
	return data.Reject{Source: source, URL: url, Stage: "transform", Reason: "posting has no title",
		Code: data.RejectCodeNoTitle}, true
}
