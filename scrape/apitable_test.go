package scrape

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// fixture reads a file under testdata/.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// apiPage is the page a reader of kind gets when rawURL answers body.
func apiPage(t testing.TB, kind, rawURL string, role pageRole, body []byte) page {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return page{source: Source{Name: "b", Kind: kind}, url: u, role: role, body: body, sha256: "abc", method: "GET"}
}

// fieldCase is a posting a table test expects, by URL. Every field of
// want that the readers fill is compared: title, company, place,
// country, remote, pay (min, max, currency, period, text, source), date,
// and the description's start.
type fieldCase struct {
	url  string
	want data.RawRecord
}

func checkFields(t *testing.T, recs []data.RawRecord, cases []fieldCase) {
	t.Helper()
	got := byURLMap(recs)
	for _, tc := range cases {
		t.Run(tc.want.Title, func(t *testing.T) {
			g, ok := got[tc.url]
			if !ok {
				t.Fatalf("no record for %s among %d", tc.url, len(recs))
			}
			w := tc.want
			if g.Title != w.Title || g.Company != w.Company || g.Location != w.Location || g.Country != w.Country ||
				g.Remote != w.Remote || g.PostedDate != w.PostedDate || g.RejectReason != "" || g.RejectCode != "" {
				t.Errorf("got title %q company %q location %q country %q remote %q date %q reject %q,\nwant %q %q %q %q %q %q",
					g.Title, g.Company, g.Location, g.Country, g.Remote, g.PostedDate, g.RejectReason,
					w.Title, w.Company, w.Location, w.Country, w.Remote, w.PostedDate)
			}
			if !sameFloat(g.PayMin, w.PayMin) || !sameFloat(g.PayMax, w.PayMax) || g.PayCurrency != w.PayCurrency ||
				g.PayPeriod != w.PayPeriod || g.PayText != w.PayText || g.PaySource != w.PaySource {
				t.Errorf("got pay %v–%v %q per %q text %q source %q, want %v–%v %q per %q text %q source %q",
					g.PayMin, g.PayMax, g.PayCurrency, g.PayPeriod, g.PayText, g.PaySource,
					w.PayMin, w.PayMax, w.PayCurrency, w.PayPeriod, w.PayText, w.PaySource)
			}
			if !strings.HasPrefix(g.Description, w.Description) {
				t.Errorf("description %q, want it to start %q", g.Description, w.Description)
			}
		})
	}
}

// checkFuzzRecords holds for any answer: every record names its source
// and is either a posting with a title or a reject with a code.
func checkFuzzRecords(t *testing.T, recs []data.RawRecord) {
	t.Helper()
	for _, r := range recs {
		if r.Source != "b" || r.URL == "" {
			t.Fatalf("record lost its origin: %+v", r)
		}
		if (r.RejectReason == "") != (r.RejectCode == "") || r.RejectReason == "" && r.Title == "" {
			t.Fatalf("record neither a posting nor a reject: %+v", r)
		}
	}
}

func byURLMap(recs []data.RawRecord) map[string]data.RawRecord {
	m := map[string]data.RawRecord{}
	for _, r := range recs {
		m[r.URL] = r
	}
	return m
}
