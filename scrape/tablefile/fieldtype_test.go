package tablefile_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// jsonTypeCases are JSON Lines rows with values of each type in the typed
// fields: a value the field cannot take rejects the row, naming the field.
var jsonTypeCases = []struct {
	name, input string
	columns     map[string]string
	want        row
}{
	{name: "pay as a boolean", input: `{"title":"Dev","pay_min":85000,"pay_max":true}`,
		want: row{Reject: "row 1: pay_max: true is not a number or text", URL: "file:///t#row=1"}},
	{name: "pay as an object, the url kept", input: `{"title":"Dev","url":"https://x/1","pay_min":{"value":1}}`,
		want: row{Reject: `row 1: pay_min: {"value":1} is not a number or text`, URL: "https://x/1"}},
	{name: "pay as an array", input: `{"title":"Dev","pay_max":[90000]}`, want: row{Reject: "row 1: pay_max: [90000] is not a number or text"}},
	{name: "date as a boolean", input: `{"title":"Dev","posted_date":false}`, want: row{Reject: "row 1: posted_date: false is not a date, a number or text"}},
	{name: "remote as an object", input: `{"title":"Dev","remote":{"ok":true}}`, want: row{Reject: `row 1: remote: {"ok":true} is not true/false, a number or text`}},
	{name: "remote as a boolean", input: `{"title":"Dev","remote":true}`, want: row{Title: "Dev"}},
	{name: "pay as text and number, date as a number", input: `{"title":"Dev","pay_min":"85,000","pay_max":95000,"posted_date":20260101}`,
		want: row{Title: "Dev", PayMin: 85000, PayMax: 95000}},
	{name: "null pay", input: `{"title":"Dev","pay_max":null}`, want: row{Title: "Dev"}},
	{name: "mapped key of the wrong type", input: `{"job":"Dev","Max":true}`, columns: map[string]string{"title": "job", "pay_max": "max"}, want: row{Reject: "row 1: pay_max: true is not a number or text"}},
}

func TestJSONLWrongType(t *testing.T) {
	for _, tc := range jsonTypeCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(t, tablefile.FormatJSONL, tc.input, tc.columns)
			if err != nil {
				t.Fatal(err)
			}
			check(t, got, []row{tc.want})
		})
	}
	got, _ := read(t, tablefile.FormatJSONL, jsonTypeCases[0].input, nil)
	if got[0].RejectCode == "" {
		t.Errorf("reject without a code: %+v", got[0])
	}
}

// TestParquetWrongType: a column of a type its field cannot take (a
// boolean column mapped to pay_max) rejects each row with a value there.
func TestParquetWrongType(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	file := parquetFile(t, mem)
	cols := map[string]string{"title": "Job Title", "pay_max": "Remote", "posted_date": "Posted"}
	got, err := tablefile.Read(t.Context(), bytes.NewReader(file), tablefile.Options{Format: tablefile.FormatParquet, Columns: cols, Name: "file:///t.parquet", Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	check(t, got, []row{
		{Reject: "row 1: pay_max: true (a bool column) is not a number or text", URL: "file:///t.parquet#row=1"},
		{Reject: "row 2: pay_max: false (a bool column) is not a number or text"},
		{Reject: "row 3: pay_max: false (a bool column) is not a number or text"},
	})
	if !errors.Is(&tablefile.TypeError{Field: "pay_max"}, tablefile.ErrWrongType) {
		t.Error("TypeError does not wrap ErrWrongType")
	}
}
