package transform_test

import (
	"math"
	"testing"

	"github.com/jobmarket/jobmarket/transform"
)

// FuzzParsePay checks the parser's promises on any input: no panic, no
// backwards range, no negative or non-finite figure.
func FuzzParsePay(f *testing.F) {
	for _, tc := range loadPayCases(f) {
		f.Add(tc.text, tc.country)
	}
	f.Fuzz(func(t *testing.T, text, country string) {
		p, err := transform.ParsePay(text, country)
		if err != nil {
			return
		}
		for _, v := range []float64{p.Min, p.Max} {
			if v < 0 || math.IsInf(v, 0) {
				t.Fatalf("ParsePay(%q, %q) gave figure %v", text, country, v)
			}
		}
		if math.IsNaN(p.Min) && math.IsNaN(p.Max) {
			t.Fatalf("ParsePay(%q, %q) gave pay with no figure", text, country)
		}
		if p.Min > p.Max {
			t.Fatalf("ParsePay(%q, %q) gave min %v > max %v", text, country, p.Min, p.Max)
		}
		if p.Currency == "" || p.Period == "" {
			t.Fatalf("ParsePay(%q, %q) gave pay without currency or period: %+v", text, country, p)
		}
	})
}

func FuzzResolveCountry(f *testing.F) {
	for _, s := range []string{"Austin, TX, USA", "Remote (Germany)", "Toronto, ON", "Atlantis", "São Paulo", ""} {
		f.Add("", s)
	}
	f.Fuzz(func(t *testing.T, hint, location string) {
		cc, err := transform.ResolveCountry(hint, location)
		if err == nil && len(cc) != 2 {
			t.Fatalf("ResolveCountry(%q, %q) = %q, not a two-letter code", hint, location, cc)
		}
	})
}
