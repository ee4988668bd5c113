package tablefile

import (
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/jobmarket/jobmarket/data"
)

// parquetBatch is how many rows one Arrow batch holds while reading.
const parquetBatch = 16 << 10

func (t *table) readParquet(in parquet.ReaderAtSeeker) (err error) {
	// Arrow's Parquet reader panics on some corrupt files; a researcher's
	// broken file must be a message, not a crash.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrNotParquet, p)
		}
	}()
	mem := t.opts.Mem
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	pf, err := file.NewParquetReader(in, file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotParquet, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: parquetBatch}, mem)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotParquet, err)
	}
	schema, err := fr.Schema()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotParquet, err)
	}
	names := make([]string, schema.NumFields())
	for i, f := range schema.Fields() {
		names[i] = f.Name
	}
	at, err := columnMap(names, t.opts.Columns)
	if err != nil {
		return err
	}
	// Fields whose column has a type they cannot take: each row with a
	// value there is rejected, naming the field.
	var mistyped []string
	for _, field := range Fields {
		if c, ok := at[field]; ok && !columnTypeOK(field, schema.Field(c).Type) {
			mistyped = append(mistyped, field)
		}
	}
	rr, err := fr.GetRecordReader(t.ctx, nil, nil)
	if err != nil {
		return fmt.Errorf("read parquet: %w", err)
	}
	defer rr.Release()
	row := 0
	for rr.Next() {
		rec := rr.Record()
		for i := range int(rec.NumRows()) {
			row++
			value := func(field string) string {
				if c, ok := at[field]; ok {
					return cellText(rec.Column(c), i)
				}
				return ""
			}
			if err := t.parquetRow(rec, at, mistyped, value, i, row); err != nil {
				return err
			}
		}
	}
	if err := rr.Err(); err != nil && err != io.EOF {
		return fmt.Errorf("read parquet row %d: %w", row+1, err)
	}
	return nil
}

// parquetRow reads row i of rec, or rejects it for a value in a column
// of the wrong type.
func (t *table) parquetRow(rec arrow.Record, at map[string]int, mistyped []string, value func(string) string, i, row int) error {
	for _, field := range mistyped {
		col := rec.Column(at[field])
		if !col.IsNull(i) {
			err := &TypeError{Field: field, Value: fmt.Sprintf("%s (a %s column)", cellText(col, i), col.DataType()), Want: typedFields[field]}
			return t.add(data.RawRecord{URL: value("url")}, err, row, 0)
		}
	}
	return t.row(value, row, 0)
}

// cellText renders one Arrow value as the text of a field: dates as
// YYYY-MM-DD and times as RFC 3339, which the transform stage reads.
func cellText(arr arrow.Array, i int) string {
	if arr.IsNull(i) {
		return ""
	}
	switch a := arr.(type) {
	case *array.String:
		return fixText(a.Value(i))
	case *array.LargeString:
		return fixText(a.Value(i))
	case *array.Binary:
		return fixText(string(a.Value(i)))
	case *array.Date32:
		return a.Value(i).ToTime().Format(time.DateOnly)
	case *array.Date64:
		return a.Value(i).ToTime().UTC().Format(time.DateOnly)
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return a.Value(i).ToTime(unit).UTC().Format(time.RFC3339)
	case *array.Dictionary:
		return cellText(a.Dictionary(), a.GetValueIndex(i))
	}
	return fixText(arr.ValueStr(i))
}
