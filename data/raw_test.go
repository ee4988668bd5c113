package data

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// TestRawWithoutRejectCode reads a raw.arrow written before the
// reject_code column existed: its records read with empty codes.
func TestRawWithoutRejectCode(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	old := newTable("raw", rawTable.columns[:len(rawTable.columns)-1]...)
	if old.schema.HasField("reject_code") {
		t.Fatal("the old table still has reject_code")
	}
	path := filepath.Join(t.TempDir(), "raw.arrow")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := []RawRecord{{Source: "s", URL: "u1", Title: "x", PayMin: math.NaN(), PayMax: math.NaN()},
		{Source: "s", URL: "u2", RejectReason: "broken JSON-LD", PayMin: math.NaN(), PayMax: math.NaN()}}
	w, err := old.newIPCWriter(f, mem)
	if err := writeAll(w, err, rows); err != nil {
		t.Fatal(err)
	}
	f.Close()
	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadRawIPC(f, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].RejectReason != "broken JSON-LD" || got[1].RejectCode != "" || got[0].Title != "x" {
		t.Errorf("read back %+v", got)
	}
}
