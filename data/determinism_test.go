package data_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// TestParquetBytesAreReproducible checks that writing the same listings
// twice gives the same bytes. Columns of mostly distinct values (URLs,
// notes) outgrow a Parquet dictionary in a row group of 65,536 rows; arrow
// v15 then writes the chunk's page encodings into the footer in Go map
// order, so the files differed from run to run unless no column falls
// back from its dictionary.
func TestParquetBytesAreReproducible(t *testing.T) {
	rows := make([]data.Listing, 70_000)
	for i := range rows {
		l := sampleListings()[i%2]
		l.URL = fmt.Sprintf("https://jobs.example.org/postings/%08d/%s", i, strings.Repeat("x", i%50))
		l.Notes = fmt.Sprintf("unknown place: location \"Atlantis %d\"", i)
		rows[i] = l
	}
	var first []byte
	for run := range 4 {
		var buf bytes.Buffer
		if err := data.WriteListingsParquet(&buf, memory.NewGoAllocator(), rows); err != nil {
			t.Fatal(err)
		}
		if run == 0 {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("run %d wrote %d bytes that differ from run 0's %d", run, buf.Len(), len(first))
		}
	}
	got, err := data.ReadListingsParquet(t.Context(), bytes.NewReader(first), memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	if !same(got, rows) {
		t.Error("the listings read back differ from those written")
	}
}
