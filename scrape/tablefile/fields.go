package tablefile

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Formats a table may come in.
const (
	FormatCSV     = "csv"
	FormatJSONL   = "jsonl"
	FormatParquet = "parquet"
)

// Fields are the names a Columns map may use: the raw table's columns that
// a researcher's table can fill.
var Fields = []string{
	"title", "company", "location", "country", "remote", "pay_text", "pay_min", "pay_max",
	"pay_currency", "pay_period", "pay_source", "description", "posted_date", "url",
}

// Sentinel errors inside a RowError or a table error.
var (
	ErrMissingColumn = errors.New("column not in the table")
	ErrNoTitle       = errors.New("no title")
	ErrFieldCount    = errors.New("wrong number of fields")
	ErrBadJSON       = errors.New("not a JSON object")
	ErrEmptyRow      = errors.New("empty row")
	ErrNotParquet    = errors.New("not a Parquet file")
	// ErrUnclosedQuote: CSV lines skipped because a quoted field opened
	// on the first of them never closes, or closes only after a record
	// with the wrong number of fields; reading goes on at the next line.
	ErrUnclosedQuote = errors.New("skipped: a quoted field never closes (an unbalanced quote)")
	// ErrLongRecord: a CSV record over 1 MiB, skipped.
	ErrLongRecord = errors.New("skipped: a record longer than 1 MiB (an unbalanced quote?)")
)

// RowError says why one row could not be read.
type RowError struct {
	Row  int // data row: a spreadsheet's row number for CSV (the header is row 1), the line for JSON Lines, from 1 for Parquet
	Line int // line where the row starts in a text file; 0 for Parquet or when it is the row
	// LastLine is the last line of a run of CSV lines skipped as one, as
	// an unbalanced quote makes them; 0 otherwise.
	LastLine int
	Err      error
}

func (e *RowError) Error() string {
	if e.LastLine > e.Line {
		return fmt.Sprintf("row %d (lines %d-%d): %v", e.Row, e.Line, e.LastLine, e.Err)
	}
	if e.Line != 0 && e.Line != e.Row {
		return fmt.Sprintf("row %d (line %d): %v", e.Row, e.Line, e.Err)
	}
	return fmt.Sprintf("row %d: %v", e.Row, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// FormatOf returns the format to read path in: the given one, or one
// inferred from the extension (.csv, .tsv, .txt; .jsonl, .ndjson;
// .parquet, .pq).
func FormatOf(path, format string) (string, error) {
	switch strings.ToLower(format) {
	case FormatCSV, FormatJSONL, FormatParquet:
		return strings.ToLower(format), nil
	case "":
	default:
		return "", fmt.Errorf("%q is not one of csv, jsonl, parquet", format)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt":
		return FormatCSV, nil
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	case ".parquet", ".pq":
		return FormatParquet, nil
	}
	return "", fmt.Errorf("cannot tell the format of %q from its extension: set format to csv, jsonl or parquet", path)
}

// columnMap finds, for each of our fields, its position among a table's
// column names: the mapped name if Columns names one (an error if the
// table lacks it), otherwise the field's own name; names compare without
// case or surrounding space.
func columnMap(names []string, columns map[string]string) (map[string]int, error) {
	pos := map[string]int{}
	for i, n := range names {
		key := strings.ToLower(strings.TrimSpace(n))
		if _, dup := pos[key]; !dup {
			pos[key] = i
		}
	}
	at := map[string]int{}
	var missing []string
	for _, f := range Fields {
		want, explicit := columns[f]
		if !explicit {
			want = f
		}
		if i, ok := pos[strings.ToLower(strings.TrimSpace(want))]; ok {
			at[f] = i
		} else if explicit {
			missing = append(missing, fmt.Sprintf("%s → %q", f, want))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s (the table has %s)", ErrMissingColumn, strings.Join(missing, ", "), quoteAll(names))
	}
	if _, ok := at["title"]; !ok {
		return nil, fmt.Errorf("%w: no title column (map one with columns: {title: ...}; the table has %s)", ErrMissingColumn, quoteAll(names))
	}
	return at, nil
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// record builds a raw record from one row's values by field. locator
// names the row when the table has no url column.
func record(value func(field string) string, locator string) (data.RawRecord, error) {
	r := data.RawRecord{
		Kind:        "file",
		URL:         value("url"),
		Title:       value("title"),
		Company:     value("company"),
		Location:    value("location"),
		Country:     value("country"),
		Remote:      value("remote"),
		PayText:     value("pay_text"),
		PayMin:      math.NaN(),
		PayMax:      math.NaN(),
		PayCurrency: value("pay_currency"),
		PayPeriod:   value("pay_period"),
		PaySource:   value("pay_source"),
		Description: value("description"),
		PostedDate:  value("posted_date"),
	}
	if r.URL == "" {
		r.URL = locator
	}
	var unread []string
	for _, f := range []struct {
		field string
		dst   *float64
	}{{"pay_min", &r.PayMin}, {"pay_max", &r.PayMax}} {
		s := value(f.field)
		if s == "" {
			continue
		}
		if v, ok := amount(s); ok {
			*f.dst = v
		} else {
			unread = append(unread, s)
		}
	}
	if len(unread) > 0 {
		// Figures we cannot read as numbers ("$85k") go to the pay text,
		// which the transform stage parses, as for JSON-LD.
		r.PayText = strings.TrimSpace(r.PayText + " " + strings.Join(unread, " - "))
	}
	if r.PaySource == "" && (r.PayText != "" || !math.IsNaN(r.PayMin) || !math.IsNaN(r.PayMax)) {
		r.PaySource = data.PaySourceEmployer
	}
	if r.Title == "" {
		return r, ErrNoTitle
	}
	return r, nil
}

// amount reads a plain number, allowing thousands separators written as
// commas, spaces, apostrophes or underscores ("85,000", "85 000").
func amount(s string) (float64, bool) {
	clean := strings.NewReplacer(",", "", " ", "", "'", "", "_", "", "\u00a0", "").Replace(s)
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}
