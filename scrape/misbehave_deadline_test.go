package scrape_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
)

// TestMisbehavingStall: a board answering 429 with Retry-After: 120 on
// every page would hold a source for hours; source_deadline and
// run_deadline give it up, the run says so (a partial scrape: exit 3)
// and the other sources are complete.
func TestMisbehavingStall(t *testing.T) {
	stalling, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	good, _ := countingServer(t)
	for _, tc := range []struct {
		key string
		set func(*scrape.Config)
	}{
		{"source_deadline", func(c *scrape.Config) { c.SourceDeadline = time.Second }},
		{"run_deadline", func(c *scrape.Config) { c.RunDeadline = time.Second }},
	} {
		t.Run(tc.key, func(t *testing.T) {
			cfg := testConfig(t)
			tc.set(&cfg)
			srcs := []scrape.Source{
				{Name: "stalling", Kind: scrape.KindLever, StartURLs: []string{stalling.URL + "/v0/postings/a", stalling.URL + "/v0/postings/b"}},
				sources(good.URL)[1],
			}
			start := time.Now()
			res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), srcs)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %s: waited out Retry-After: 120", d.Round(time.Millisecond))
			}
			if st := res.Stats[0]; !strings.Contains(st.GivenUp, tc.key+" (1s) passed") {
				t.Errorf("stalling source: GivenUp %q, want it to name %s", st.GivenUp, tc.key)
			}
			if res.Stats[1].Postings() != 2 || res.Stats[1].GivenUp != "" {
				t.Errorf("the good source: %+v", res.Stats[1])
			}
			var perr *scrape.PartialError
			if err := res.Err(); !errors.As(err, &perr) || len(perr.Sources) != 1 || perr.Sources[0] != "stalling" {
				t.Errorf("Err() = %v, want a PartialError naming the stalling source", err)
			}
			var summary strings.Builder
			res.WriteSummary(&summary)
			if !strings.Contains(summary.String(), "stalling: given up: "+tc.key+" (1s) passed") {
				t.Errorf("summary:\n%s", summary.String())
			}
		})
	}
}
