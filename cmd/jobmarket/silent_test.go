package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestSilentSourceExits3: a run whose single-URL API sources cannot be
// reached — one server answers 500, another hangs up without a word —
// finishes on what the other source gave, exits 3, and says in the scrape
// summary, analysis.json and the report which source gave nothing and why.
func TestSilentSourceExits3(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "upstream broke", http.StatusInternalServerError)
	}))
	defer failing.Close()
	mute := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // no status line, no body: nothing
		}
	}))
	defer mute.Close()
	for _, withFile := range []bool{true, false} {
		t.Run(fmt.Sprintf("with a file source %v", withFile), func(t *testing.T) {
			checkSilentRun(t, failing.URL, mute.URL, withFile)
		})
	}
}

func checkSilentRun(t *testing.T, failing, mute string, withFile bool) {
	dir := t.TempDir()
	listings, err := filepath.Abs("../../data/examples/listings.csv")
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "pipeline.yaml")
	survey := fmt.Sprintf(`
  - name: my-survey
    kind: file
    path: %s
    columns: {title: Job Title, company: Employer, location: City, country: Country,
              pay_min: Salary Min, pay_max: Salary Max, pay_currency: Currency,
              pay_period: Per, posted_date: Posted, url: Link, description: Notes}`, listings)
	if !withFile {
		survey = ""
	}
	cfg := fmt.Sprintf(`synthetic: true
sources:%s
  - name: acme-greenhouse
    kind: greenhouse
    start_urls: ["%s/v1/boards/acme/jobs?content=true"]
  - name: quiet-greenhouse
    kind: greenhouse
    start_urls: ["%s/v1/boards/quiet/jobs?content=true"]
scrape:
  store: %s
  retries: 1
  delay: 0s
`, survey, failing, mute, filepath.Join(dir, "pages"))
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "run", "-c", config, "-o", out)
	if code != exitPartial {
		t.Fatalf("run exited %d, want %d: %s", code, exitPartial, stderr)
	}
	for _, want := range []string{"acme-greenhouse: no postings: 1 fetches failed (HTTP 500: 1)", "quiet-greenhouse: no postings: 1 fetches failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	f, err := os.Open(filepath.Join(out, AnalysisFile))
	if err != nil {
		t.Fatal(err)
	}
	summary, err := data.ReadSummary(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, fn := range summary.Funnel {
		notes[fn.Source] = fn.Note
	}
	if notes["my-survey"] != "" || !strings.Contains(notes["acme-greenhouse"], "HTTP 500") || notes["quiet-greenhouse"] == "" {
		t.Errorf("funnel notes %q: want the two silent sources with why, and none on my-survey", notes)
	}
	report, err := os.ReadFile(filepath.Join(out, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"acme-greenhouse", "quiet-greenhouse"} {
		if !strings.Contains(string(report), "<strong>"+name+"</strong>: no postings") {
			t.Errorf("the report does not name %s as giving no postings", name)
		}
	}
}
