package analyze_test

import (
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// TestRunProgress checks that Progress hears every cell of each estimate,
// up to its total, and that listening changes no number.
func TestRunProgress(t *testing.T) {
	ls := quarterly(1)
	regions := []string{"Europe", "North America"}
	for _, period := range []data.Span{{}, {From: "2026-07-01", To: "2026-09-30"}} {
		t.Run(period.Label(), func(t *testing.T) {
			done, total := map[string]int{}, map[string]int{}
			in := analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls), Period: period}
			quiet, err := analyze.Run(t.Context(), cfg(), in)
			if err != nil {
				t.Fatal(err)
			}
			in.Progress = func(estimate string, d, n int) {
				if d != done[estimate]+1 {
					t.Errorf("%s: done %d after %d", estimate, d, done[estimate])
				}
				done[estimate], total[estimate] = d, n
			}
			told, err := analyze.Run(t.Context(), cfg(), in)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"estimates"}
			if !period.IsZero() {
				want = []string{"estimates", "previous period", "trend"}
			}
			if len(done) != len(want) {
				t.Errorf("estimates told = %v, want %v", done, want)
			}
			for _, name := range want {
				if done[name] == 0 || done[name] != total[name] {
					t.Errorf("%s: %d of %d cells told", name, done[name], total[name])
				}
			}
			if !sameRows(quiet.Premiums, told.Premiums) {
				t.Error("the premiums differ when Progress is set")
			}
		})
	}
}
