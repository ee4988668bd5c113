package data

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow"
)

// batchRows bounds how many rows one Arrow record batch or Parquet row
// group holds, so no table is ever built in memory as a single batch.
const batchRows = 64 * 1024

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
		if idx[c] < 0 {
			continue // an optional column the file lacks: zero values
		}
		arr := rec.Column(idx[c])
		for i := 0; i < n; i++ {
			col.read(arr, i, &dst[start+i])
		}
	}
	return dst, nil
}

// WriteFileAtomic writes a file through a temporary name in the same folder
// and renames it into place, so a crash or Ctrl-C never leaves a
// half-written output under the final name.
func WriteFileAtomic(path string, write func(*os.File) error) error {
	f, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if err := write(f.File); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit()
}

// AtomicFile is a file written under a temporary name that takes its final
// name only on Commit, for outputs streamed over a long time.
type AtomicFile struct {
	*os.File
	path string
}

// CreateAtomic starts writing path through a temporary file beside it.
func CreateAtomic(path string) (*AtomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &AtomicFile{File: f, path: path}, nil
}

// Commit closes the file and renames it to its final name, readable by
// all as a file written with os.Create would be (a temporary file is
// private), since outputs are meant to be published.
func (f *AtomicFile) Commit() error {
	if err := f.Chmod(0o644); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := os.Rename(f.Name(), f.path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return nil
}

// Abort closes and removes the temporary file; the final name is left as
// it was.
func (f *AtomicFile) Abort() {
	f.Close()
	os.Remove(f.Name())
}
