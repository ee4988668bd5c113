package transform

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/jobmarket/jobmarket/data"
)

// TestKeptStringsAreCopies checks that what a Normalizer keeps beyond a
// batch (the rejects a caller collects, its memo of places, its counts by
// source) holds copies of a record's strings. A record read from Arrow
// points into its batch's columns, so a kept string that shared them would
// keep the whole batch in memory: at ten million records that was a third
// of the transform stage's heap.
func TestKeptStringsAreCopies(t *testing.T) {
	column := strings.Repeat("abcdefghij", 100) // stands for a batch's string data
	inColumn := func(s string) bool {
		p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(column)))
		return len(s) > 0 && p >= start && p < start+uintptr(len(column))
	}
	records := []data.RawRecord{
		{Source: column[0:5], URL: column[10:40], RejectReason: column[40:90]},
		{Source: column[0:5], URL: column[100:130], Title: "Python Engineer", Location: column[200:230], Country: column[230:232]},
	}
	cfg := DefaultConfig()
	cfg.Regions = Regions{{Name: "Europe", Countries: []string{"DE"}}}
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	listings, rejects, err := n.NormalizeBatch(t.Context(), records, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(listings) != 1 || len(rejects) != 1 {
		t.Fatalf("%d listings and %d rejects, want 1 and 1", len(listings), len(rejects))
	}
	kept := map[string]string{"reject source": rejects[0].Source, "reject URL": rejects[0].URL,
		"reject reason": rejects[0].Reason, "source of the counts": n.Stats().Sources[0].Source}
	memo := 0
	for _, w := range n.workers {
		for key := range w.places {
			kept["place memo hint"], kept["place memo location"] = key[0], key[1]
			memo++
		}
	}
	if memo == 0 {
		t.Fatal("the place memo is empty: the test no longer covers it")
	}
	for what, s := range kept {
		if inColumn(s) {
			t.Errorf("%s %q shares the record's memory", what, s)
		}
	}
}

// TestKeptPostingSize guards the size of what duplicate detection keeps
// per distinct posting: ten million of them must fit, with the rest of
// the transform stage, in the 2 GB docs/performance.md promises.
func TestKeptPostingSize(t *testing.T) {
	if got := unsafe.Sizeof(keptPosting{}); got > 56 {
		t.Errorf("keptPosting is %d bytes, want at most 56", got)
	}
}
