package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runPay runs the pay command and decodes its output lines.
func runPay(t *testing.T, stdin string, args ...string) (int, []map[string]any, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runWithInput(t.Context(), append([]string{"pay"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
		if l == "" && stdout.Len() == 0 {
			break
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("output line %q is not JSON: %v", l, err)
		}
		lines = append(lines, m)
	}
	return code, lines, stderr.String()
}

func TestPayCommandArgs(t *testing.T) {
	code, lines, stderr := runPay(t, "", "--country", "US", "$120K - $150K a year", "Up to $180,000", "Competitive")
	if code != exitOK || len(lines) != 3 {
		t.Fatalf("exit %d, %d lines, stderr %s", code, len(lines), stderr)
	}
	first := lines[0]
	if first["min"] != 120000.0 || first["max"] != 150000.0 || first["currency"] != "USD" || first["period"] != "YEAR" ||
		first["annual_usd"] != 135000.0 || first["text"] != "$120K - $150K a year" {
		t.Errorf("first line = %v", first)
	}
	if up := lines[1]; up["min"] != nil || up["max"] != 180000.0 {
		t.Errorf("ceiling line = %v, want min null", up)
	}
	if none := lines[2]; none["reason"] == nil || none["min"] != nil || none["annual_usd"] != nil || none["code"] != "no_pay" {
		t.Errorf("no-pay line = %v", none)
	}
}

// TestPayCommandStdin checks one output line per input line, blank lines
// and COUNTRY<TAB>TEXT included.
func TestPayCommandStdin(t *testing.T) {
	in := "€60k–70k\nIN\t₹12,00,000 - ₹18,00,000 a year\n\n\t$25 - $45\nBerlin is nice\tnot a country\r\n$1 - $2 per year"
	code, lines, stderr := runPay(t, in, "--country", "DE")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := len(lines), strings.Count(in, "\n")+1; got != want {
		t.Fatalf("%d output lines for %d input lines", got, want)
	}
	check := func(i int, key string, want any) {
		t.Helper()
		if got := lines[i][key]; got != want {
			t.Errorf("line %d %s = %v, want %v (%v)", i+1, key, got, want, lines[i])
		}
	}
	check(0, "currency", "EUR")
	check(1, "currency", "INR")
	check(1, "country", "IN")
	check(1, "min", 1200000.0)
	check(2, "text", "")
	check(2, "code", "no_pay")
	check(3, "period", "HOUR")
	check(3, "currency", "USD")
	check(4, "text", "Berlin is nice\tnot a country")
	check(5, "code", "outlier")
	if g, ok := lines[3]["guessed"].([]any); !ok || len(g) != 1 || g[0] != "period" {
		t.Errorf("line 4 guessed = %v, want [period]", lines[3]["guessed"])
	}
	if v, ok := lines[0]["annual_usd"].(float64); !ok || math.Abs(v-70200) > 1e-6 {
		t.Errorf("annual_usd = %v", lines[0]["annual_usd"])
	}
}

func TestPayCommandUsage(t *testing.T) {
	if code, _, stderr := runPay(t, "", "--country", "Atlantis", "$5"); code != exitUsage || !strings.Contains(stderr, "not a country") {
		t.Errorf("bad country: exit %d, %s", code, stderr)
	}
	if code, _, _ := runPay(t, "", "--nope"); code != exitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
	missing := filepath.Join(t.TempDir(), "none.yaml")
	if code, _, _ := runPay(t, "", "-c", missing, "$5"); code != exitUsage {
		t.Errorf("missing config: exit %d", code)
	}
}

// TestPayCommandConfigRates checks that rates and annualization come from
// the config given with -c.
func TestPayCommandConfigRates(t *testing.T) {
	cfg := string(mustRead(t, "../../pipeline.yaml")) + "currency:\n  rates: {EUR: 2}\npay:\n  annualize: {MONTH: 13}\n"
	path := filepath.Join(t.TempDir(), "pipeline.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, lines, stderr := runPay(t, "", "-c", path, "--country", "DE", "€5.000 pro Monat")
	if code != exitOK || len(lines) != 1 || lines[0]["annual_usd"] != 5000*13*2.0 {
		t.Fatalf("exit %d, lines %v, stderr %s", code, lines, stderr)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPayCommandExplain checks that --explain lists every figure judged,
// with the rule that took one or the context that refused the others, and
// that --description reads a text as a description.
func TestPayCommandExplain(t *testing.T) {
	text := "We raised $40M. The salary range for this role is $140k-$170k, plus a $5,000 signing bonus."
	code, lines, stderr := runPay(t, "", "--country", "US", "--description", "--explain", text, "Must be able to lift up to 10 pounds.")
	if code != exitOK || len(lines) != 2 {
		t.Fatalf("exit %d, %d lines, stderr %s", code, len(lines), stderr)
	}
	pay := lines[0]
	if pay["min"] != 140000.0 || pay["rule"] != `introduced by "this role"` {
		t.Errorf("pay line = %v", pay)
	}
	figs, _ := pay["figures"].([]any)
	var got []string
	for _, f := range figs {
		m := f.(map[string]any)
		got = append(got, fmt.Sprintf("%v %v %v", m["text"], m["taken"], m["context"]))
	}
	if want := "$40M false funding|$140k-$170k true <nil>|$5,000 false bonus"; strings.Join(got, "|") != want {
		t.Errorf("figures = %q, want %q", strings.Join(got, "|"), want)
	}
	if trap := lines[1]; trap["code"] != "not_pay_context" || trap["context"] != "measure" || trap["min"] != nil {
		t.Errorf("trap line = %v", trap)
	}
	code, lines, _ = runPay(t, "", "--country", "US", "$1,500 home-office stipend")
	if code != exitOK || lines[0]["figures"] != nil || lines[0]["code"] != "not_pay_context" {
		t.Errorf("without --explain: exit %d, %v", code, lines)
	}
}
