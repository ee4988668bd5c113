package synth

import (
	"strconv"
	"testing"
	"time"
)

// TestDays checks the dates as boards write them and that the days cover
// the 8 quarters before 2026-10-01.
func TestDays(t *testing.T) {
	first := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	quarters := map[string]int{}
	for i, d := range days {
		want := first.AddDate(0, 0, i)
		formats := []string{want.Format(time.DateOnly), strconv.FormatInt(want.UnixMilli(), 10), want.Format(time.RFC3339)}
		for f, w := range formats {
			if got := string(d.appendTo(nil, f)); got != w {
				t.Fatalf("day %d in format %d = %q, want %q", i, f, got, w)
			}
		}
		quarters[strconv.Itoa(want.Year())+"Q"+strconv.Itoa((int(want.Month())+2)/3)]++
	}
	if last := first.AddDate(0, 0, len(days)); !last.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("days end before %s, want 2026-10-01", last.Format(time.DateOnly))
	}
	if len(quarters) != 8 {
		t.Errorf("days cover %d quarters, want 8: %v", len(quarters), quarters)
	}
}
