package scrape

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"
	"os"
	"strings"
	"testing"
)

// apiReaders are the readers FuzzAPIAnswer feeds, by index.
var apiReaders = []struct {
	kind string
	rd   reader
	role pageRole
}{
	{KindRecruitee, recruiteeReader{}, roleAPI},
	{KindPersonio, personioReader{}, roleAPI},
	{KindTeamtailor, teamtailorReader{}, roleAPI},
	{KindRemoteOK, remoteOKReader{}, roleAPI},
	{KindGreenhouse, greenhouseReader{}, roleAPI},
	{KindGreenhouse, greenhouseReader{}, rolePosting},
	{KindLever, leverReader{}, roleAPI},
}

// FuzzAPIAnswer: whatever an API answers, its reader does not panic,
// every record keeps its source and has a URL, every reject has a code,
// pay bounds are figures or NaN, and an answer that gives no record at
// all is one the kind's format reads (an empty list), never garbage.
func FuzzAPIAnswer(f *testing.F) {
	for i, name := range []string{"testdata/board/recruitee/northwind/api/offers/index.html", "testdata/board/personio/acme/xml",
		"testdata/board/teamtailor/jobs.json", "testdata/board/remoteok/api", "testdata/greenhouse/northwind-cloud.json",
		"testdata/greenhouse/northwind-cloud/4012001.json", "testdata/board/v0/postings/acme-cloud"} {
		body, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), body)
	}
	f.Add(uint8(0), []byte(`{"offers":[{"title":"T","salary":{"min":"1,0","max":{}}}]}`))
	f.Add(uint8(1), []byte(`<workzag-jobs><position><name>x</name><jobDescriptions><jobDescription><value><![CDATA[<p>]]></value></jobDescription></jobDescriptions></position></workzag-jobs>`))
	f.Add(uint8(2), []byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"_jobposting":{"title":1}}],"next_url":"::"}`))
	f.Add(uint8(3), []byte(`[{"legal":"x"},{"position":"P","salary_min":-5,"salary_max":"1e400"}]`))
	f.Add(uint8(4), []byte(`{"jobs":[{"id":1,"title":"T","pay_input_ranges":[{},{"min_cents":1}]}]}`))
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		k := apiReaders[int(which)%len(apiReaders)]
		u, _ := url.Parse("https://acme.example/v1/boards/acme/jobs")
		p := page{source: Source{Name: "b", Kind: k.kind}, url: u, role: k.role, body: body, sha256: "abc"}
		recs, follow := k.rd.read(p)
		for _, r := range recs {
			if r.Source != "b" || r.URL == "" || (r.RejectReason == "") != (r.RejectCode == "") {
				t.Fatalf("record %+v", r)
			}
			for _, v := range []float64{r.PayMin, r.PayMax} {
				if math.IsInf(v, 0) {
					t.Fatalf("pay bound %v", v)
				}
			}
		}
		for _, l := range follow {
			if _, err := url.Parse(l.url); err != nil || l.role == "" {
				t.Fatalf("follow %+v", l)
			}
		}
		if len(recs) == 0 && len(follow) == 0 {
			if k.kind == KindPersonio {
				if !bytes.Contains(body, []byte("workzag-jobs")) {
					t.Fatalf("nothing read from %q and no reject", body)
				}
			} else if !json.Valid(body) {
				t.Fatalf("nothing read from %q and no reject", body)
			}
		}
	})
}

// FuzzPickPayZone: whatever the zones and the location, the zone kept is
// one of them and the note names it and counts them all.
func FuzzPickPayZone(f *testing.F) {
	f.Add("San Francisco Bay Area", "Greater Boston Area", "Boston, MA", int64(15000000), int64(18000000))
	f.Add("Tier 1: San Francisco, New York City", "", "Remote - US", int64(0), int64(-1))
	f.Add("", "()", "(/", int64(1), int64(1))
	f.Fuzz(func(t *testing.T, title1, title2, location string, lo, hi int64) {
		a, b := float64(lo), float64(hi)
		zones := []greenhousePayZone{{MinCents: &a, MaxCents: &b, CurrencyType: "USD", Title: title1}, {MinCents: &b, Title: title2}}
		z, note := pickPayZone(zones, location)
		if z != &zones[0] && z != &zones[1] {
			t.Fatalf("kept %+v, not one of the zones", z)
		}
		if !strings.Contains(note, z.describe()) || !strings.Contains(note, "of 2 zones") {
			t.Fatalf("note %q", note)
		}
	})
}
