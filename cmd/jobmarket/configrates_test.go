package main

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestConfigRatesByQuarter: rates per quarter read, are recorded as given
// and read back; a bad quarter or rate is named with its line.
func TestConfigRatesByQuarter(t *testing.T) {
	p, err := parseConfig("mine", strings.NewReader(minimalConfig+`currency:
  rates_by_quarter:
    2026Q2: {EUR: 1.08, GBP: 1.27}
    2026Q3: {EUR: 1.11}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]float64{"2026Q2": {"EUR": 1.08, "GBP": 1.27}, "2026Q3": {"EUR": 1.11}}
	if !reflect.DeepEqual(p.Currency.RatesByQuarter, want) {
		t.Fatalf("rates_by_quarter = %v, want %v", p.Currency.RatesByQuarter, want)
	}
	if got, want := len(p.Currency.Rates), len(DefaultPipeline().Currency.Rates); got != want {
		t.Errorf("currency.rates has %d rates beside rates_by_quarter, want the %d defaults", got, want)
	}
	rec, err := p.recorded()
	if err != nil {
		t.Fatal(err)
	}
	again, err := parseConfig("recorded", strings.NewReader(rec))
	if err != nil {
		t.Fatalf("the recorded config does not read back: %v\n%s", err, rec)
	}
	if !reflect.DeepEqual(again.Currency.RatesByQuarter, want) {
		t.Errorf("recorded rates_by_quarter read back as %v, want %v:\n%s", again.Currency.RatesByQuarter, want, rec)
	}

	tests := []struct{ name, yaml, want string }{
		{"bad quarter", "    2026Q5: {EUR: 1.08}\n", "mine:6: currency.rates_by_quarter.2026Q5: "},
		{"bad code", "    2026Q2: {Euro: 1.08}\n", "mine:6: currency.rates_by_quarter.2026Q2.Euro: not an ISO 4217 code"},
		{"bad rate", "    2026Q2: {EUR: -1}\n", "mine:6: currency.rates_by_quarter.2026Q2.EUR: -1 is not a positive rate"},
		{"not a rate", "    2026Q2: {EUR: high}\n", "currency.rates_by_quarter.2026Q2.EUR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseConfig("mine", strings.NewReader(minimalConfig+"currency:\n  rates_by_quarter:\n"+tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestRatesAsOf(t *testing.T) {
	tests := []struct {
		name    string
		quarter map[string]map[string]float64
		want    string
	}{
		{"one date", nil, "2026-10-01"},
		{"per quarter", map[string]map[string]float64{"2026Q3": {"EUR": 1.1}, "2026Q2": {"EUR": 1.08}},
			"2026-10-01, and per quarter for 2026Q2, 2026Q3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultPipeline().Currency
			c.RatesByQuarter = tc.quarter
			if got := ratesAsOf(c); got != tc.want {
				t.Fatalf("ratesAsOf = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPayCommandQuarter checks that jobmarket pay --quarter converts as
// the transform stage does a posting of that quarter.
func TestPayCommandQuarter(t *testing.T) {
	path := writeConfig(t, minimalConfig+"currency:\n  rates: {EUR: 1.08}\n  rates_by_quarter:\n    2026Q2: {EUR: 1.25}\n")
	tests := []struct {
		name    string
		args    []string
		code    int
		annual  float64
		message string
	}{
		{"no quarter", nil, exitOK, 60000 * 1.08, ""},
		{"a quarter with rates", []string{"--quarter", "2026Q2"}, exitOK, 60000 * 1.25, ""},
		{"a quarter without", []string{"--quarter", "2026Q3"}, exitOK, 60000 * 1.08, ""},
		{"not a quarter", []string{"--quarter", "Q2"}, exitUsage, 0, `--quarter "Q2" is not a quarter`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-c", path, "--country", "DE"}, tc.args...)
			code, lines, stderr := runPay(t, "", append(args, "€60.000 pro Jahr")...)
			if code != tc.code || !strings.Contains(stderr, tc.message) {
				t.Fatalf("exit %d, stderr %q; want exit %d, stderr containing %q", code, stderr, tc.code, tc.message)
			}
			if tc.code != exitOK {
				return
			}
			if got, ok := lines[0]["annual_usd"].(float64); len(lines) != 1 || !ok || math.Abs(got-tc.annual) > 1e-6 {
				t.Fatalf("lines %v, want annual_usd %v", lines, tc.annual)
			}
		})
	}
}
