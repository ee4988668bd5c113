package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportBranding runs the demo with a report: section naming a logo
// beside the config, and checks the report carries the title, the
// organization, the logo inlined, the accent and a citation line whose
// config hash is that of the config manifest.json records.
func TestReportBranding(t *testing.T) {
	config, out := demoConfig(t)
	logo := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle cx="2" cy="2" r="2" fill="#e11d48"/></svg>`
	if err := os.WriteFile(filepath.Join(filepath.Dir(config), "logo.svg"), []byte(logo), 0o644); err != nil {
		t.Fatal(err)
	}
	appendConfig(t, config, "report:\n  title: Cloud pay in 2026\n  organization: OpenInfra\n  logo: logo.svg\n  accent: \"#e11d48\"\n")
	if code, _, stderr := runCmd(t, "run", "-q", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	report, err := os.ReadFile(filepath.Join(out, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(m.stageConfig("analyze")))
	for _, want := range []string{
		"<h1>Cloud pay in 2026</h1>",
		`<span class="organization">OpenInfra</span>`,
		`src="data:image/svg&#43;xml;base64,`,
		"--accent: #e11d48;",
		"The jobmarket authors. jobmarket, version ",
		"Config SHA-256 " + hex.EncodeToString(sum[:])[:12] + ".",
		"Report by OpenInfra.",
	} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report.html does not contain %q", want)
		}
	}
}

// TestReportBrandingErrors checks that a bad accent is a config error at
// its line, and a logo that is no image, or too large, fails the report
// naming report.logo.
func TestReportBrandingErrors(t *testing.T) {
	config, out := demoConfig(t)
	bad := config + ".accent.yaml"
	raw, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, append(raw, "report:\n  accent: crimson\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "validate", "-c", bad); code != exitUsage || !strings.Contains(stderr, `report.accent: "crimson" is not a colour`) {
		t.Errorf("validate with accent crimson: exit %d, %s", code, stderr)
	}

	if code, _, stderr := runCmd(t, "run", "-q", "-c", config, "-o", out); code != exitOK {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	dir := filepath.Dir(config)
	for name, body := range map[string][]byte{
		"page.svg": []byte("<html><body>not a logo</body></html>"),
		"huge.png": append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 300<<10)...),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
		logoConfig := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(logoConfig, append(raw, "report:\n  logo: "+name+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCmd(t, "report", "-q", "-c", logoConfig, "-o", out)
		if code == exitOK || !strings.Contains(stderr, "report.logo: "+filepath.Join(dir, name)) {
			t.Errorf("report with logo %s: exit %d, %s", name, code, stderr)
		}
	}
}

// appendConfig adds YAML to the end of a config file.
func appendConfig(t *testing.T, path, yaml string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(yaml); err != nil {
		t.Fatal(err)
	}
}
