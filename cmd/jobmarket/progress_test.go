package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

func TestStageWorkLine(t *testing.T) {
	w := &stageWork{stage: "analyze", unit: "listings", total: 300000, after: "estimating"}
	read := w.stream(func(fn func([]data.Listing) error) error { return fn(make([]data.Listing, 150000)) })
	var during string
	if err := read(func([]data.Listing) error {
		during = w.line(12 * time.Second)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := "analyze   [██████████░░░░░░░░░░] 150000/300000 listings   12s"; during != want {
		t.Errorf("while reading: %q, want %q", during, want)
	}
	if len([]rune(during)) > 79 {
		t.Errorf("the line is %d runes: longer than a terminal", len([]rune(during)))
	}
	w.rows.Store(300000)
	if got, want := w.line(45*time.Second), "analyze   read 300000 listings; estimating   45s"; got != want {
		t.Errorf("after reading: %q, want %q", got, want)
	}
	kv := w.attrs(time.Second)
	attrs := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		attrs[kv[i].(string)] = kv[i+1]
	}
	for k, want := range map[string]any{"stage": "analyze", "listings_read": int64(300000), "listings_total": int64(300000), "doing": "estimating"} {
		if attrs[k] != want {
			t.Errorf("log record's %s = %v, want %v", k, attrs[k], want)
		}
	}
	w.estimated("trend", 6, 24)
	if got, want := w.line(50*time.Second), "analyze   [█████░░░░░░░░░░░░░░░] 6/24 cells of the trend   50s"; got != want {
		t.Errorf("estimating: %q, want %q", got, want)
	}
	kv = w.attrs(time.Second)
	if got := fmt.Sprint(kv[len(kv)-6:]...); got != fmt.Sprint("estimate", "trend", "cells_done", int64(6), "cells_total", int64(24)) {
		t.Errorf("log record ends %s", got)
	}
	heartbeat := &stageWork{stage: "transform", after: "normalizing"}
	if got, want := heartbeat.line(3*time.Second), "transform normalizing    3s"; got != want {
		t.Errorf("a stage that counts nothing: %q, want %q", got, want)
	}
}

// TestLongStagesSayTheyWork runs the stages with stderr not a terminal:
// each long stage logs that it is working, and says what it wrote.
func TestLongStagesSayTheyWork(t *testing.T) {
	defer func(every time.Duration) { workLogEvery = every }(workLogEvery)
	workLogEvery = time.Millisecond
	config, out := demoConfig(t)
	code, _, stderr := runCmd(t, "run", "-c", config, "-o", out, "--only-source", "lever")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"msg=working stage=analyze", "msg=working stage=report", "msg=working stage=transform",
		"scrape wrote " + filepath.Join(out, RawFile) + ", " + filepath.Join(out, ManifestFile),
		"analyze wrote " + filepath.Join(out, PremiumCSVFile),
		"report wrote " + filepath.Join(out, ReportFile) + ", " + filepath.Join(out, SlidesDir) + "/ (",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "verify", "-c", config, "-o", out); code != exitOK || !strings.Contains(stderr, "msg=working stage=verify") {
		t.Errorf("verify: exit %d, no progress:\n%s", code, stderr)
	}
}

// TestJSONLogsOnly runs every stage and a failing command with JSON logs:
// stderr holds JSON lines only, the scrape summary is one record and
// durations are seconds.
func TestJSONLogsOnly(t *testing.T) {
	config, out := demoConfig(t)
	code, stdout, stderr := runCmd(t, "--log-format", "json", "run", "-c", config, "-o", out, "--only-source", "lever", "--quarter", "2026Q3")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkQuarterSummary(t, stdout)
	_, _, bad := runCmd(t, "--log-format", "json", "analyze", "-c", config, "-o", out, "--quarter", "2026Q9")
	var summary map[string]any
	for _, line := range strings.Split(strings.TrimSpace(stderr+bad), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if rec["msg"] == "scrape summary" {
			summary = rec
		}
		for k, v := range rec {
			if strings.HasSuffix(k, "duration") || strings.HasSuffix(k, "elapsed") {
				t.Errorf("%s = %v is not in seconds (%s_s)", k, v, k)
			}
		}
	}
	if summary == nil {
		t.Fatalf("no scrape summary record:\n%s", stderr)
	}
	rows, ok := summary["sources"].([]any)
	if !ok || len(rows) != 1 || rows[0].(map[string]any)["source"] != "lever" {
		t.Errorf("scrape summary = %v", summary)
	}
	if _, ok := rows[0].(map[string]any)["elapsed_s"].(float64); !ok {
		t.Errorf("elapsed_s is not seconds: %v", rows[0])
	}
	if !strings.Contains(bad, `"exit_code":2`) || !strings.Contains(bad, "2026Q9") {
		t.Errorf("the error is not a JSON record: %s", bad)
	}
}
