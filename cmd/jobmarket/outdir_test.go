package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestOutputFolderRefused: the home folder, the working folder and a
// folder a file source reads are refused as the output folder, with a
// usage error at "output", before anything is written there.
func TestOutputFolderRefused(t *testing.T) {
	config, _ := demoConfig(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	survey := t.TempDir()
	table, err := os.ReadFile("../../data/examples/listings.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(survey, "listings.csv"), table, 0o644); err != nil {
		t.Fatal(err)
	}
	withFile := filepath.Join(t.TempDir(), "pipeline.yaml")
	cfg := fmt.Sprintf(`sources:
  - name: survey
    kind: file
    path: %s
    columns: {title: Job Title, company: Employer, location: City, country: Country, pay_min: Salary Min}
`, filepath.Join(survey, "listings.csv"))
	if err := os.WriteFile(withFile, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	wd := t.TempDir()
	t.Chdir(wd)
	for _, tc := range []struct {
		name, config, out, want string
	}{
		{"home", config, home, "is your home folder"},
		{"working folder", config, ".", "is the working folder"},
		{"working folder by its path", config, wd + "/sub/..", "is the working folder"},
		{"source folder", withFile, survey, "holds what source survey reads"},
		{"holding a source folder", withFile, filepath.Dir(survey), "holds what source survey reads"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, "scrape", "-c", tc.config, "-o", tc.out)
			if code != exitUsage || !strings.Contains(stderr, "output: ") || !strings.Contains(stderr, tc.want) {
				t.Errorf("scrape -o %s exited %d, want %d saying %q: %s", tc.out, code, exitUsage, tc.want, stderr)
			}
			if _, err := os.Stat(filepath.Join(tc.out, RawFile)); err == nil {
				t.Errorf("scrape wrote into %s", tc.out)
			}
		})
	}
	if err := checkOutput("/", Pipeline{}); err == nil || !strings.Contains(err.Error(), "the root folder") {
		t.Errorf("checkOutput(/) = %v, want the root folder refused", err)
	}
	var fe *data.FieldError
	if err := checkOutput(home, Pipeline{}); !errors.As(err, &fe) || fe.Path != "output" {
		t.Errorf("checkOutput(home) = %v, want a FieldError at output", err)
	}
}

// TestForeignFolderKept: a slides/ folder in an output folder no run of
// this tool wrote (no manifest.json) is not removed: the run refuses.
func TestForeignFolderKept(t *testing.T) {
	config, out := demoConfig(t)
	keep := filepath.Join(out, SlidesDir, "holiday.jpg")
	if err := os.MkdirAll(filepath.Dir(keep), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "run", "-c", config, "-o", out, "--only-source", "lever")
	if code != exitUsage || !strings.Contains(stderr, "was not written by jobmarket") {
		t.Errorf("run exited %d, want %d refusing the foreign slides/: %s", code, exitUsage, stderr)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the user's file is gone: %v", err)
	}
}

// TestOutputFolderLocked: a second run into a folder a run holds stops at
// once, naming the holder's process id, and writes nothing.
func TestOutputFolderLocked(t *testing.T) {
	config, out := demoConfig(t)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	held, err := lockFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out, "--only-source", "lever")
	if code != exitFailed || !strings.Contains(stderr, "in use by another jobmarket run (process "+strconv.Itoa(os.Getpid())+")") {
		t.Errorf("scrape into a locked folder exited %d, want %d naming pid %d: %s", code, exitFailed, os.Getpid(), stderr)
	}
	if _, err := os.Stat(filepath.Join(out, RawFile)); err == nil {
		t.Error("scrape wrote into a locked folder")
	}
	held.Close()
	if code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out, "--only-source", "lever"); code != exitOK {
		t.Errorf("scrape after the lock was released exited %d: %s", code, stderr)
	}
}

// TestKilledRunLeftoversRemoved: the temporary files and folders a killed
// run left in the output folder are removed by the next run; other files
// stay, and a slides folder set aside by a kill mid-replacement is put
// back.
func TestKilledRunLeftoversRemoved(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out, "--only-source", "lever"); code != exitOK {
		t.Fatalf("scrape exited %d: %s", code, stderr)
	}
	leftovers := []string{".tmp-1234567", ".dedupe-urls-42.tmp", ".tmp-listings-99/quarter=2026Q1/part-0.parquet", ".tmp-slides-7/a.png"}
	kept := []string{".tmp-notes.txt", "notes.md", SlidesDir + "/old.png"}
	for _, name := range append(append([]string{}, leftovers...), ".old-"+SlidesDir+"/old.png", ".tmp-notes.txt", "notes.md") {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out, "--only-source", "lever"); code != exitOK {
		t.Fatalf("scrape exited %d: %s", code, stderr)
	}
	for _, name := range leftovers {
		if _, err := os.Stat(filepath.Join(out, strings.Split(name, "/")[0])); err == nil {
			t.Errorf("%s is still there", name)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s is gone: %v", name, err)
		}
	}
}
