package main

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		want       string
	}{
		{"fits", "a short note", 20, "a short note"},
		{"breaks between words", "withheld: 9 OpenStack and 12 Python postings", 20, "withheld: 9\n  OpenStack and 12\n  Python postings"},
		{"long word keeps its line", "see https://example.com/a/very/long/path now", 10, "see\n  https://example.com/a/very/long/path\n  now"},
		{"spaces collapse", "  a \n b  ", 10, "a b"},
		{"empty", "", 10, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrap(tc.text, tc.width, "  "); got != tc.want {
				t.Errorf("wrap = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNoteListSharesNumbers(t *testing.T) {
	var l noteList
	marks := []string{l.mark("withheld: few postings"), l.mark(""), l.mark("other"), l.mark("withheld: few postings")}
	if want := []string{"[1]", "", "[2]", "[1]"}; strings.Join(marks, ",") != strings.Join(want, ",") {
		t.Fatalf("marks = %q, want %q", marks, want)
	}
	var b strings.Builder
	if err := l.write(&b); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "[1] withheld: few postings\n[2] other\n"; got != want {
		t.Errorf("notes = %q, want %q", got, want)
	}
}

// checkQuarterSummary checks the summary of a run limited to 2026Q3 whose
// table has withheld rows: it names the quarter, says in words what the
// columns are and keeps its lines short, the notes under the table.
// TestJSONLogsOnly's run gives it one.
func checkQuarterSummary(t *testing.T, stdout string) {
	t.Helper()
	for _, want := range []string{"Python roles, 2026Q3.", "with 95% confidence", "[1] withheld"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	for _, jargon := range []string{"all quarters", "geometric means", "BCa", "OLS"} {
		if strings.Contains(stdout, jargon) {
			t.Errorf("summary says %q:\n%s", jargon, stdout)
		}
	}
	// The paths after "Report:" are as long as the folder's; the table is
	// ~105 wide, where a note in a row made it 189.
	table, _, _ := strings.Cut(stdout, "\nReport:")
	for _, line := range strings.Split(table, "\n") {
		if n := len([]rune(strings.TrimRight(line, " "))); n > 110 {
			t.Errorf("a %d-character line: %q", n, line)
		}
	}
}
