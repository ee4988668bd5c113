package analyze_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// quarterly makes dated listings of two regions over four quarters, with
// a premium that grows by quarter.
func quarterly(seed uint64) []data.Listing {
	rng := rand.New(rand.NewPCG(seed, 7))
	quarters := []struct{ q, date string }{{"2025Q4", "2025-11-10"}, {"2026Q1", "2026-02-10"}, {"2026Q2", "2026-05-10"}, {"2026Q3", "2026-08-10"}}
	var ls []data.Listing
	for qi, q := range quarters {
		for _, region := range []string{"Europe", "North America"} {
			for i := range 90 {
				role, lp := data.RolePython, math.Log(100000)+0.3*rng.NormFloat64()
				if i%3 == 0 {
					role, lp = data.RoleOpenStack, lp+0.05*float64(qi+1)
				}
				l := listing(region, q.q, role, math.Round(math.Exp(lp)))
				l.PostedDate, l.Company = q.date, fmt.Sprint("c", rng.IntN(30))
				ls = append(ls, l)
			}
		}
	}
	return ls
}

// TestRunPeriodContext checks what an analysis limited to a quarter
// writes beside its own rows: the trend is the per-quarter rows of an
// analysis of every posting up to the quarter, and the previous quarter's
// rows are its rows of that trend, so the two agree to the digit.
func TestRunPeriodContext(t *testing.T) {
	ls := quarterly(1)
	regions := []string{"Europe", "North America"}
	q3, _ := data.ParseQuarter("2026Q3")
	out, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls), Period: q3})
	if err != nil {
		t.Fatal(err)
	}
	if out.Listings != 180 || out.Period != q3 || out.Context == nil {
		t.Fatalf("Run = %d listings, period %+v, context %v", out.Listings, out.Period, out.Context)
	}
	var upTo []data.Listing
	for _, l := range ls {
		if l.Quarter <= "2026Q3" {
			upTo = append(upTo, l)
		}
	}
	all, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(upTo)})
	if err != nil {
		t.Fatal(err)
	}
	var perQuarter []data.Premium
	for _, p := range all.Premiums {
		if p.Quarter != data.QuarterAll {
			perQuarter = append(perQuarter, p)
		}
	}
	if !sameRows(out.Context.Trend, perQuarter) {
		t.Error("the trend is not the per-quarter rows of an analysis of every posting up to the quarter")
	}
	if got := out.Context.Previous.Label(); got != "2026Q2" {
		t.Errorf("previous = %s, want 2026Q2", got)
	}
	prev := row(t, out.Context.PreviousRows, data.RegionAll, data.QuarterAll, data.MethodRaw)
	if trend := row(t, out.Context.Trend, data.RegionAll, "2026Q2", data.MethodRaw); prev.Premium != trend.Premium || prev.CILow != trend.CILow {
		t.Errorf("previous %v (%v) and its trend row %v (%v) differ", prev.Premium, prev.CILow, trend.Premium, trend.CILow)
	}
	row(t, out.Context.PreviousRows, data.RegionAll, "2026Q2/2026Q3", data.MethodChange)

	// The first quarter has nothing before it.
	q4, _ := data.ParseQuarter("2025Q4")
	first, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls), Period: q4})
	if err != nil {
		t.Fatal(err)
	}
	if c := first.Context; len(c.PreviousRows) != 0 || c.PreviousNote != "no postings in 2025Q3" {
		t.Errorf("previous of the first quarter: %d rows, note %q", len(c.PreviousRows), c.PreviousNote)
	}
}

// TestRunDates checks an analysis limited to dates with an open end: the
// end is the last posting date, the previous period is as many days
// before, and an empty period is ErrNoListings.
func TestRunDates(t *testing.T) {
	ls := quarterly(2)
	regions := []string{"Europe", "North America"}
	span, _ := data.ParseSpan("", "2026-05-01", "")
	out, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls), Period: span})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Period.Label(); got != "2026-05-01 to 2026-08-10" || out.Listings != 360 {
		t.Errorf("period %s with %d listings, want 2026-05-01 to 2026-08-10 with 360", got, out.Listings)
	}
	if got := out.Context.Previous.Label(); got != "2026-01-19 to 2026-04-30" {
		t.Errorf("previous = %s", got)
	}
	var before []data.Listing
	for _, l := range ls {
		if out.Context.Previous.Contains(&l) {
			before = append(before, l)
		}
	}
	want, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(before)})
	if err != nil {
		t.Fatal(err)
	}
	if !sameRows(out.Context.PreviousRows, want.Premiums) {
		t.Error("the previous period's rows are not an analysis of its postings")
	}
	empty, _ := data.ParseSpan("", "2027-01-01", "2027-02-01")
	if _, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls), Period: empty}); !errors.Is(err, analyze.ErrNoListings) {
		t.Errorf("Run of an empty period = %v, want ErrNoListings", err)
	}
	unlimited, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
	if err != nil || unlimited.Context != nil || !unlimited.Period.IsZero() {
		t.Errorf("an analysis of every posting has context %v, period %+v, %v", unlimited.Context, unlimited.Period, err)
	}
}

// sameRows compares rows with NaN equal to NaN.
func sameRows(a, b []data.Premium) bool {
	norm := func(rows []data.Premium) []data.Premium {
		out := make([]data.Premium, len(rows))
		for i, p := range rows {
			for _, f := range []*float64{&p.MedianOpenStackUSD, &p.MedianPythonUSD, &p.Premium, &p.CILow, &p.CIHigh,
				&p.LogGap, &p.SE, &p.PValue, &p.PHolm, &p.Explained, &p.Unexplained, &p.LargestEmployerShare} {
				if math.IsNaN(*f) {
					*f = -999
				}
			}
			out[i] = p
		}
		return out
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

// TestValidateFieldErrors checks that every problem is a data.FieldError
// at its full pipeline.yaml path, and that an explicit zero is taken as
// given: a seed of 0 is valid, 0 resamples are too few.
func TestValidateFieldErrors(t *testing.T) {
	c := analyze.DefaultConfig()
	c.Confidence, c.Bootstrap, c.MinGroupSize, c.MinEmployers = 0, 0, 0, 0
	c.Controls = []string{"seniority", "country", "shoe size"}
	var paths []string
	for _, fe := range data.FieldErrors(c.Validate()) {
		paths = append(paths, fe.Path)
	}
	want := []string{"analysis.confidence", "analysis.bootstrap", "analysis.min_group_size",
		"analysis.min_employers", "analysis.controls[2]"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("paths = %q, want %q", paths, want)
	}
	zero := analyze.DefaultConfig()
	zero.Seed, zero.Controls = 0, nil
	if err := zero.Validate(); err != nil {
		t.Errorf("seed 0 and no controls: %v", err)
	}
}
