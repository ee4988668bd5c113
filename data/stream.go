package data

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// Writer streams rows of one table into a file a record batch at a time,
// so a stage can write tables larger than memory: it holds at most one
// batch of rows, as Arrow builders.
type Writer[T any] struct {
	t     *table[T]
	b     *array.RecordBuilder
	n     int // rows in b
	flush int // rows per batch
	emit  func(arrow.Record) error
	close func() error
	rows  int64
	err   error // the first write error; later calls return it
}

func newWriter[T any](t *table[T], mem memory.Allocator, flush int, emit func(arrow.Record) error, close func() error) *Writer[T] {
	return &Writer[T]{t: t, b: array.NewRecordBuilder(mem, t.schema), flush: flush, emit: emit, close: close}
}

// Write appends rows, writing a batch each time one fills.
func (w *Writer[T]) Write(rows ...T) error {
	for i := range rows {
		if w.err != nil {
			return w.err
		}
		for c, col := range w.t.columns {
			col.append(w.b.Field(c), &rows[i])
		}
		w.n++
		w.rows++
		if w.n == w.flush {
			w.err = w.writeBatch()
		}
	}
	return w.err
}

// Rows is the number of rows written so far.
func (w *Writer[T]) Rows() int64 { return w.rows }

func (w *Writer[T]) writeBatch() error {
	rec := w.b.NewRecord()
	defer rec.Release()
	w.n = 0
	w.reserve(rec)
	if err := w.emit(rec); err != nil {
		return fmt.Errorf("write %s: %w", w.t.name, err)
	}
	return nil
}

// reserve sizes the builders for the next batch like the last one: a
// builder starts empty after each record, and growing it by doubling
// again for every batch cost a third of the transform stage in copying.
func (w *Writer[T]) reserve(last arrow.Record) {
	for i, f := range w.b.Fields() {
		f.Reserve(w.flush)
		if sb, ok := f.(*array.StringBuilder); ok {
			sb.ReserveData(len(last.Column(i).(*array.String).ValueBytes()))
		}
	}
}

// Close writes the last batch and the file's footer. A table with no rows
// still gets its schema, so readers see an empty table, not a broken file.
// Close does not close the underlying io.Writer, which the caller owns.
func (w *Writer[T]) Close() error {
	defer w.b.Release()
	if w.err == nil && (w.n > 0 || w.rows == 0) {
		w.err = w.writeBatch()
	}
	if err := w.close(); err != nil && w.err == nil {
		w.err = fmt.Errorf("write %s: %w", w.t.name, err)
	}
	return w.err
}

func (t *table[T]) newIPCWriter(w io.WriteSeeker, mem memory.Allocator) (*Writer[T], error) {
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(t.schema), ipc.WithAllocator(mem))
	if err != nil {
		return nil, fmt.Errorf("write %s arrow: %w", t.name, err)
	}
	return newWriter(t, mem, batchRows, fw.Write, fw.Close), nil
}

// newParquetWriter writes one row group per batch of flush rows. It does
// not buffer batches into larger row groups: arrow v15's buffered row
// groups leak allocator accounting (seen under memory.CheckedAllocator).
//
// A column's dictionary never falls back to plain encoding within a row
// group (the size limit is out of reach): arrow v15 writes the page
// encodings of a chunk that fell back into the footer in Go map order, so
// the same rows gave different bytes from run to run. A dictionary holds
// at most a row group's distinct values, which a row group of distinct
// URLs holds as plain values anyway.
func (t *table[T]) newParquetWriter(w io.Writer, mem memory.Allocator, flush int) (*Writer[T], error) {
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithAllocator(mem),
		parquet.WithCreatedBy("jobmarket"),
		parquet.WithDictionaryPageSizeLimit(1<<30),
	)
	// The Parquet writer closes a sink that is an io.Closer; the caller
	// owns w, so hide its Close.
	fw, err := pqarrow.NewFileWriter(t.schema, struct{ io.Writer }{w}, props, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem)))
	if err != nil {
		return nil, fmt.Errorf("write %s parquet: %w", t.name, err)
	}
	return newWriter(t, mem, flush, fw.Write, fw.Close), nil
}

// Reader streams a table from a file one record batch at a time; Batch is
// valid until the next call to Next.
type Reader[T any] struct {
	t     *table[T]
	next  func() (arrow.Record, error) // nil record at the end
	close func()
	batch []T
	err   error
}

// Next reads the next batch and reports whether there is one.
func (r *Reader[T]) Next() bool {
	if r.err != nil {
		return false
	}
	rec, err := r.next()
	if err != nil {
		r.err = err
		return false
	}
	if rec == nil {
		return false
	}
	r.batch, r.err = r.t.rows(rec, r.batch[:0])
	return r.err == nil
}

// Batch returns the rows of the current batch. The slice is reused by
// the next call to Next; copy rows that must outlive it.
func (r *Reader[T]) Batch() []T { return r.batch }

// Err returns the error that ended the reading, nil at a clean end.
func (r *Reader[T]) Err() error { return r.err }

// Close releases the file's reader; it does not close the file.
func (r *Reader[T]) Close() { r.close() }

// Each calls fn with every batch in turn, stopping at the first error.
func (r *Reader[T]) Each(fn func([]T) error) error {
	for r.Next() {
		if err := fn(r.batch); err != nil {
			return err
		}
	}
	return r.Err()
}

func (t *table[T]) newIPCReader(f ipc.ReadAtSeeker, mem memory.Allocator) (*Reader[T], error) {
	fr, err := ipc.NewFileReader(f, ipc.WithAllocator(mem))
	if err != nil {
		return nil, fmt.Errorf("read %s arrow: %w", t.name, err)
	}
	if _, err := t.checkSchema(fr.Schema()); err != nil {
		fr.Close()
		return nil, fmt.Errorf("read %s arrow: %w", t.name, err)
	}
	i := 0
	next := func() (arrow.Record, error) {
		if i >= fr.NumRecords() {
			return nil, nil
		}
		rec, err := fr.Record(i)
		if err != nil {
			return nil, fmt.Errorf("read %s arrow batch %d: %w", t.name, i, err)
		}
		i++
		return rec, nil
	}
	return &Reader[T]{t: t, next: next, close: func() { fr.Close() }}, nil
}

func (t *table[T]) newParquetReader(ctx context.Context, f parquet.ReaderAtSeeker, mem memory.Allocator) (*Reader[T], error) {
	pf, err := file.NewParquetReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batchRows}, mem)
	if err != nil {
		pf.Close()
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	schema, err := fr.Schema()
	if err != nil {
		pf.Close()
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	if _, err := t.checkSchema(schema); err != nil {
		pf.Close()
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		pf.Close()
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	next := func() (arrow.Record, error) {
		if rr.Next() {
			return rr.Record(), nil
		}
		if err := rr.Err(); err != nil && err != io.EOF {
			return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
		}
		return nil, nil
	}
	return &Reader[T]{t: t, next: next, close: func() { rr.Release(); pf.Close() }}, nil
}

// readAll collects every row of a reader; the whole-table readers use it.
func readAll[T any](r *Reader[T], err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []T
	err = r.Each(func(batch []T) error {
		out = append(out, batch...)
		return nil
	})
	return out, err
}

// writeAll writes rows through a writer; the whole-table writers use it.
func writeAll[T any](w *Writer[T], err error, rows []T) error {
	if err != nil {
		return err
	}
	if err := w.Write(rows...); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
