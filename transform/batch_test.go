package transform_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/transform"
)

// normalizeEach normalizes records one at a time with Normalize: the
// reference NormalizeBatch must match.
func normalizeEach(t *testing.T, records []data.RawRecord) ([]data.Listing, []data.Reject, transform.Stats) {
	t.Helper()
	n, err := transform.New(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	var listings []data.Listing
	var rejects []data.Reject
	for i := range records {
		if l, rej, ok := n.Normalize(&records[i]); ok {
			listings = append(listings, l)
		} else {
			rejects = append(rejects, rej)
		}
	}
	return listings, rejects, n.Stats()
}

// sameRows reports the first row where two tables differ, comparing every
// field (NaN equals NaN).
func sameRows[T any](got, want []T) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d rows, want %d", len(got), len(want))
	}
	for i := range got {
		if g, w := fmt.Sprintf("%#v", got[i]), fmt.Sprintf("%#v", want[i]); g != w {
			return fmt.Errorf("row %d:\n got %s\nwant %s", i, g, w)
		}
	}
	return nil
}

// TestNormalizeBatchMatchesNormalize checks that NormalizeBatch gives what
// Normalize gives record by record — listings, rejects and counts — on
// one core and on four, in batches of uneven sizes (smaller than a chunk,
// not a multiple of one, larger than cmd/jobmarket's), so that spreading
// the work over goroutines changes nothing.
func TestNormalizeBatchMatchesNormalize(t *testing.T) {
	records := synth.Records(50_000, 11)
	wantListings, wantRejects, wantStats := normalizeEach(t, records)
	batches := []int{1, 7, 300, 4096, 70_000}
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			n, err := transform.New(testConfig())
			if err != nil {
				t.Fatal(err)
			}
			var listings []data.Listing
			var rejects []data.Reject
			for start, b := 0, 0; start < len(records); b++ {
				end := min(start+batches[b%len(batches)], len(records))
				if listings, rejects, err = n.NormalizeBatch(t.Context(), records[start:end], listings, rejects); err != nil {
					t.Fatal(err)
				}
				start = end
			}
			if err := sameRows(listings, wantListings); err != nil {
				t.Errorf("listings: %v", err)
			}
			if err := sameRows(rejects, wantRejects); err != nil {
				t.Errorf("rejects: %v", err)
			}
			if got, want := fmt.Sprintf("%+v", n.Stats()), fmt.Sprintf("%+v", wantStats); got != want {
				t.Errorf("stats %s, want %s", got, want)
			}
		})
	}
}

// expiring is a context that reports itself cancelled after its Err has
// been asked a number of times: a cancel in the middle of a batch, at a
// point that does not depend on the clock.
type expiring struct {
	context.Context
	left atomic.Int64
}

func (c *expiring) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func (c *expiring) Done() <-chan struct{}       { return nil }
func (c *expiring) Deadline() (time.Time, bool) { return time.Time{}, false }

// TestNormalizeBatchCancelled checks that a cancelled batch returns what
// the records before the cancel became, and that the Normalizer took in
// exactly those: its counts agree with the rows returned.
func TestNormalizeBatchCancelled(t *testing.T) {
	records := synth.Records(20_000, 5)
	wantListings, wantRejects, _ := normalizeEach(t, records)
	for _, checks := range []int64{0, 3, 20, 60} {
		t.Run(fmt.Sprintf("after %d checks", checks), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
			n, err := transform.New(testConfig())
			if err != nil {
				t.Fatal(err)
			}
			ctx := &expiring{Context: t.Context()}
			ctx.left.Store(checks)
			listings, rejects, err := n.NormalizeBatch(ctx, records, nil, nil)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("NormalizeBatch = %v, want context.Canceled", err)
			}
			st := n.Stats()
			if got := len(listings) + len(rejects); got != st.Records || len(listings) != st.Listings || got >= len(records) {
				t.Errorf("%d listings and %d rejects returned; stats say %d records, %d listings, of %d", len(listings),
					len(rejects), st.Records, st.Listings, len(records))
			}
			// The Normalizer goes on from where it stopped.
			rest := records[st.Records:]
			if listings, rejects, err = n.NormalizeBatch(t.Context(), rest, listings, rejects); err != nil {
				t.Fatal(err)
			}
			if err := sameRows(listings, wantListings); err != nil {
				t.Errorf("listings after resuming: %v", err)
			}
			if err := sameRows(rejects, wantRejects); err != nil {
				t.Errorf("rejects after resuming: %v", err)
			}
		})
	}
}
