package tablefile_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// row is what a test expects of one record: a title, or a reject reason.
type row struct {
	URL, Title, Company, PayText, Reject string
	PayMin, PayMax                       float64
}

func read(t testing.TB, format, input string, columns map[string]string) ([]data.RawRecord, error) {
	t.Helper()
	return tablefile.Read(t.Context(), bytes.NewReader([]byte(input)), tablefile.Options{Format: format, Columns: columns, Name: "file:///t"})
}

func check(t *testing.T, got []data.RawRecord, want []row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if w.Reject != "" {
			if g.RejectReason != w.Reject || (w.URL != "" && g.URL != w.URL) {
				t.Errorf("record %d: reject %q at %s, want %q at %s", i, g.RejectReason, g.URL, w.Reject, w.URL)
			}
			continue
		}
		if w.PayMin == 0 && w.PayMax == 0 {
			w.PayMin, w.PayMax = math.NaN(), math.NaN()
		}
		if g.RejectReason != "" || g.Title != w.Title || g.Company != w.Company || g.PayText != w.PayText ||
			!same(g.PayMin, w.PayMin) || !same(g.PayMax, w.PayMax) || (w.URL != "" && g.URL != w.URL) || g.Kind != "file" {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestReadCSV(t *testing.T) {
	latin1 := "title,company\nCaf\xe9 Engineer,M\xfcller GmbH\n"
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("title,company\nÉtude,Zoë\n")
	tests := []struct {
		name    string
		input   string
		columns map[string]string
		want    []row
		err     error
	}{
		{name: "our names in another case", input: "TITLE, Company ,url\nPython Dev,Acme,https://x/1\n",
			want: []row{{Title: "Python Dev", Company: "Acme", URL: "https://x/1"}}},
		{name: "byte order mark", input: "\xef\xbb\xbftitle\nOpenStack Engineer\n", want: []row{{Title: "OpenStack Engineer", URL: "file:///t#row=2"}}},
		{name: "mapped and extra columns", input: "Job,Firm,Notes,Salary Min,Salary Max\nDev,Acme,x,\"85,000\",95 000\n",
			columns: map[string]string{"title": "job", "company": "FIRM", "pay_min": "Salary Min", "pay_max": "salary max"},
			want:    []row{{Title: "Dev", Company: "Acme", PayMin: 85000, PayMax: 95000}}},
		{name: "quoted newline", input: "title,company\n\"Senior\nEngineer\",\"Acme, Inc.\"\nNext,B\n",
			want: []row{{Title: "Senior\nEngineer", Company: "Acme, Inc."}, {Title: "Next", Company: "B", URL: "file:///t#row=3"}}},
		{name: "latin-1 bytes", input: latin1, want: []row{{Title: "Café Engineer", Company: "Müller GmbH"}}},
		{name: "utf-16", input: utf16, want: []row{{Title: "Étude", Company: "Zoë"}}},
		{name: "semicolons", input: "title;company;pay_text\nDev;Acme;€50.000 pro Jahr\n", want: []row{{Title: "Dev", Company: "Acme", PayText: "€50.000 pro Jahr"}}},
		{name: "tabs", input: "title\tcompany\nDev\tAcme, Inc.\n", want: []row{{Title: "Dev", Company: "Acme, Inc."}}},
		{name: "pay not a number goes to pay text", input: "title,pay_min,pay_max\nDev,$85k,$95k\n", want: []row{{Title: "Dev", PayText: "$85k - $95k"}}},
		{name: "row problems by number", input: "title,company,location\nA,B,C\nshort,row\n,,\n,NoTitle,X\nD,E,F,,\nG,H,I,J\n\"unbalanced,K,L\n",
			want: []row{
				{Title: "A", Company: "B"},
				{Reject: "row 3: wrong number of fields: 2, the header has 3 (an unbalanced quote?)", URL: "file:///t#row=3"},
				{Reject: "row 4: empty row"},
				{Reject: "row 5: no title"},
				{Title: "D", Company: "E"},
				{Reject: "row 7: wrong number of fields: 4, the header has 3 (an unbalanced quote?)"},
				{Reject: "row 8: skipped: a quoted field never closes (an unbalanced quote)"},
			}},
		{name: "line numbers after a quoted newline", input: "title,company\n\"a\nb\",x\n,y\n",
			want: []row{{Title: "a\nb", Company: "x"}, {Reject: "row 3 (line 4): no title"}}},
		{name: "no title column", input: "name,company\nA,B\n", err: tablefile.ErrMissingColumn},
		{name: "mapped column missing", input: "title\nA\n", columns: map[string]string{"company": "Employer"}, err: tablefile.ErrMissingColumn},
		{name: "empty file", input: "", err: tablefile.ErrMissingColumn},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(t, tablefile.FormatCSV, tc.input, tc.columns)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			check(t, got, tc.want)
		})
	}
	_, err := read(t, tablefile.FormatCSV, "title\nA\n", map[string]string{"company": "Employer"})
	if err == nil || !strings.Contains(err.Error(), `company → "Employer" (the table has "title")`) {
		t.Errorf("missing column error says %v", err)
	}
}

func TestReadJSONL(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		columns map[string]string
		want    []row
	}{
		{name: "keys in any case, blank lines skipped", input: "\xef\xbb\xbf{\"Title\":\"A\",\"COMPANY\":\"B\"}\n\n  \n{\"title\":\"C\",\"pay_min\":85000.50,\"pay_max\":\"90,000\"}\r\n",
			want: []row{{Title: "A", Company: "B", URL: "file:///t#row=1"}, {Title: "C", PayMin: 85000.5, PayMax: 90000, URL: "file:///t#row=4"}}},
		{name: "mapped keys and nested values", input: `{"job":"Dev","org":{"name":"Acme"},"tags":["go"]}`,
			columns: map[string]string{"title": "job", "company": "org"}, want: []row{{Title: "Dev", Company: `{"name":"Acme"}`}}},
		{name: "bad lines by number", input: "{\"title\":\"A\"}\n{\"title\":\"B\",}\n[1,2]\nnull\n{\"title\":\"C\"} {}\n{\"company\":\"x\"}\n{\"title\":\"Caf\xe9\"}\n",
			want: []row{
				{Title: "A"},
				{Reject: "row 2: not a JSON object: invalid character '}' looking for beginning of object key string"},
				{Reject: "row 3: not a JSON object: json: cannot unmarshal array into Go value of type map[string]interface {}"},
				{Reject: "row 4: not a JSON object: null"},
				{Reject: "row 5: not a JSON object: more than one value on the line"},
				{Reject: "row 6: no title"},
				{Title: "Café"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(t, tablefile.FormatJSONL, tc.input, tc.columns)
			if err != nil {
				t.Fatal(err)
			}
			check(t, got, tc.want)
		})
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]string{"a.CSV": "csv", "b.tsv": "csv", "c.ndjson": "jsonl", "d.jsonl": "jsonl", "e.parquet": "parquet"} {
		if got, err := tablefile.FormatOf(path, ""); got != want || err != nil {
			t.Errorf("FormatOf(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
	if got, err := tablefile.FormatOf("x.txt", "JSONL"); got != "jsonl" || err != nil {
		t.Errorf("explicit format: %q, %v", got, err)
	}
	for _, bad := range [][2]string{{"x.xlsx", ""}, {"x.csv", "excel"}} {
		if _, err := tablefile.FormatOf(bad[0], bad[1]); err == nil {
			t.Errorf("FormatOf(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

func TestRowErrorIs(t *testing.T) {
	err := error(&tablefile.RowError{Row: 3, Line: 4, Err: tablefile.ErrNoTitle})
	if !errors.Is(err, tablefile.ErrNoTitle) || err.Error() != "row 3 (line 4): no title" {
		t.Errorf("RowError: %v", err)
	}
}

// FuzzReadCSV: any bytes give records or a table error, never a crash;
// every record is valid UTF-8 and a posting or a reject naming its row.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("title,company\nA,B\n"))
	f.Add([]byte("\xef\xbb\xbfTitle;Pay_Min\n\"x\ny\";1,5\n;\n"))
	f.Add([]byte("\xff\xfet\x00i\x00t\x00l\x00e\x00\n\x00"))
	f.Add([]byte("title\n\"open"))
	f.Add([]byte("title,company\nA,\"B\nC,D\nE,\"F\",G\nH,I\n"))
	f.Add([]byte("title,company\nA,\"B\n\"C,D\n\"E,F\nG,H\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		recs, err := read(t, tablefile.FormatCSV, string(input), nil)
		if err != nil && len(recs) > 0 {
			t.Fatalf("table error %v with %d records", err, len(recs))
		}
		checkRecords(t, recs)
	})
}

// FuzzCSVRoundTrip: fields written by encoding/csv read back as written
// (trimmed), whatever they hold.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("OpenStack Engineer", "Acme, Inc.", "85000")
	f.Add("\"quoted\"\nnewline", " spaced ", "1e3")
	f.Add("tab\tand;semicolon", "Zoë", "x")
	f.Fuzz(func(t *testing.T, title, company, pay string) {
		if !utf8.ValidString(title) || !utf8.ValidString(company) || !utf8.ValidString(pay) || strings.TrimSpace(title) == "" || strings.ContainsRune(title+company+pay, '\r') {
			t.Skip() // invalid UTF-8 is read as Windows-1252; csv turns \r\n into \n
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write([]string{"title", "company", "pay_text"})
		w.Write([]string{title, company, pay})
		w.Flush()
		recs, err := read(t, tablefile.FormatCSV, b.String(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 || recs[0].Title != strings.TrimSpace(title) || recs[0].Company != strings.TrimSpace(company) || recs[0].PayText != strings.TrimSpace(pay) {
			t.Fatalf("wrote %q, %q, %q; read %+v", title, company, pay, recs)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"title":"A","pay_min":1e999}` + "\n" + `{"Title":1,"TITLE":"x"}`))
	f.Add([]byte("\xef\xbb\xbf{\"title\":\"\xe9\"}\n{"))
	for _, tc := range jsonTypeCases {
		f.Add([]byte(tc.input))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		recs, err := read(t, tablefile.FormatJSONL, string(input), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkRecords(t, recs)
	})
}

func checkRecords(t *testing.T, recs []data.RawRecord) {
	t.Helper()
	for _, r := range recs {
		if r.Kind != "file" || r.URL == "" {
			t.Fatalf("record without origin: %+v", r)
		}
		if r.RejectReason == "" && r.Title == "" {
			t.Fatalf("posting without title: %+v", r)
		}
		if r.RejectReason != "" && !strings.HasPrefix(r.RejectReason, "row ") {
			t.Fatalf("reject without row: %q", r.RejectReason)
		}
		for _, s := range []string{r.Title, r.Company, r.Location, r.Description, r.PayText, r.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("not UTF-8: %q", s)
			}
		}
	}
}
