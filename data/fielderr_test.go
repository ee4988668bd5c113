package data_test

import (
	"errors"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func TestWithinField(t *testing.T) {
	plain := errors.New("plain")
	err := errors.Join(
		data.FieldErrorf("delay", "%q is not a duration", "fast"),
		data.FieldErrorf("[2].name", "empty"),
		errors.Join(data.FieldErrorf("", "none configured"), plain),
	)
	got := data.FieldErrors(data.WithinField("scrape", err))
	want := []string{"scrape.delay", "scrape[2].name", "scrape", "scrape"}
	if len(got) != len(want) {
		t.Fatalf("got %d field errors, want %d: %v", len(got), len(want), got)
	}
	for i, fe := range got {
		if fe.Path != want[i] {
			t.Errorf("error %d: path %q, want %q", i, fe.Path, want[i])
		}
	}
	if !errors.Is(got[3], plain) {
		t.Errorf("the plain error is no longer inside: %v", got[3])
	}
	if got[0].Error() != `scrape.delay: "fast" is not a duration` {
		t.Errorf("message %q", got[0].Error())
	}
	if data.WithinField("x", nil) != nil {
		t.Error("WithinField of nil is not nil")
	}
}
