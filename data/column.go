package data

import (
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
)

// column maps one field of a Go row type T onto one Arrow column. Exactly
// one accessor is set; it returns a pointer into the row so the same
// description serves both writing and reading.
type column[T any] struct {
	name string
	str  func(*T) *string
	num  func(*T) *float64 // NaN is written as null
	flag func(*T) *bool
	day  func(*T) *string // "2006-01-02" or "" (null), stored as date32
	// optional marks a column added after files without it were written:
	// such a file reads with the field's zero value instead of failing.
	optional bool
}

func (c column[T]) field() arrow.Field {
	switch {
	case c.str != nil:
		return arrow.Field{Name: c.name, Type: arrow.BinaryTypes.String}
	case c.num != nil:
		return arrow.Field{Name: c.name, Type: arrow.PrimitiveTypes.Float64, Nullable: true}
	case c.flag != nil:
		return arrow.Field{Name: c.name, Type: arrow.FixedWidthTypes.Boolean}
	default:
		return arrow.Field{Name: c.name, Type: arrow.FixedWidthTypes.Date32, Nullable: true}
	}
}

func (c column[T]) append(b array.Builder, row *T) {
	switch {
	case c.str != nil:
		b.(*array.StringBuilder).Append(*c.str(row))
	case c.num != nil:
		if v := *c.num(row); math.IsNaN(v) {
			b.AppendNull()
		} else {
			b.(*array.Float64Builder).Append(v)
		}
	case c.flag != nil:
		b.(*array.BooleanBuilder).Append(*c.flag(row))
	default:
		d := *c.day(row)
		if d == "" {
			b.AppendNull()
			return
		}
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			// Rows are built by our own code, which only stores valid dates.
			panic(fmt.Sprintf("column %s: invalid date %q", c.name, d))
		}
		b.(*array.Date32Builder).Append(arrow.Date32FromTime(t))
	}
}

func (c column[T]) read(arr arrow.Array, i int, row *T) {
	switch {
	case c.str != nil:
		*c.str(row) = arr.(*array.String).Value(i)
	case c.num != nil:
		if arr.IsNull(i) {
			*c.num(row) = math.NaN()
		} else {
			*c.num(row) = arr.(*array.Float64).Value(i)
		}
	case c.flag != nil:
		*c.flag(row) = arr.(*array.Boolean).Value(i)
	default:
		if arr.IsNull(i) {
			*c.day(row) = ""
		} else {
			*c.day(row) = arr.(*array.Date32).Value(i).ToTime().Format(time.DateOnly)
		}
	}
}

// table describes a whole Go row type as an Arrow schema.
type table[T any] struct {
	name    string
	columns []column[T]
	schema  *arrow.Schema
}

func newTable[T any](name string, cols ...column[T]) *table[T] {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = c.field()
	}
	return &table[T]{name: name, columns: cols, schema: arrow.NewSchema(fields, nil)}
}

// checkSchema reports the first column of want that got lacks or types
// differently, so a file from another tool or version fails clearly. An
// optional column that got lacks has index -1: it is read as its zero
// value.
func (t *table[T]) checkSchema(got *arrow.Schema) ([]int, error) {
	idx := make([]int, len(t.columns))
	for i, f := range t.schema.Fields() {
		found := got.FieldIndices(f.Name)
		if len(found) == 0 && t.columns[i].optional {
			idx[i] = -1
			continue
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s table: missing column %q", t.name, f.Name)
		}
		gf := got.Field(found[0])
		if !arrow.TypeEqual(gf.Type, f.Type) {
			return nil, fmt.Errorf("%s table: column %q is %s, want %s", t.name, f.Name, gf.Type, f.Type)
		}
		idx[i] = found[0]
	}
	return idx, nil
}
