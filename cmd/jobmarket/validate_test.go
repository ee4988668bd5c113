package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts"
)

// TestValidateFileSourceRelativeToConfig: a file source's path is read
// from the config file's folder, not the working folder; a missing table
// is a problem validate names, exit code 2.
func TestValidateFileSourceRelativeToConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.csv"), []byte("title\nPython Developer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "pipeline.yaml")
	write := func(path string) {
		if err := os.WriteFile(config, []byte("sources:\n  - {name: mine, kind: file, path: "+path+"}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("mine.csv")
	t.Chdir(t.TempDir()) // anywhere but the config's folder
	if code, stdout, stderr := runCmd(t, "validate", "-c", config); code != exitOK || !strings.Contains(stdout, ": ok") {
		t.Fatalf("validate: exit %d, %s%s", code, stdout, stderr)
	}
	write("missing.csv")
	code, _, stderr := runCmd(t, "validate", "-c", config)
	if code != exitUsage || !strings.Contains(stderr, "sources[0] (mine): path "+filepath.Join(dir, "missing.csv")) {
		t.Fatalf("validate with a missing table: exit %d, %s", code, stderr)
	}
}

// TestValidateOnline asks a loopback board: a start URL that answers, one
// that answers HEAD with 405 but GET with 200, one that fails with 500,
// one robots.txt disallows, and a server that is not there.
func TestValidateOnline(t *testing.T) {
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.Method+" "+r.URL.Path)
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/v0/postings/ok", "/jobs/feed/rss/":
		case "/v0/postings/gets-only":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		default:
			http.Error(w, "broken", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	config := writeConfig(t, fmt.Sprintf(`sources:
  - name: lever
    kind: lever
    start_urls: ["%[1]s/v0/postings/ok?mode=json", "%[1]s/v0/postings/gets-only?mode=json", "%[1]s/v0/postings/broken?mode=json"]
  - name: hidden
    kind: lever
    start_urls: ["%[1]s/private/v0/postings/x?mode=json"]
  - name: feed
    kind: html
    feeds: ["%[1]s/jobs/feed/rss/"]
    fields: {title: h1}
  - name: gone
    kind: lever
    start_urls: ["%[2]s/v0/postings/x?mode=json"]
`, srv.URL, gone.URL))
	if code, _, stderr := runCmd(t, "validate", "-c", config); code != exitOK {
		t.Fatalf("validate without --online asks nothing, but exited %d: %s", code, stderr)
	}
	if len(asked) != 0 {
		t.Fatalf("validate without --online asked %v", asked)
	}
	code, _, stderr := runCmd(t, "validate", "-c", config, "--online")
	if code != exitUsage {
		t.Fatalf("validate --online: exit %d, want %d: %s", code, exitUsage, stderr)
	}
	for _, want := range []string{"lever: " + srv.URL + "/v0/postings/broken?mode=json: answers with an error status: HTTP 500",
		"hidden: " + srv.URL + "/private/v0/postings/x?mode=json: disallowed by robots.txt", "gone: " + gone.URL, "3 problems"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	for _, fine := range []string{"postings/ok", "gets-only", "feed/rss"} {
		if strings.Contains(stderr, fine) {
			t.Errorf("a URL that answers is named a problem: %s\n%s", fine, stderr)
		}
	}
	for _, never := range []string{"HEAD /private/v0/postings/x", "GET /private/v0/postings/x"} {
		for _, a := range asked {
			if a == never {
				t.Errorf("asked %s, which robots.txt disallows", a)
			}
		}
	}
}

// TestValidateOutputAndLogo: validate refuses, before any run, an output
// folder a run must not write into and a report logo the report could not
// show, naming output or report.logo; every problem at once, exit code 2.
func TestValidateOutputAndLogo(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"in/mine.csv":       []byte("title\nPython Developer\n"),
		"logo.svg":          []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle cx="2" cy="2" r="2"/></svg>`),
		"words.png":         []byte("our logo, in words\n"),
		"big.png":           append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, charts.MaxLogoBytes)...),
		"folder.png/inside": []byte("\x89PNG\r\n\x1a\n"),
	}
	for name, b := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	tests := []struct {
		name, output, logo string
		want               []string // in stderr; none: validate passes
	}{
		{"a folder of its own and an SVG logo", "out", "logo.svg", nil},
		{"no logo", "out", "", nil},
		{"the working folder", ".", "", []string{"output: . is the working folder", "1 problem"}},
		{"the root folder", "/", "", []string{"output: / is the root folder"}},
		{"the folder a source reads", "in", "", []string{"output: in holds what source mine reads"}},
		{"a logo that is not there", "out", "missing.png", []string{"report.logo: open " + filepath.Join(dir, "missing.png")}},
		{"a logo that is a folder", "out", "folder.png", []string{"report.logo: read " + filepath.Join(dir, "folder.png")}},
		{"a logo that is no image", "out", "words.png", []string{"report.logo: " + filepath.Join(dir, "words.png") + ": " + charts.ErrLogoType.Error()}},
		{"a logo too large", "out", "big.png", []string{"report.logo: " + filepath.Join(dir, "big.png") + ": " + charts.ErrLogoTooLarge.Error()}},
		{"both at once", ".", "words.png", []string{"output: . is the working folder", "report.logo: ", "2 problems"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := fmt.Sprintf("output: %q\nsources:\n  - {name: mine, kind: file, path: in/mine.csv}\n", tc.output)
			if tc.logo != "" {
				text += fmt.Sprintf("report:\n  logo: %q\n", tc.logo)
			}
			config := filepath.Join(dir, "pipeline.yaml")
			if err := os.WriteFile(config, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCmd(t, "validate", "-c", config)
			if len(tc.want) == 0 {
				if code != exitOK || !strings.Contains(stdout, ": ok") {
					t.Fatalf("validate: exit %d, %s%s", code, stdout, stderr)
				}
				return
			}
			if code != exitUsage {
				t.Fatalf("validate: exit %d, want %d: %s", code, exitUsage, stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
		})
	}
}
