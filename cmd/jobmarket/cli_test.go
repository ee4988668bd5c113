package main

import (
	"strings"
	"testing"
)

func TestCommandHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // in stdout
		not  []string // not in stdout
	}{
		{"run --help", []string{"run", "--help"}, []string{"jobmarket run [flags]", "--only-source", "--quarter"}, []string{"--input", "--country"}},
		{"help analyze", []string{"help", "analyze"}, []string{"jobmarket analyze [flags]", "--seed"}, []string{"--refresh", "--input"}},
		{"validate -h", []string{"validate", "-h"}, []string{"jobmarket validate [flags]", "--config"}, []string{"--quarter", "--seed"}},
		{"pay --help", []string{"pay", "--help"}, []string{"jobmarket pay [TEXT...]", "--country", "--quarter"}, []string{"--seed", "--input"}},
		{"no command, --help", []string{"--help"}, []string{"Available Commands:", "analyze", "verify", "version"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("help lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(stdout, w) {
					t.Errorf("help names %q, a flag this command does not take:\n%s", w, stdout)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, stderr := runCmd(t, args...)
		if code != exitOK || !strings.HasPrefix(stdout, "jobmarket ") || !strings.Contains(stdout, "go1.") || !strings.Contains(stdout, "commit ") {
			t.Errorf("%v: exit %d, %q %s", args, code, stdout, stderr)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"flag another command takes", []string{"validate", "--quarter", "2026Q3"}, "unknown flag: --quarter"},
		{"flag no command takes", []string{"run", "--nope"}, "unknown flag: --nope"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"argument to a command without", []string{"analyze", "extra"}, `jobmarket analyze takes no arguments, got ["extra"]`},
		{"two folders to verify", []string{"verify", "a", "b"}, "at most 1 argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
			if stdout != "" || strings.Count(stderr, "\n") > 2 {
				t.Errorf("a usage error prints one line and a hint, got stdout %q, stderr:\n%s", stdout, stderr)
			}
		})
	}
}

func TestFlagsBeforeOrAfterArguments(t *testing.T) {
	code, lines, stderr := runPay(t, "", "12-16 LPA", "--country", "IN")
	if code != exitOK || len(lines) != 1 || lines[0]["currency"] != "INR" {
		t.Errorf("pay TEXT --country IN: exit %d, %v, %s", code, lines, stderr)
	}
	dir := t.TempDir()
	for _, args := range [][]string{{"-q", "verify", dir}, {"verify", dir, "-q"}} {
		code, _, stderr := runCmd(t, args...)
		if code != exitUsage || !strings.Contains(stderr, dir+" has no manifest.json") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
}

func TestDefaultCommandIsRun(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{"run"}},
		{[]string{"-c", "x.yaml"}, []string{"run", "-c", "x.yaml"}},
		{[]string{"-q", "--quarter", "2026Q3"}, []string{"-q", "run", "--quarter", "2026Q3"}},
		{[]string{"--log-format", "json", "analyze"}, []string{"--log-format", "json", "analyze"}},
		{[]string{"-q", "verify", "out"}, []string{"-q", "verify", "out"}},
		{[]string{"--version"}, []string{"--version"}},
	}
	for _, tc := range tests {
		got := withDefaultCommand(tc.args)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: got %q, want %q", tc.args, got, tc.want)
		}
	}
}
