package main

import (
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func TestUndatedNote(t *testing.T) {
	if got := undatedNote([]data.Funnel{{Source: "a", InEstimate: 5}}); got != "" {
		t.Errorf("no undated postings: %q, want nothing", got)
	}
	got := undatedNote([]data.Funnel{{Source: "a", InEstimate: 5, Undated: 2}, {Source: "b"}, {Source: "c", InEstimate: 3, Undated: 1}})
	if !strings.HasPrefix(got, "3 postings in All regions have no posted date (a 2, c 1)") {
		t.Errorf("undatedNote = %q", got)
	}
}
