package scrape_test

import (
	"bytes"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jobmarket/jobmarket/scrape"
)

func TestProgress(t *testing.T) {
	srv, _ := countingServer(t)
	var mu sync.Mutex
	var calls, finals int
	var last []scrape.SourceStats
	s := &scrape.Scraper{Config: testConfig(t), ProgressEvery: time.Millisecond, Progress: func(stats []scrape.SourceStats, final bool) {
		if !mu.TryLock() {
			t.Error("progress calls overlap")
			return
		}
		defer mu.Unlock()
		calls++
		if final {
			finals++
		}
		last = stats
	}}
	if _, err := s.Run(t.Context(), sources(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if finals != 1 || len(last) != 3 {
		t.Fatalf("%d calls, %d final, last %+v", calls, finals, last)
	}
	for _, st := range last {
		if !st.Done || st.Queued != 0 || st.Responses == 0 {
			t.Errorf("final progress for %s: %+v", st.Source, st)
		}
	}
}

func TestTerminalProgress(t *testing.T) {
	var out bytes.Buffer
	bar := scrape.TerminalProgress(&out)
	bar([]scrape.SourceStats{{Source: "cloudjobs", Responses: 30, Queued: 10, Elapsed: time.Second}, {Source: "lever", Queued: 3}}, false)
	first := out.String()
	bar([]scrape.SourceStats{{Source: "cloudjobs", Responses: 40, Done: true, Elapsed: 2 * time.Second, Failed: map[string]int{"HTTP 404": 2}}, {Source: "lever", GivenUp: "x", Done: true}}, true)
	second := strings.TrimPrefix(out.String(), first)
	if strings.Contains(first, "\x1b[2A") || strings.Count(first, "\n") != 2 || !strings.Contains(first, "███████████████░░░░░") ||
		!strings.Contains(first, "30 pages") || !strings.Contains(first, "10 queued") || !strings.Contains(first, "30/s") {
		t.Errorf("first draw:\n%s", first)
	}
	if !strings.HasPrefix(second, "\x1b[2A") || !strings.Contains(second, "2 failed") || !strings.Contains(second, "done") ||
		!strings.Contains(second, "given up") || !strings.Contains(second, strings.Repeat("█", 20)) {
		t.Errorf("redraw:\n%q", second)
	}
	for _, line := range strings.Split(first+second, "\n") {
		if n := utf8.RuneCountInString(strings.TrimPrefix(strings.TrimPrefix(line, "\x1b[2A"), "\x1b[2K")); n > 80 {
			t.Errorf("line of %d characters wraps on a terminal: %q", n, line)
		}
	}
}

func TestLogProgress(t *testing.T) {
	var out bytes.Buffer
	p := scrape.LogProgress(slog.New(slog.NewTextHandler(&out, nil)), 0)
	p([]scrape.SourceStats{{Source: "a", Responses: 5, Queued: 2, Elapsed: time.Second}, {Source: "b"}}, false)
	p([]scrape.SourceStats{{Source: "a", Responses: 5, Queued: 2, Elapsed: time.Second}, {Source: "b"}}, false)
	p([]scrape.SourceStats{{Source: "a", Responses: 9, Done: true}}, true)
	if got := out.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "source=a pages=5 queued=2 failed=0 pages_per_s=5") {
		t.Errorf("log progress:\n%s", got)
	}
}

// TestCollyEnvironmentIgnored: COLLY_* variables must not override the
// config (colly's NewCollector would let them).
func TestCollyEnvironmentIgnored(t *testing.T) {
	t.Setenv("COLLY_IGNORE_ROBOTSTXT", "true")
	t.Setenv("COLLY_MAX_REQUESTS", "1")
	t.Setenv("COLLY_USER_AGENT", "sneaky")
	var agents sync.Map
	srv, hits := serve(t, httpFiles(func(ua string) { agents.Store(ua, true) }))
	res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), sources(srv.URL)[:1])
	if err != nil {
		t.Fatal(err)
	}
	if hits.of("/admin/p/secret.html") != 0 || res.Stats[0].Postings() != 2 {
		t.Errorf("environment changed the crawl: %+v", res.Stats[0])
	}
	if _, ok := agents.Load("sneaky"); ok {
		t.Error("COLLY_USER_AGENT was sent")
	}
	if _, ok := agents.Load(scrape.DefaultUserAgent); !ok {
		t.Error("the configured user agent was not sent")
	}
}

// ExampleResult_WriteSummary shows the table a run ends with.
func ExampleResult_WriteSummary() {
	res := scrape.Result{Stats: []scrape.SourceStats{
		{Source: "cloudjobs", Fetched: 5211, FromStore: 460, RobotsBlocked: 1, Records: 5672, Rejects: 12, Failed: map[string]int{"HTTP 404": 3, "timeout": 1}},
		{Source: "lever", Fetched: 3, Records: 120, Retries: 2},
		{Source: "flaky", Fetched: 7, Records: 27, Rejects: 20, Skipped: 180, Failed: map[string]int{"HTTP 503": 20}, GivenUp: "20 fetches failed in a row (error_budget)"},
	}}
	res.WriteSummary(os.Stdout)
	// Output:
	// source     fetched  from store  disallowed  offsite  skipped  retries  failed                   postings  rejects
	// cloudjobs  5211     460         1           0        0        0        HTTP 404: 3, timeout: 1  5660      12
	// lever      3        0           0           0        0        2        0                        120       0
	// flaky      7        0           0           0        180      0        HTTP 503: 20             7         20
	// flaky: given up: 20 fetches failed in a row (error_budget)
}
