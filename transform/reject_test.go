package transform_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// TestRejectCodesKept checks that a scrape reject keeps the code the
// scrape stage set, whatever its reason says.
func TestRejectCodesKept(t *testing.T) {
	records := []data.RawRecord{
		{Source: "s", URL: "u1", RejectReason: "sitemap is not XML: EOF", RejectCode: data.RejectCodeBadXML},
		{Source: "s", URL: "u2", RejectReason: "greenhouse response is not a job board: EOF", RejectCode: data.RejectCodeBadJSON},
		{Source: "s", URL: "u3", RejectReason: "robots.txt for api page: HTTP 500", RejectCode: data.RejectCodeFetch},
	}
	res, err := transform.Normalize(t.Context(), testConfig(), records)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range records {
		if got := res.Rejects[i]; got.Code != r.RejectCode || got.Reason != r.RejectReason || got.Stage != "scrape" {
			t.Errorf("reject for %q = %+v, want code %s", r.RejectReason, got, r.RejectCode)
		}
	}
}

// TestRejectCodes checks the codes derived from the reasons of records
// without a code (raw.arrow files from before reject_code), worded as the
// scrape stage worded them then.
func TestRejectCodes(t *testing.T) {
	tests := []struct{ reason, code string }{
		{"no JobPosting JSON-LD on page", data.RejectCodeNoJSONLD},
		{"broken JSON-LD: invalid character '}' looking for beginning of object key string", data.RejectCodeBadJSON},
		{"lever response is not a postings array: unexpected end of JSON input", data.RejectCodeBadJSON},
		{`posting page has no title matching "h1.listing-title"`, data.RejectCodeNoTitle},
		{`lever posting 3 (id "x") has no title`, data.RejectCodeNoTitle},
		{"posting page is not HTML: EOF", data.RejectCodeNotHTML},
		{`listing page has no posting links matching "a.job"`, data.RejectCodeNoLinks},
		{"page larger than max_body_bytes (5242880 bytes); not read", data.RejectCodeTooLarge},
		{"disallowed by robots.txt; not fetched", data.RejectCodeRobots},
		{"link leaves the source's domains; not followed", data.RejectCodeOffSite},
		{"HTTP 503 Service Unavailable after 3 retries", data.RejectCodeFetch},
		{"no complete answer within 30s", data.RejectCodeFetch},
		{"not in the page store (offline re-read)", data.RejectCodeStore},
		{"something new", data.RejectCodeScrapeOther},
	}
	records := make([]data.RawRecord, len(tests))
	for i, tc := range tests {
		records[i] = data.RawRecord{Source: "s", URL: "u", RejectReason: tc.reason}
	}
	res, err := transform.Normalize(t.Context(), testConfig(), records)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		if got := res.Rejects[i]; got.Code != tc.code || got.Reason != tc.reason || got.Stage != "scrape" {
			t.Errorf("reject for %q = %+v, want code %s", tc.reason, got, tc.code)
		}
	}
}

func TestRejectsCSV(t *testing.T) {
	want := []data.Reject{
		{Source: "a", URL: "https://x/1", Stage: "scrape", Reason: "broken JSON-LD: line 1, \"x\"", Code: data.RejectCodeBadJSON},
		{Source: "b", URL: "https://x/2", Stage: "transform", Reason: "posting has no title", Code: data.RejectCodeNoTitle},
	}
	var buf bytes.Buffer
	if err := data.WriteRejectsCSV(&buf, want); err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(buf.String(), "\n"); head != "source,url,stage,reason,code" {
		t.Errorf("header %q", head)
	}
	got, err := data.ReadRejectsCSV(&buf)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, %v; want %+v", got, err, want)
	}
	// A file written before the code column reads with empty codes.
	old, err := data.ReadRejectsCSV(strings.NewReader("source,url,stage,reason\na,u,scrape,why\n"))
	if err != nil || len(old) != 1 || old[0].Reason != "why" || old[0].Code != "" {
		t.Errorf("old file read as %+v, %v", old, err)
	}
	if _, err := data.ReadRejectsCSV(strings.NewReader("source,url\na,u\n")); err == nil {
		t.Error("a file without reason column read without error")
	}
}
