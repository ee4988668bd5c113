package scrape

import (
	"testing"
	"time"
)

// SetSharedLease shortens how long a dead worker holds the others back,
// for the rest of the test; the test must not run in parallel.
func SetSharedLease(t testing.TB, d time.Duration) {
	old := sharedLease
	sharedLease = d
	t.Cleanup(func() { sharedLease = old })
}
