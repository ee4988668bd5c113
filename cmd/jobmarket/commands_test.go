package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

func TestMain(m *testing.M) {
	// The SIGINT test runs this test binary as the command itself.
	if os.Getenv("JOBMARKET_BE_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestConfigErrorsNameLineAndField(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", "scrape:\n  delai: 1s\n", []string{":2: scrape.delai: unknown key (did you mean delay?)"}},
		{"not a duration", "scrape:\n  parallelism: 2\n  delay: fast\n", []string{`:3: scrape.delay: "fast" is not a duration`}},
		{"not a number", "analysis:\n  bootstrap: many\n", []string{`:2: analysis.bootstrap: "many" is not a whole number`}},
		{"several at once", "sources:\n  - name: a\n    kind: rss\n    start_urls: [\"ftp://x/\"]\n" +
			"regions:\n  Europe: [DE, XX]\n  Other: [DE]\nscrape:\n  delay: -1s\n", []string{
			`:3: sources[0].kind: "rss" is not one of ` + strings.Join(scrape.KindNames(), ", "),
			`:4: sources[0].start_urls[0]: "ftp://x/": scheme must be http, https, file or bundled`,
			`:6: regions.Europe: "XX" is not an ISO 3166-1 alpha-2 country code nor a UN M49 or CLDR region code`,
			`:7: regions.Other: DE is already in region "Europe"`,
			`:9: scrape.delay: -1s is negative`,
		}},
		{"unknown currency", "currency:\n  as_of: \"2026-10-01\"\n  rates: {euro: 1.1}\n", []string{":3: currency.rates.euro: not an ISO 4217 code"}},
		{"float in integer field", "scrape:\n  retries: 2.99\n", []string{`:2: scrape.retries: "2.99" is not a whole number`}},
		{"float in unsigned field", "analysis:\n  bootstrap: 100.7\n", []string{`:2: analysis.bootstrap: "100.7" is not a whole number`}},
		{"negative seed", "analysis:\n  seed: -1\n", []string{`:2: analysis.seed: "-1" is not a whole number of zero or more`}},
		{"duration without unit", "scrape:\n  delay: 5\n", []string{`:2: scrape.delay: "5" is not a duration`}},
		{"list where mapping", "scrape: [1, 2]\n", []string{`:1: scrape: is not a mapping`}},
		{"scalar where list", "sources: mine\n", []string{`:1: sources: is not a list`}},
		{"nested unknown key", "sources:\n  - name: a\n    kind: file\n    pth: x.csv\n", []string{`:4: sources[0].pth: unknown key (did you mean path?)`}},
		{"regions not a mapping", "regions: [DE]\n", []string{`:1: regions: is not a mapping`}},
		{"region not a list", "regions:\n  Europe: DE\n", []string{`:2: regions.Europe: is not a list`}},
		{"M49 code without its zeros", "regions:\n  Oceania: [9]\n", []string{`:2: regions.Oceania: "9" is not a region code: UN M49 codes have three digits ("009")`}},
		{"region codes that overlap", "regions:\n  Union: [\"EU\"]\n  East: [\"151\"]\n", []string{
			`:3: regions.East: "151" and "EU" of region "Union" share BG, CZ, HU, PL, RO, SK, and neither holds the other`}},
		{"missing env", "scrape:\n  user_agent: \"${JOBMARKET_TEST_UNSET_VAR}\"\n", []string{":2: scrape.user_agent: environment variable JOBMARKET_TEST_UNSET_VAR is not set"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pipeline.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCmd(t, "validate", "-c", path)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, path+w) {
					t.Errorf("stderr lacks %q:\n%s", path+w, stderr)
				}
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, stderr := runCmd(t, "frobnicate"); code != exitUsage || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "validate", "-c", "../../pipeline.yaml", "--seed", "x"); code != exitUsage || !strings.Contains(stderr, "--seed") {
		t.Errorf("bad --seed: exit %d, %s", code, stderr)
	}
}

func TestValidateAndSchema(t *testing.T) {
	code, stdout, stderr := runCmd(t, "validate", "-c", "../../pipeline.yaml")
	if code != exitOK || !strings.Contains(stdout, "ok (3 sources, 5 regions") {
		t.Fatalf("validate: exit %d, %s %s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd(t, "schema")
	var schema struct {
		Properties map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"properties"`
		AdditionalProperties bool `json:"additionalProperties"`
	}
	if err := json.Unmarshal([]byte(stdout), &schema); code != exitOK || err != nil {
		t.Fatalf("schema: exit %d, %v", code, err)
	}
	for _, key := range []string{"sources", "scrape", "classify", "currency", "regions", "pay", "analysis"} {
		if _, ok := schema.Properties[key]; !ok {
			t.Errorf("schema lacks %s", key)
		}
	}
	if _, ok := schema.Properties["scrape"].Properties["delay"]; !ok || schema.AdditionalProperties {
		t.Errorf("schema of scrape = %+v, additionalProperties %v", schema.Properties["scrape"], schema.AdditionalProperties)
	}
}

func TestSecretsStayOutOfTheManifest(t *testing.T) {
	config, out := demoConfig(t)
	raw, _ := os.ReadFile(config)
	withRef := strings.Replace(string(raw), "\nscrape:\n", "\nscrape:\n  user_agent: \"jobmarket ${JOBMARKET_TEST_SECRET}\"\n", 1)
	if err := os.WriteFile(config, []byte(withRef), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JOBMARKET_TEST_SECRET", "s3cr3t-token")
	if code, _, stderr := runCmd(t, "scrape", "-c", config, "-o", out, "--only-source", "lever"); code != exitOK {
		t.Fatalf("scrape exited %d: %s", code, stderr)
	}
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.Config, "s3cr3t-token") || !strings.Contains(m.Config, "${JOBMARKET_TEST_SECRET}") {
		t.Errorf("manifest config leaks or loses the reference:\n%s", m.Config)
	}
	if strings.Contains(m.Config, "name: cloudjobs") {
		t.Errorf("--only-source lever still recorded other sources:\n%s", m.Config)
	}
}

func TestVerifyCatchesChangedOutput(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "run", "-c", config, "-o", out, "--seed", "7", "--quarter", "2026Q3"); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	code, stdout, stderr := runCmd(t, "verify", "-c", config, out)
	if code != exitOK || !strings.Contains(stdout, "intact") || !strings.Contains(stdout, "reproducible") || !strings.Contains(stdout, "seed 7") {
		t.Fatalf("verify of a fresh folder: exit %d\n%s%s", code, stdout, stderr)
	}
	premiums, err := os.ReadFile(filepath.Join(out, PremiumCSVFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(premiums), "2026Q1") {
		t.Errorf("--quarter 2026Q3 left other quarters in the table:\n%s", premiums)
	}
	edited := strings.Replace(string(premiums), "North America", "North Amerika", 1)
	if err := os.WriteFile(filepath.Join(out, PremiumCSVFile), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCmd(t, "verify", "-c", config, out)
	if code != exitFailed || !strings.Contains(stdout, "premium_by_region.csv changed since it was written") ||
		!strings.Contains(stdout, `region is "North Amerika" in the file, "North America" when rerun`) {
		t.Errorf("verify of an edited folder: exit %d\n%s", code, stdout)
	}
	if err := os.WriteFile(filepath.Join(out, PremiumCSVFile), premiums, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyCoversTheTrend edits one number of the trend a report limited
// to a quarter draws, first alone and then with the manifest's hash made
// to match: verify must fail either way and name the row and column.
func TestVerifyCoversTheTrend(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "run", "-q", "-c", config, "-o", out, "--quarter", "2026Q3"); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	if code, stdout, stderr := runCmd(t, "verify", "-c", config, out); code != exitOK || !strings.Contains(stdout, PremiumTrendCSVFile) {
		t.Fatalf("verify of a fresh folder: exit %d\n%s%s", code, stdout, stderr)
	}
	path := filepath.Join(out, PremiumTrendCSVFile)
	trend, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := data.ReadPremiumsCSV(bytes.NewReader(trend))
	if err != nil {
		t.Fatal(err)
	}
	// The second row of the file: All regions, the first quarter, stratified.
	row := rows[0]
	if row.Region != data.RegionAll || row.Quarter == data.QuarterAll || row.Method != data.MethodStratified {
		t.Fatalf("first trend row is %s %s %s", row.Region, row.Quarter, row.Method)
	}
	was := strconv.FormatFloat(row.Premium, 'g', -1, 64)
	edited := bytes.Replace(trend, []byte(","+was+","), []byte(",0.5,"), 1)
	if bytes.Equal(edited, trend) {
		t.Fatalf("premium %s not found in %s", was, PremiumTrendCSVFile)
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	names := fmt.Sprintf("line 2 (All regions, %s, stratified): premium is \"0.5\" in the file, %q when rerun", row.Quarter, was)
	code, stdout, _ := runCmd(t, "verify", "-c", config, out)
	if code != exitFailed || !strings.Contains(stdout, PremiumTrendCSVFile+" changed since it was written") || !strings.Contains(stdout, names) {
		t.Errorf("verify after editing the trend: exit %d, want %d and %q\n%s", code, exitFailed, names, stdout)
	}

	// The same edit with the manifest's hash forged to match it.
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	forged, err := hashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range m.Stages["analyze"].Outputs {
		if o.Path == PremiumTrendCSVFile {
			m.Stages["analyze"].Outputs[i].SHA256 = forged.SHA256
		}
	}
	raw, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(out, ManifestFile), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCmd(t, "verify", "-c", config, out)
	if code != exitFailed || !strings.Contains(stdout, "not reproducible: rerunning analyze gives a different "+PremiumTrendCSVFile) || !strings.Contains(stdout, names) {
		t.Errorf("verify after editing the trend and the manifest: exit %d\n%s", code, stdout)
	}
}

// TestStandaloneAnalyzeRecordsItsSeed runs analyze alone with --seed on a
// copied output folder, then report with no seed: the manifest, analysis.json
// and the report must say the seed analyze used, and verify must find the
// folder reproducible.
func TestStandaloneAnalyzeRecordsItsSeed(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "run", "-q", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	copied := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(copied, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"analyze", "--seed", "3"}, {"report"}} {
		if code, _, stderr := runCmd(t, append(args, "-q", "-c", config, "-o", copied)...); code != exitOK {
			t.Fatalf("%s exited %d: %s", args[0], code, stderr)
		}
	}
	m, err := readManifest(copied)
	if err != nil {
		t.Fatal(err)
	}
	if m.Seed != 3 || !strings.Contains(m.stageConfig("analyze"), "seed: 3") || !strings.Contains(m.stageConfig("report"), "seed: 1") {
		t.Errorf("manifest: seed %d, analyze ran with seed 3 in its config: %v", m.Seed, strings.Contains(m.stageConfig("analyze"), "seed: 3"))
	}
	f, err := os.Open(filepath.Join(copied, AnalysisFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if s, err := data.ReadSummary(f); err != nil || s.Settings.Seed != 3 {
		t.Errorf("analysis.json: %+v, %v; want seed 3", s.Settings, err)
	}
	report, err := os.ReadFile(filepath.Join(copied, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(report, []byte("<dt>Random seed</dt><dd>3</dd>")) {
		t.Error("the report does not state seed 3")
	}
	if code, stdout, stderr := runCmd(t, "verify", "-c", config, copied); code != exitOK || !strings.Contains(stdout, "seed 3") {
		t.Errorf("verify: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestReportPeriodMustMatchAnalysis checks that the report refuses a period analyze was
// not limited to, and says what to run.
func TestReportPeriodMustMatchAnalysis(t *testing.T) {
	config, out := demoConfig(t)
	if code, _, stderr := runCmd(t, "run", "-q", "-c", config, "-o", out, "--quarter", "2026Q3"); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	for _, args := range [][]string{{"--quarter", "2026Q2"}, {"--from", "2026-07-01", "--to", "2026-09-30"}} {
		code, _, stderr := runCmd(t, append([]string{"report", "-q", "-c", config, "-o", out}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, "is limited to 2026Q3") || !strings.Contains(stderr, "run `jobmarket analyze`") {
			t.Errorf("report %v: exit %d, %s", args, code, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "report", "-q", "-c", config, "-o", out, "--quarter", "2026Q3"); code != exitOK {
		t.Errorf("report of the same quarter: exit %d, %s", code, stderr)
	}
}

// TestInterruptStopsCleanly sends SIGINT to a real process mid-scrape: it
// must stop promptly with exit code 130, leave no temporary or partial
// output, and a second run must then finish.
func TestInterruptStopsCleanly(t *testing.T) {
	config, out := demoConfig(t)
	cmd := exec.Command(os.Args[0], "-v", "run", "-c", config, "-o", out)
	cmd.Env = append(os.Environ(), "JOBMARKET_BE_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The first log line comes after main has installed its interrupt
	// handler, so the signal lands on a working run, however long the
	// process took to start on a busy machine.
	started := make(chan struct{})
	go func() {
		r := bufio.NewReader(stderr)
		if _, err := r.ReadByte(); err == nil {
			close(started)
		}
		io.Copy(io.Discard, r)
	}()
	select {
	case <-started:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the run wrote no log line within 60 s")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- cmd.Wait() }()
	start := time.Now()
	select {
	case err := <-stopped:
		var exitErr *exec.ExitError
		if err == nil {
			t.Log("the run finished before the signal arrived; nothing to check")
		} else if !errors.As(err, &exitErr) || exitErr.ExitCode() != exitCanceled {
			t.Fatalf("interrupted run ended with %v, want exit code %d", err, exitCanceled)
		}
		t.Logf("stopped %v after SIGINT", time.Since(start))
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("run did not stop within 10 s of SIGINT")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(out, ReportFile)); err == nil {
		t.Error("an interrupted run wrote a report")
	}
	if code, _, stderr := runCmd(t, "run", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("run after interrupt exited %d: %s", code, stderr)
	}
}

// TestOwnDataRecipe runs the README's "rerun on my own data" recipe: the
// file source on data/examples, from the repository root as a user would.
func TestOwnDataRecipe(t *testing.T) {
	out := t.TempDir()
	t.Chdir("../..")
	code, stdout, stderr := runCmd(t, "run", "-c", "data/examples/my-data.yaml", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"SYNTHETIC DEMO DATA", "Europe", "North America"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// The recipe writes only what differs from the defaults.
	recipe, err := os.ReadFile("data/examples/my-data.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"\nscrape:", "\nclassify:", "\ncurrency:", "\nregions:", "\npay:", "\nanalysis:"} {
		if strings.Contains(string(recipe), key) {
			t.Errorf("my-data.yaml restates the default %s section", strings.TrimSpace(key))
		}
	}
	rejects, err := os.ReadFile(filepath.Join(out, RejectsFile))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(rejects), "\n"); n != 1 {
		t.Errorf("the example CSV is clean, but rejects.csv has %d rows:\n%s", n-1, rejects)
	}
}

// TestQueuePasswordOnlyFromEnvironment: a Redis password typed into
// scrape.queue would be copied into manifest.json, so it is refused; the
// same password through ${VAR} is accepted and masked.
func TestQueuePasswordOnlyFromEnvironment(t *testing.T) {
	config, _ := demoConfig(t)
	raw, _ := os.ReadFile(config)
	for _, tc := range []struct {
		queue string
		code  int
	}{
		{"redis://:hunter2@127.0.0.1:6379/0", exitUsage},
		{"redis://:${JOBMARKET_TEST_REDIS}@127.0.0.1:6379/0", exitOK},
		{"redis://127.0.0.1:6379/0", exitOK},
	} {
		cfg := strings.Replace(string(raw), "scrape:\n", "scrape:\n  queue: \""+tc.queue+"\"\n", 1)
		if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Setenv("JOBMARKET_TEST_REDIS", "hunter2")
		code, _, stderr := runCmd(t, "validate", "-c", config)
		if code != tc.code {
			t.Errorf("queue %s: validate exited %d, want %d: %s", tc.queue, code, tc.code, stderr)
		}
		if tc.code == exitUsage && !strings.Contains(stderr, "${REDIS_PASSWORD}") {
			t.Errorf("queue %s: error does not say how to fix it: %s", tc.queue, stderr)
		}
	}
}
