package analyze

import (
	"reflect"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestNoteSilentSources: a source of the config that gave no records
// gets a row, and every row without postings says why.
func TestNoteSilentSources(t *testing.T) {
	funnel := []data.Funnel{{Source: "ok", Fetched: 3, Parsed: 2}, {Source: "down", Fetched: 3}, {Source: "mute", Fetched: 1}}
	rejects := []data.Reject{
		{Source: "ok", Code: data.RejectCodeBadJSON, Reason: "broken JSON-LD"},
		{Source: "down", Code: data.RejectCodeFetch, Reason: "HTTP 500"},
		{Source: "down", Code: data.RejectCodeFetch, Reason: "HTTP 503"},
		{Source: "down", Code: data.RejectCodeBadJSON, Reason: "not a postings array"},
	}
	got := noteSilentSources(funnel, []string{"ok", "down", "empty", "mute"}, rejects, false)
	want := []data.Funnel{
		{Source: "ok", Fetched: 3, Parsed: 2},
		{Source: "down", Fetched: 3, Note: "no postings: all 3 records rejected, 2 as fetch (HTTP 500)"},
		{Source: "mute", Fetched: 1, Note: "no postings: all 1 records rejected"},
		{Source: "empty", Note: "gave no records: nothing was fetched or read (see the scrape summary)"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	period := noteSilentSources([]data.Funnel{{Source: "ok", Fetched: 1}}, []string{"ok"}, nil, true)
	if period[0].Note != "no postings in the period" {
		t.Errorf("a period's row without postings: note %q", period[0].Note)
	}
}
