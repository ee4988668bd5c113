package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/scrape"
)

func TestInitOffersEveryKind(t *testing.T) {
	for _, k := range scrape.KindNames() {
		if _, ok := starters[k]; !ok {
			t.Errorf("kind %s is registered but init has no starter for it", k)
		}
	}
	for _, k := range initKinds() {
		if _, ok := scrape.LookupKind(k); !ok && k != kindRSS {
			t.Errorf("init offers %s, which is no registered kind", k)
		}
	}
}

func TestInitWritesAConfigThatValidates(t *testing.T) {
	for _, kind := range initKinds() {
		t.Run(kind, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "boards.yaml")
			code, stdout, stderr := runCmd(t, "init", "--kind", kind, "-o", path)
			if code != exitOK {
				t.Fatalf("init exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "wrote "+path) || !strings.Contains(stdout, "Edit "+path+": ") {
				t.Errorf("init does not say what it wrote and what to edit:\n%s", stdout)
			}
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, section := range []string{"scrape:", "analysis:", "regions:", "currency:"} {
				if strings.Contains(string(text), "\n"+section) {
					t.Errorf("the starter restates the default section %s", section)
				}
			}
			code, stdout, stderr = runCmd(t, "validate", "-c", path)
			if code != exitOK {
				t.Fatalf("validate of init's config: exit %d\n%s%s\n%s", code, stdout, stderr, text)
			}
			if !strings.Contains(stdout, "ok (1 sources") {
				t.Errorf("validate: %s", stdout)
			}
		})
	}
}

func TestInitKeepsAnExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipeline.yaml")
	if err := os.WriteFile(path, []byte("output: mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "init", "--kind", "lever", "-o", path)
	if code != exitUsage || !strings.Contains(stderr, "--force") {
		t.Fatalf("init over a file: exit %d, %s", code, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != "output: mine\n" {
		t.Fatalf("init replaced the file: %q", got)
	}
	if code, _, stderr := runCmd(t, "init", "--kind", "lever", "-o", path, "--force"); code != exitOK {
		t.Fatalf("init --force: exit %d, %s", code, stderr)
	}
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), "kind: lever") {
		t.Fatalf("init --force did not write the lever starter:\n%s", got)
	}
}

func TestInitUnknownKind(t *testing.T) {
	code, _, stderr := runCmd(t, "init", "--kind", "monster", "-o", filepath.Join(t.TempDir(), "x.yaml"))
	if code != exitUsage || !strings.Contains(stderr, `"monster" is not one of`) {
		t.Fatalf("exit %d, %s", code, stderr)
	}
}
