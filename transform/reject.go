package transform

import (
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// legacyReasonCodes maps the free-text reasons of raw records that carry
// no RejectCode to reject codes, by a lower-case fragment of the reason;
// the first match wins. The scrape stage sets a code on every reject it
// makes, so this serves only raw.arrow files written before the
// reject_code column existed (and other producers of raw records that set
// a reason alone), which then count their rejects as they always did. It
// is frozen: the scrape stage's wording may change, its codes carry the
// meaning. A reason no fragment matches gets data.RejectCodeScrapeOther
// and keeps its text in the reason column.
var legacyReasonCodes = []struct{ fragment, code string }{
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

// scrapeRejectCode is the code of a scrape-stage reject: the one the
// scrape stage set, or for a record without one (see legacyReasonCodes),
// the code its reason reads as.
func scrapeRejectCode(r *data.RawRecord) string {
	if r.RejectCode != "" {
		return r.RejectCode
	}
	lower := strings.ToLower(r.RejectReason)
	for _, m := range legacyReasonCodes {
		if strings.Contains(lower, m.fragment) {
			return m.code
		}
	}
	return data.RejectCodeScrapeOther
}

// rejected reports whether a raw record becomes a reject: a page the
// scrape stage could not read, or a posting without a title.
func rejected(r *data.RawRecord) bool {
	return r.RejectReason != "" || r.RejectCode != "" || strings.TrimSpace(r.Title) == ""
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
	if r.RejectReason != "" || r.RejectCode != "" {
		return data.Reject{Source: source, URL: url, Stage: "scrape", Reason: strings.Clone(r.RejectReason),
			Code: strings.Clone(scrapeRejectCode(r))}, true
	}
	return data.Reject{Source: source, URL: url, Stage: "transform", Reason: "posting has no title",
		Code: data.RejectCodeNoTitle}, true
}
