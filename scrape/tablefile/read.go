package tablefile

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// Input is what Read reads: an *os.File or a *bytes.Reader. Text formats
// are read front to back; Parquet needs to seek to its footer.
type Input interface {
	io.Reader
	io.ReaderAt
	io.Seeker
}

// Options say how to read one table.
type Options struct {
	// Format is csv, jsonl or parquet (see FormatOf).
	Format string
	// Columns maps our field names (Fields) to the table's; a field left
	// out is looked for under its own name. Names compare without case.
	Columns map[string]string
	// Name locates the table in records of rows without a url:
	// Name#row=N. Usually the file's file:// URL.
	Name string
	// Mem allocates Parquet buffers; nil means memory.DefaultAllocator.
	Mem memory.Allocator
}

// checkEvery is how many rows are read between looks at the context.
const checkEvery = 1024

// Read reads every row of the table as a raw record with Kind "file". A
// row that cannot be read is a record with RejectReason set to its
// *RowError's text. The error is for a table that cannot be read at all
// (wrapping ErrMissingColumn or ErrNotParquet), an I/O failure, or ctx
// being done, in which case the rows read so far are returned too.
func Read(ctx context.Context, in Input, opts Options) ([]data.RawRecord, error) {
	t := table{ctx: ctx, opts: opts}
	err := t.read(in)
	return t.out, err
}

// Stream reads the table as Read does, passing the records to emit a
// batch at a time instead of returning them, so a table of any size is
// never held: emit must copy what it keeps, as the batch is reused. An
// error from emit stops the reading and is returned.
func Stream(ctx context.Context, in Input, opts Options, emit func([]data.RawRecord) error) error {
	t := table{ctx: ctx, opts: opts, emit: emit}
	err := t.read(in)
	if t.emitErr == nil {
		// Rows read before a failure are passed on too: nothing read is
		// lost.
		if ferr := t.flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (t *table) read(in Input) error {
	var err error
	switch t.opts.Format {
	case FormatCSV:
		err = t.readCSV(in)
	case FormatJSONL:
		err = t.readJSONL(in)
	case FormatParquet:
		err = t.readParquet(in)
	default:
		err = fmt.Errorf("format %q is not one of csv, jsonl, parquet", t.opts.Format)
	}
	return err
}

// table collects the records of one Read, or passes them on in batches
// of streamBatch for Stream.
type table struct {
	ctx     context.Context
	opts    Options
	out     []data.RawRecord
	rows    int
	emit    func([]data.RawRecord) error
	emitErr error
}

const streamBatch = 4096

func (t *table) flush() error {
	if len(t.out) == 0 {
		return nil
	}
	t.emitErr = t.emit(t.out)
	t.out = t.out[:0]
	return t.emitErr
}

func (t *table) locator(row int) string {
	return t.opts.Name + "#row=" + strconv.Itoa(row)
}

// add appends the record for one row, or a reject if err is set: a
// *RowError as it is, another error as the error of row at line.
func (t *table) add(r data.RawRecord, err error, row, line int) error {
	if err != nil {
		// A reject keeps only where the row is and why.
		rowErr, ok := err.(*RowError)
		if !ok {
			rowErr = &RowError{Row: row, Line: line, Err: err}
		}
		r = data.RawRecord{Kind: "file", URL: cmp.Or(r.URL, t.locator(row)), PayMin: math.NaN(), PayMax: math.NaN(),
			RejectReason: rowErr.Error(), RejectCode: data.RejectCodeBadRow}
		if errors.Is(err, ErrNoTitle) {
			r.RejectCode = data.RejectCodeNoTitle
		}
	}
	t.out = append(t.out, r)
	t.rows++
	if t.emit != nil && len(t.out) == streamBatch {
		if err := t.flush(); err != nil {
			return err
		}
	}
	if t.rows%checkEvery == 0 {
		return t.ctx.Err()
	}
	return nil
}

// row reads one row given a lookup of its values by field.
func (t *table) row(value func(string) string, row, line int) error {
	r, err := record(value, t.locator(row))
	return t.add(r, err, row, line)
}
