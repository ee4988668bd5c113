package data

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// TestRawOlderFiles reads raw.arrow files written before the optional
// columns existed: before reject_code (and fetched_at), and before
// fetched_at. Their records read with those fields empty.
func TestRawOlderFiles(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dropped []string // the last columns, which the old file lacks
	}{
		{"before reject_code", []string{"reject_code", "fetched_at"}},
		{"before fetched_at", []string{"fetched_at"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			old := newTable("raw", rawTable.columns[:len(rawTable.columns)-len(tc.dropped)]...)
			for _, name := range tc.dropped {
				if old.schema.HasField(name) {
					t.Fatalf("the old table still has %s", name)
				}
			}
			path := filepath.Join(t.TempDir(), "raw.arrow")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			rows := []RawRecord{{Source: "s", URL: "u1", Title: "x", PayMin: math.NaN(), PayMax: math.NaN(), FetchedAt: "2026-09-14T08:00:00Z"},
				{Source: "s", URL: "u2", RejectReason: "broken JSON-LD", RejectCode: RejectCodeBadJSON, PayMin: math.NaN(), PayMax: math.NaN()}}
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
			wantCode := RejectCodeBadJSON
			if len(tc.dropped) == 2 {
				wantCode = ""
			}
			if len(got) != 2 || got[1].RejectReason != "broken JSON-LD" || got[1].RejectCode != wantCode || got[0].Title != "x" ||
				got[0].FetchedAt != "" {
				t.Errorf("read back %+v", got)
			}
		})
	}
}

// TestRawFetchedAt round-trips the fetch time.
func TestRawFetchedAt(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	f, err := os.Create(filepath.Join(t.TempDir(), "raw.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := []RawRecord{{Source: "s", URL: "u1", Title: "x", PostedDate: "3 days ago", FetchedAt: "2026-09-14T08:00:00Z",
		PayMin: math.NaN(), PayMax: math.NaN()}}
	if err := WriteRawIPC(f, mem, rows); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRawIPC(f, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].FetchedAt != rows[0].FetchedAt || got[0].PostedDate != rows[0].PostedDate {
		t.Errorf("read back %+v", got)
	}
}
