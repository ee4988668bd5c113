package scrape_test

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// misbehavingAPI is an API on a bad day: it rate-limits the first ask for
// the good answer, puts a bot-check HTML page or an empty body where the
// answer should be, cuts a body off, or has lost the board.
type misbehavingAPI struct {
	good []byte
	mu   hitCounter
}

func (m *misbehavingAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.count(r.URL.Path)
	switch r.URL.Path {
	case "/robots.txt":
		http.NotFound(w, r)
	case "/good":
		if m.mu.of(r.URL.Path) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		w.Write(m.good)
	case "/challenge":
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser.</body></html>`))
	case "/empty":
		w.WriteHeader(http.StatusOK)
	case "/truncated":
		w.Header().Set("Content-Length", "100000")
		w.Write(m.good[:len(m.good)/2])
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	default:
		http.NotFound(w, r)
	}
}

// TestMisbehavingAPIs: for every API kind, a rate-limited answer is had by
// retrying, and every answer that is not the API's (an HTML bot check, an
// empty body, a body cut off, a lost board) is exactly one reject with a
// reason and a code: never zero postings and zero rejects.
func TestMisbehavingAPIs(t *testing.T) {
	file := func(name string) []byte {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		kind     string
		good     []byte
		postings int
		code     string // of a wrong-shape answer
	}{
		{scrape.KindRecruitee, file("testdata/board/recruitee/northwind/api/offers/index.html"), 3, data.RejectCodeBadJSON},
		{scrape.KindPersonio, file("testdata/board/personio/acme/xml"), 2, data.RejectCodeBadXML},
		{scrape.KindTeamtailor, file("testdata/board/teamtailor/jobs-2.json"), 2, data.RejectCodeBadJSON},
		{scrape.KindRemoteOK, file("testdata/board/remoteok/api"), 3, data.RejectCodeBadJSON},
		{scrape.KindLever, file("testdata/board/v0/postings/acme-cloud"), 2, data.RejectCodeBadJSON},
		{scrape.KindGreenhouse, []byte(`{"jobs":[{"id":1,"title":"Python Developer","absolute_url":"https://boards.greenhouse.example/x/jobs/1",
			"pay_input_ranges":[{"min_cents":10000000,"max_cents":12000000,"currency_type":"USD","title":"US"}]}],"meta":{"total":1}}`), 1, data.RejectCodeBadJSON},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			api := &misbehavingAPI{good: tc.good}
			srv, _ := serve(t, api)
			cfg := testConfig(t)
			cfg.Retries = 1
			cfg.Timeout = 2 * time.Second
			var urls []string
			for _, p := range []string{"/good", "/challenge", "/empty", "/truncated", "/gone"} {
				urls = append(urls, srv.URL+p)
			}
			res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{{Name: "api", Kind: tc.kind, StartURLs: urls}})
			if err != nil {
				t.Fatal(err)
			}
			rejects := map[string]data.RawRecord{}
			postings := 0
			for _, r := range res.Records {
				if r.RejectReason == "" {
					postings++
					continue
				}
				if _, twice := rejects[r.URL]; twice {
					t.Errorf("%s rejected twice", r.URL)
				}
				rejects[r.URL] = r
			}
			if postings != tc.postings {
				t.Errorf("%d postings from the rate-limited answer, want %d", postings, tc.postings)
			}
			wantCodes := map[string]string{"/challenge": tc.code, "/empty": tc.code, "/truncated": data.RejectCodeFetch, "/gone": data.RejectCodeFetch}
			for p, code := range wantCodes {
				r, ok := rejects[srv.URL+p]
				if !ok || r.RejectCode != code || !strings.Contains(r.RejectReason, tc.kind) && code != data.RejectCodeFetch {
					t.Errorf("%s: reject %q (%s), want code %s naming the kind", p, r.RejectReason, r.RejectCode, code)
				}
			}
			if _, ok := rejects[srv.URL+"/good"]; ok {
				t.Errorf("the rate-limited answer was rejected: %+v", rejects[srv.URL+"/good"])
			}
			if st := res.Stats[0]; st.Retries < 1 {
				t.Errorf("the rate limit was not retried: %+v", st)
			}
		})
	}
}
