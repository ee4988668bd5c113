package scrape

import (
	"encoding/json"
	"math"
	"net/url"
	"testing"
)

func TestHostCompany(t *testing.T) {
	for _, tc := range []struct{ host, suffix, want string }{
		{"acme-cloud.recruitee.com", ".recruitee.com", "Acme Cloud"},
		{"northwind.jobs.personio.de", ".jobs.personio.de", "Northwind"},
		{"fjord.teamtailor.com", ".teamtailor.com", "Fjord"},
		{"careers.fjord.example", ".teamtailor.com", ""},
		{"127.0.0.1:8080", ".recruitee.com", ""},
	} {
		u := &url.URL{Scheme: "https", Host: tc.host, Path: "/api/offers/"}
		if got := hostCompany(u, tc.suffix); got != tc.want {
			t.Errorf("hostCompany(%s) = %q, want %q", tc.host, got, tc.want)
		}
	}
}

func TestAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{`85000`, 85000}, {`"85,000.50"`, 85000.5}, {`"85 000"`, 85000}, {`null`, math.NaN()}, {`"n/a"`, math.NaN()},
		{`{}`, math.NaN()}, {`1e400`, math.NaN()},
	} {
		var v struct {
			A *amount `json:"a"`
		}
		if err := json.Unmarshal([]byte(`{"a":`+tc.in+`}`), &v); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		got := orNaNAmount(v.A)
		if got != tc.want && !(math.IsNaN(got) && math.IsNaN(tc.want)) {
			t.Errorf("%s read as %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestAPIDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-08-05 10:10:39 UTC":   "2026-08-05T10:10:39Z",
		"2026-08-02T16:40:00+02:00": "2026-08-02T14:40:00Z",
		"5 August 2026":             "5 August 2026", // kept as given, for the transform stage to count
	} {
		if got := apiDate(in, recruiteeDate, "2006-01-02T15:04:05Z07:00"); got != want {
			t.Errorf("apiDate(%q) = %q, want %q", in, got, want)
		}
	}
}
