package data

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// batchRows bounds how many rows one Arrow record batch holds, so writing a
// large table never builds it in memory as a single batch.
const batchRows = 64 * 1024

// records calls emit with successive record batches of rows. emit must not
// retain the record past its return.
func (t *table[T]) records(mem memory.Allocator, rows []T, emit func(arrow.Record) error) error {
	b := array.NewRecordBuilder(mem, t.schema)
	defer b.Release()
	for start := 0; start < len(rows) || start == 0; start += batchRows {
		end := min(start+batchRows, len(rows))
		for i := start; i < end; i++ {
			for c, col := range t.columns {
				col.append(b.Field(c), &rows[i])
			}
		}
		rec := b.NewRecord()
		err := emit(rec)
		rec.Release()
		if err != nil {
			return err
		}
		if end == len(rows) {
			break
		}
	}
	return nil
}

// rows appends the rows of rec to dst.
func (t *table[T]) rows(rec arrow.Record, dst []T) ([]T, error) {
	idx, err := t.checkSchema(rec.Schema())
	if err != nil {
		return nil, err
	}
	n := int(rec.NumRows())
	start := len(dst)
	dst = append(dst, make([]T, n)...)
	for c, col := range t.columns {
		arr := rec.Column(idx[c])
		for i := 0; i < n; i++ {
			col.read(arr, i, &dst[start+i])
		}
	}
	return dst, nil
}

func (t *table[T]) writeIPC(w io.WriteSeeker, mem memory.Allocator, rows []T) error {
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(t.schema), ipc.WithAllocator(mem))
	if err != nil {
		return fmt.Errorf("write %s arrow: %w", t.name, err)
	}
	if err := t.records(mem, rows, fw.Write); err != nil {
		fw.Close()
		return fmt.Errorf("write %s arrow: %w", t.name, err)
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("write %s arrow: %w", t.name, err)
	}
	return nil
}

func (t *table[T]) readIPC(r ipc.ReadAtSeeker, mem memory.Allocator) ([]T, error) {
	fr, err := ipc.NewFileReader(r, ipc.WithAllocator(mem))
	if err != nil {
		return nil, fmt.Errorf("read %s arrow: %w", t.name, err)
	}
	defer fr.Close()
	var out []T
	for i := 0; i < fr.NumRecords(); i++ {
		rec, err := fr.Record(i)
		if err != nil {
			return nil, fmt.Errorf("read %s arrow batch %d: %w", t.name, i, err)
		}
		if out, err = t.rows(rec, out); err != nil {
			return nil, fmt.Errorf("read %s arrow batch %d: %w", t.name, i, err)
		}
	}
	return out, nil
}

func (t *table[T]) writeParquet(w io.Writer, mem memory.Allocator, rows []T) error {
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithAllocator(mem),
		parquet.WithCreatedBy("jobmarket"),
	)
	// The Parquet writer closes a sink that is an io.Closer; the caller
	// owns w, so hide its Close.
	fw, err := pqarrow.NewFileWriter(t.schema, struct{ io.Writer }{w}, props, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem)))
	if err != nil {
		return fmt.Errorf("write %s parquet: %w", t.name, err)
	}
	if err := t.records(mem, rows, fw.Write); err != nil {
		fw.Close()
		return fmt.Errorf("write %s parquet: %w", t.name, err)
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("write %s parquet: %w", t.name, err)
	}
	return nil
}

func (t *table[T]) readParquet(ctx context.Context, r parquet.ReaderAtSeeker, mem memory.Allocator) ([]T, error) {
	pf, err := file.NewParquetReader(r)
	if err != nil {
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batchRows}, mem)
	if err != nil {
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	defer rr.Release()
	var out []T
	for rr.Next() {
		if out, err = t.rows(rr.Record(), out); err != nil {
			return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
		}
	}
	if err := rr.Err(); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s parquet: %w", t.name, err)
	}
	return out, nil
}

// WriteFileAtomic writes a file through a temporary name in the same folder
// and renames it into place, so a crash or Ctrl-C never leaves a
// half-written output under the final name.
func WriteFileAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}
