package tablefile_test

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// TestStreamMatchesRead: streaming a table gives the records Read returns,
// in order, in several batches, bad rows included.
func TestStreamMatchesRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("title,company,pay\n")
	for i := range 10000 {
		if i%1000 == 7 {
			b.WriteString(",no title here,1\n")
			continue
		}
		b.WriteString("Python Developer " + strconv.Itoa(i) + ",Acme,$100k\n")
	}
	opts := tablefile.Options{Format: tablefile.FormatCSV, Name: "file:///t.csv"}
	want, err := tablefile.Read(t.Context(), strings.NewReader(b.String()), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []data.RawRecord
	batches := 0
	err = tablefile.Stream(t.Context(), strings.NewReader(b.String()), opts, func(recs []data.RawRecord) error {
		batches++
		got = append(got, recs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if batches < 2 || len(got) != 10000 || !reflect.DeepEqual(strip(got), strip(want)) {
		t.Fatalf("Stream gave %d records in %d batches; want Read's %d in several", len(got), batches, len(want))
	}

	stop := errors.New("sink full")
	calls := 0
	err = tablefile.Stream(t.Context(), bytes.NewReader([]byte(b.String())), opts, func([]data.RawRecord) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Stream with a failing sink = %v after %d calls, want the sink's error after 1", err, calls)
	}
}

// strip replaces NaN pay, which DeepEqual never finds equal.
func strip(recs []data.RawRecord) []data.RawRecord {
	out := make([]data.RawRecord, len(recs))
	for i, r := range recs {
		r.PayMin, r.PayMax = 0, 0
		out[i] = r
	}
	return out
}
