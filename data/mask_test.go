package data_test

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func TestMasker(t *testing.T) {
	m := data.NewMasker(map[string]string{
		"TOKEN": "a/b c+d", "LONGER": "xa/b c+dx", "SEED": "12345", "FLAG": "true", "SHORT": "eu", "PW": "p%40ss",
	})
	for _, tc := range []struct{ name, in, out string }{
		{"raw", "token=a/b c+d;", "token=${TOKEN};"},
		{"query-escaped", "?token=a%2Fb+c%2Bd&x", "?token=${TOKEN}&x"},
		{"path-escaped", "/a%2Fb%20c+d/", "/${TOKEN}/"},
		{"longest first", "xa/b c+dx", "${LONGER}"},
		{"numbers and flags stay", "seed 12345 true eu", "seed 12345 true eu"},
		{"url-encoded and decoded", "p%40ss and p@ss", "${PW} and ${PW}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := m.String(tc.in); got != tc.out {
				t.Fatalf("String(%q) = %q, want %q", tc.in, got, tc.out)
			}
		})
	}
	err := m.Error(fmt.Errorf("fetch https://x/?token=a/b c+d: %w", fs.ErrNotExist))
	if got, want := err.Error(), "fetch https://x/?token=${TOKEN}: file does not exist"; got != want || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Error = %q (Is ErrNotExist %v), want %q", got, errors.Is(err, fs.ErrNotExist), want)
	}
	r := data.RawRecord{URL: "https://x/?token=a/b c+d", RejectReason: "HTTP 500 at a/b c+d", PayMin: 12345}
	m.RawRecord(&r)
	if r.URL != "https://x/?token=${TOKEN}" || r.RejectReason != "HTTP 500 at ${TOKEN}" || r.PayMin != 12345 {
		t.Errorf("RawRecord masked to %+v", r)
	}
	var none *data.Masker
	if none.String("a/b c+d") != "a/b c+d" || none.Error(nil) != nil || data.NewMasker(map[string]string{"SEED": "7"}) != nil {
		t.Error("a masker without secrets changes something")
	}
}
