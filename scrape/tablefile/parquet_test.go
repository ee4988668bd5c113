package tablefile_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// parquetFile writes a small researcher's table: their own column names
// and types, a null, a date and a timestamp.
func parquetFile(t testing.TB, mem memory.Allocator) []byte {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "Job Title", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "Employer", Type: arrow.BinaryTypes.LargeString, Nullable: true},
		{Name: "MinPay", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "MaxPay", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "Posted", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "Seen", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "Remote", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"OpenStack Engineer", "", "Python Developer"}, []bool{true, false, true})
	b.Field(1).(*array.LargeStringBuilder).AppendValues([]string{"Acme", "Beta", "Gamma"}, nil)
	b.Field(2).(*array.Int64Builder).AppendValues([]int64{85000, 1, 0}, []bool{true, true, false})
	b.Field(3).(*array.Float64Builder).AppendValues([]float64{95000.5, 2, 0}, []bool{true, true, false})
	day := arrow.Date32FromTime(time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC))
	b.Field(4).(*array.Date32Builder).AppendValues([]arrow.Date32{day, day, day}, []bool{true, true, false})
	ts, _ := arrow.TimestampFromTime(time.Date(2026, 7, 15, 9, 30, 0, 0, time.UTC), arrow.Millisecond)
	b.Field(5).(*array.TimestampBuilder).AppendValues([]arrow.Timestamp{ts, ts, ts}, nil)
	b.Field(6).(*array.BooleanBuilder).AppendValues([]bool{true, false, false}, nil)
	rec := b.NewRecord()
	defer rec.Release()
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(schema, &buf, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem)))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var parquetColumns = map[string]string{"title": "job title", "company": "Employer", "pay_min": "MinPay", "pay_max": "MaxPay", "posted_date": "Posted", "remote": "Remote"}

func TestReadParquet(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	file := parquetFile(t, mem)
	got, err := tablefile.Read(t.Context(), bytes.NewReader(file), tablefile.Options{Format: tablefile.FormatParquet, Columns: parquetColumns, Name: "file:///t.parquet", Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	check(t, got, []row{
		{Title: "OpenStack Engineer", Company: "Acme", PayMin: 85000, PayMax: 95000.5, URL: "file:///t.parquet#row=1"},
		{Reject: "row 2: no title", URL: "file:///t.parquet#row=2"},
		{Title: "Python Developer", Company: "Gamma"},
	})
	if got[0].PostedDate != "2026-07-14" || got[2].PostedDate != "" || got[0].Remote != "true" {
		t.Errorf("dates and flags: %+v", got[0])
	}

	cols := map[string]string{"title": "Job Title", "posted_date": "Seen"}
	got, err = tablefile.Read(t.Context(), bytes.NewReader(file), tablefile.Options{Format: tablefile.FormatParquet, Columns: cols, Mem: mem})
	if err != nil || got[0].PostedDate != "2026-07-15T09:30:00Z" {
		t.Errorf("timestamp read as %q (%v)", got[0].PostedDate, err)
	}
	_, err = tablefile.Read(t.Context(), bytes.NewReader(file), tablefile.Options{Format: tablefile.FormatParquet, Columns: map[string]string{"title": "Name"}, Mem: mem})
	if !errors.Is(err, tablefile.ErrMissingColumn) {
		t.Errorf("missing column: %v", err)
	}
	for _, bad := range [][]byte{[]byte("title,company\n"), file[:len(file)/2], append(bytes.Clone(file[:8]), file[len(file)-8:]...)} {
		_, err := tablefile.Read(t.Context(), bytes.NewReader(bad), tablefile.Options{Format: tablefile.FormatParquet, Mem: mem})
		if !errors.Is(err, tablefile.ErrNotParquet) {
			t.Errorf("%d bytes of junk: %v, want ErrNotParquet", len(bad), err)
		}
	}
}

// FuzzReadParquet: a corrupt Parquet file is an error, never a crash
// (Arrow's reader panics on some; Read must recover).
func FuzzReadParquet(f *testing.F) {
	file := parquetFile(f, memory.NewGoAllocator())
	f.Add(file)
	f.Add(file[:len(file)-20])
	f.Fuzz(func(t *testing.T, input []byte) {
		recs, err := tablefile.Read(t.Context(), bytes.NewReader(input), tablefile.Options{Format: tablefile.FormatParquet, Columns: parquetColumns})
		if err == nil {
			checkRecords(t, recs)
		}
	})
}
