package tablefile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// TestCSVUnbalancedQuote: a quote that never closes costs its own line
// (or the lines of the record it broke), reported as one reject naming
// them, and every valid row after it is read.
func TestCSVUnbalancedQuote(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []row
	}{
		{name: "quote open to the end of the file",
			input: "title,company\nA,B\n\"Python Dev,Acme\nC,D\nE,F\n",
			want: []row{{Title: "A", Company: "B"},
				{Reject: "row 3: skipped: a quoted field never closes (an unbalanced quote)", URL: "file:///t#row=3"},
				{Title: "C", Company: "D", URL: "file:///t#row=4"}, {Title: "E", Company: "F", URL: "file:///t#row=5"}}},
		{name: "bare quote inside a quoted field",
			input: "title,company,location\nDev,\"Acme \"the best\" Inc,Berlin\nOps,B,Paris\nQA,C,Rome\n",
			want: []row{{Reject: "row 2: skipped: a quoted field never closes (an unbalanced quote)"},
				{Title: "Ops", Company: "B"}, {Title: "QA", Company: "C"}}},
		{name: "closed by a later quote with the right field count is one record",
			input: "title,company\nA,\"B\nC,D\nE,F\"x\"\nG,H\n",
			want:  []row{{Title: "A", Company: "B\nC,D\nE,F\"x"}, {Title: "G", Company: "H"}}},
		{name: "closed by a later stray quote, record too wide",
			input: "title,company\nA,\"B\nC,D\nE,\"F\",G\nH,I\n",
			want: []row{{Reject: "row 2: skipped: a quoted field never closes (an unbalanced quote): the record it starts runs to line 4 and has 3 fields, the header 2"},
				{Title: "C", Company: "D"},
				{Reject: "row 4: skipped: a line inside a record an unbalanced quote broke, with the wrong number of fields"},
				{Title: "H", Company: "I"}}},
		{name: "the rest of a broken record is skipped with it",
			input: "title,company\nA,\"B\nC\nD,E\n",
			want:  []row{{Reject: "row 2 (lines 2-3): skipped: a quoted field never closes (an unbalanced quote)"}, {Title: "D", Company: "E"}}},
		{name: "a run of broken lines is one reject",
			input: "title,company\nA,\"B\n\"C,D\n\"E,F\nG,H\n",
			want:  []row{{Reject: "row 2 (lines 2-4): skipped: a quoted field never closes (an unbalanced quote)"}, {Title: "G", Company: "H"}}},
		{name: "quoted newlines still read",
			input: "title,company\n\"Senior\r\nEngineer\",\"Acme\n\nInc\"\nB,C\n",
			want:  []row{{Title: "Senior\nEngineer", Company: "Acme\n\nInc"}, {Title: "B", Company: "C"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(t, tablefile.FormatCSV, tc.input, nil)
			if err != nil {
				t.Fatal(err)
			}
			check(t, got, tc.want)
		})
	}
}

// TestCSVUnbalancedQuoteLargeFile: one stray quote near the top of a file
// of many valid rows costs one row, not the rest of the file.
func TestCSVUnbalancedQuoteLargeFile(t *testing.T) {
	const rows = 100_000
	var b strings.Builder
	b.WriteString("title,company,pay_min\n")
	for i := range rows {
		if i == 10 {
			b.WriteString("\"Broken Dev,Acme,85000\n")
			continue
		}
		fmt.Fprintf(&b, "Python Dev %d,Acme,85000\n", i)
	}
	got, err := read(t, tablefile.FormatCSV, b.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var listings, rejects int
	for _, r := range got {
		if r.RejectReason != "" {
			rejects++
			if !strings.Contains(r.RejectReason, "line 12") && !strings.HasPrefix(r.RejectReason, "row 12:") {
				t.Errorf("reject %q does not name line 12", r.RejectReason)
			}
			continue
		}
		listings++
	}
	if listings != rows-1 || rejects != 1 {
		t.Errorf("%d listings and %d rejects, want %d and 1", listings, rejects, rows-1)
	}
}

// TestCSVLongRecord: a quoted field open for over 1 MiB is given up on
// at the cap, and the lines it ran over are read again.
func TestCSVLongRecord(t *testing.T) {
	var b strings.Builder
	b.WriteString("title,description\nA,\"open\n")
	line := strings.Repeat("x", 1000) + ",y\n"
	for range 1100 {
		b.WriteString(line)
	}
	b.WriteString("B,C\n")
	got, err := read(t, tablefile.FormatCSV, b.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1102 {
		t.Fatalf("%d records, want 1102", len(got))
	}
	if want := "row 2: " + tablefile.ErrLongRecord.Error(); got[0].RejectReason != want {
		t.Errorf("first record: %q, want %q", got[0].RejectReason, want)
	}
	for _, r := range got[1:] {
		if r.RejectReason != "" {
			t.Fatalf("a line the long record ran over: %q, want it read", r.RejectReason)
		}
	}
	if last := got[len(got)-1]; last.Title != "B" || last.RejectReason != "" {
		t.Errorf("last record %+v, want B read", last)
	}
}
