package tablefile

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
)

// ErrWrongType: a value of a type its field cannot take, such as
// pay_max: true. The row is rejected rather than the value dropped.
var ErrWrongType = errors.New("wrong type")

// TypeError is a value of the wrong type in a typed table (JSON Lines,
// Parquet): the field, the value as written and what the field takes.
type TypeError struct {
	Field string
	Value string // the value as written: true, {"a":1}, or the column's type for Parquet
	Want  string // what the field takes: "a number or text"
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("%s: %s is not %s", e.Field, e.Value, e.Want)
}

func (e *TypeError) Unwrap() error { return ErrWrongType }

// A typed field takes a number or text (pay figures: a figure written
// "$85k" goes to the pay text), or a date, a number or text (posted_date:
// 20260714, Unix time, "14 Jul 2026"), or a flag, a number or text
// (remote). Other fields take any value, nested JSON rendered as text.
const (
	wantAmount = "a number or text"
	wantDate   = "a date, a number or text"
	wantFlag   = "true/false, a number or text"
)

var typedFields = map[string]string{
	"pay_min": wantAmount, "pay_max": wantAmount, "posted_date": wantDate, "remote": wantFlag,
}

// checkJSONType reports a JSON value its field cannot take: a boolean,
// array or object where a number or text belongs (a boolean is taken by
// remote).
func checkJSONType(field string, v any) error {
	want, typed := typedFields[field]
	if !typed {
		return nil
	}
	switch v.(type) {
	case nil, string, json.Number:
		return nil
	case bool:
		if want == wantFlag {
			return nil
		}
	}
	b, _ := json.Marshal(v)
	return &TypeError{Field: field, Value: string(b), Want: want}
}

// columnTypeOK reports whether a Parquet column of type dt can fill
// field: for pay, numbers and text; for posted_date, dates, times,
// numbers and text; for remote, flags, numbers and text; any type for
// the other fields.
func columnTypeOK(field string, dt arrow.DataType) bool {
	want, typed := typedFields[field]
	if !typed {
		return true
	}
	if dict, ok := dt.(*arrow.DictionaryType); ok {
		dt = dict.ValueType
	}
	switch dt.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.BINARY, arrow.LARGE_BINARY:
		return true
	case arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP:
		return want == wantDate
	case arrow.BOOL:
		return want == wantFlag
	}
	return arrow.IsInteger(dt.ID()) || arrow.IsFloating(dt.ID()) || arrow.IsDecimal(dt.ID())
}
