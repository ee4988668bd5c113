package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// greenhouseBoard serves one board of the Greenhouse Job Board API
// (GET /v1/boards/{board}/jobs?content=true and a job's
// ?pay_transparency=true, as its documentation shows them) to callers
// that give the token (a job's page needs none), and answers 500 for the board
// "down", so a run has both postings and a failed page at a URL holding
// the token.
func greenhouseBoard(t *testing.T, token string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.URL.Path == "/v1/boards/acme/jobs/4012":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"id": 4012, "title": "Senior OpenStack Engineer", "absolute_url": "%s/acme/jobs/4012",
  "location": {"name": "Berlin, Germany"}, "updated_at": "2026-02-03T10:00:00-05:00",
  "content": "&lt;p&gt;Run our OpenStack Nova and Neutron clouds.&lt;/p&gt;",
  "pay_input_ranges": [{"min_cents": 8500000, "max_cents": 10000000, "currency_type": "EUR", "title": "Berlin"}]}`, srv.URL)
		case r.URL.Query().Get("token") != token:
			http.Error(w, "unauthorized", http.StatusUnauthorized)
		case r.URL.Path == "/v1/boards/down/jobs":
			http.Error(w, "upstream broke", http.StatusInternalServerError)
		case r.URL.Path == "/v1/boards/acme/jobs":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"jobs": [
  {"id": 4012, "title": "Senior OpenStack Engineer", "absolute_url": "%[1]s/acme/jobs/4012",
   "location": {"name": "Berlin, Germany"}, "updated_at": "2026-02-03T10:00:00-05:00",
   "content": "&lt;p&gt;Run our OpenStack Nova and Neutron clouds. Salary: €85,000 – €100,000 per year.&lt;/p&gt;"},
  {"id": 4013, "title": "", "absolute_url": "%[1]s/acme/jobs/4013", "location": {"name": "Berlin"},
   "updated_at": "2026-02-03T10:00:00-05:00", "content": ""}
], "meta": {"total": 2}}`, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSecretsMaskedEverywhere: a token substituted into start URLs from
// the environment appears in no file of the output folder or the page
// store, in no log line (-v) and in no message, and the store, which
// records the masked URLs, still serves an offline re-read.
func TestSecretsMaskedEverywhere(t *testing.T) {
	const token = "tok-3xampl3-s3cr3t"
	srv := greenhouseBoard(t, token)
	t.Setenv("JOBMARKET_TEST_BOARD_TOKEN", token)
	dir := t.TempDir()
	config := filepath.Join(dir, "pipeline.yaml")
	cfg := fmt.Sprintf(`synthetic: true
sources:
  - name: acme
    kind: greenhouse
    start_urls: ["%[1]s/v1/boards/acme/jobs?content=true&token=${JOBMARKET_TEST_BOARD_TOKEN}"]
  - name: down
    kind: greenhouse
    start_urls: ["%[1]s/v1/boards/down/jobs?content=true&token=${JOBMARKET_TEST_BOARD_TOKEN}"]
scrape:
  store: %[2]s
  retries: 0
  delay: 0s
`, srv.URL, filepath.Join(dir, "pages"))
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runCmd(t, "-v", "run", "-c", config, "-o", out)
	if code != exitPartial {
		t.Fatalf("run exited %d, want %d: %s", code, exitPartial, stderr)
	}
	code, jsonOut, jsonErr := runCmd(t, "-v", "--log-format", "json", "scrape", "-c", config, "-o", out, "--offline")
	if code != exitPartial {
		t.Fatalf("offline scrape exited %d, want %d: %s", code, exitPartial, jsonErr)
	}
	for name, text := range map[string]string{"stdout": stdout + jsonOut, "stderr": stderr + jsonErr} {
		if strings.Contains(text, token) {
			t.Errorf("%s holds the token:\n%s", name, text)
		}
	}
	if !strings.Contains(stderr, "token=${JOBMARKET_TEST_BOARD_TOKEN}") {
		t.Errorf("-v logs do not show the masked URL:\n%s", stderr)
	}
	files := 0
	for _, root := range []string{out, filepath.Join(dir, "pages")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			for _, form := range []string{token, url.QueryEscape(token)} {
				if strings.Contains(string(b), form) {
					t.Errorf("%s holds the token", path)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 8 {
		t.Errorf("checked only %d files", files)
	}
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	counts := m.Stages["scrape"].Counts
	if counts["acme.from_store"] == 0 || counts["acme.fetched"] != 0 || counts["acme.records"] != 2 {
		b, _ := json.Marshal(counts)
		t.Errorf("the offline re-read did not find the masked URL in the store: %s", b)
	}
}

// TestQueuePasswordMasked: a Redis password from the environment may be
// given URL-encoded (one with '@', '/' or '#' must be), and one that
// breaks the URL is masked in the error that says so.
func TestQueuePasswordMasked(t *testing.T) {
	config, _ := demoConfig(t)
	raw, _ := os.ReadFile(config)
	for _, tc := range []struct {
		name, password string
		code           int
	}{
		{"url-encoded", "p%40ss%2Fw0rd%23x", exitOK},
		{"not encoded", "p@ss/w0rd#x", exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("JOBMARKET_TEST_REDIS", tc.password)
			queue := "redis://:${JOBMARKET_TEST_REDIS}@127.0.0.1:6379/0"
			cfg := strings.Replace(string(raw), "scrape:\n", "scrape:\n  queue: \""+queue+"\"\n", 1)
			if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCmd(t, "validate", "-c", config)
			if code != tc.code {
				t.Errorf("validate exited %d, want %d: %s", code, tc.code, stderr)
			}
			for _, secret := range []string{tc.password, "p@ss/w0rd#x", "p@ss"} {
				if strings.Contains(stdout+stderr, secret) {
					t.Errorf("output holds the password %q:\n%s%s", secret, stdout, stderr)
				}
			}
		})
	}
}
