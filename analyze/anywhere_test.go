package analyze_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// anywhereListings are regionalListings with Asia-Pacific's postings open
// anywhere instead: 40 OpenStack and 40 Python postings in each of Europe,
// North America and Remote, anywhere.
func anywhereListings() []data.Listing {
	ls := regionalListings(7, 20)
	for i := range ls {
		if ls[i].Region == "Asia-Pacific" {
			ls[i].Region = data.RegionAnywhere
		}
	}
	return ls
}

func TestAnywhereRows(t *testing.T) {
	regions := []string{"Europe", "North America"}
	ls := anywhereListings()
	placed := slices.DeleteFunc(slices.Clone(ls), func(l data.Listing) bool { return l.Region == data.RegionAnywhere })
	tests := []struct {
		name       string
		include    bool
		listings   []data.Listing
		regions    []string
		nAll       int // OpenStack postings in All regions
		inEstimate int
		anywhere   int // the funnel's step
	}{
		{"left out of All regions", false, ls, append(slices.Clone(regions), data.RegionAnywhere), 80, 160, 80},
		{"pooled into All regions", true, ls, append(slices.Clone(regions), data.RegionAnywhere), 120, 240, 0},
		{"too few for a row", false, append(slices.Clone(placed), ls[len(ls)-5:]...), regions, 80, 160, 5},
		{"too few, pooled", true, append(slices.Clone(placed), ls[len(ls)-5:]...), regions, 82, 165, 0}, // 2 OpenStack, 3 Python
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg()
			c.RegionsIncludeAnywhere = tc.include
			res, err := analyze.Run(t.Context(), c, analyze.Input{Regions: regions, Listings: analyze.SliceStream(tc.listings)})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Regions, tc.regions) {
				t.Errorf("regions %q, want %q", res.Regions, tc.regions)
			}
			all := row(t, res.Premiums, data.RegionAll, data.QuarterAll, data.MethodRaw)
			if all.NOpenStack != tc.nAll {
				t.Errorf("All regions has %d OpenStack postings, want %d", all.NOpenStack, tc.nAll)
			}
			f := res.Funnel[0]
			if f.InEstimate != tc.inEstimate || f.Anywhere != tc.anywhere || f.Unique != f.InEstimate+f.Anywhere {
				t.Errorf("funnel %+v: want %d in the estimate and %d anywhere", f, tc.inEstimate, tc.anywhere)
			}
			last := res.Premiums[len(res.Premiums)-1]
			if hasRow := slices.Contains(tc.regions, data.RegionAnywhere); hasRow != (last.Region == data.RegionAnywhere) {
				t.Errorf("last row is %s, want a %s row: %v", last.Region, data.RegionAnywhere, hasRow)
			}
			if slices.Contains(tc.regions, data.RegionAnywhere) {
				if p := row(t, res.Premiums, data.RegionAnywhere, data.QuarterAll, data.MethodRaw); p.NOpenStack != 40 || p.NPython != 40 {
					t.Errorf("anywhere row n = %d, %d; want 40, 40", p.NOpenStack, p.NPython)
				}
			}
		})
	}
}

// TestAnywhereLeavesAllRegionsAlone: postings open anywhere, left out of
// All regions, do not move its raw rows.
func TestAnywhereLeavesAllRegionsAlone(t *testing.T) {
	regions := []string{"Europe", "North America"}
	ls := anywhereListings()
	placed := slices.DeleteFunc(slices.Clone(ls), func(l data.Listing) bool { return l.Region == data.RegionAnywhere })
	with, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	without, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(placed)})
	if err != nil {
		t.Fatal(err)
	}
	// The Holm family is every p-value of the table, so the rows open
	// anywhere, which have p-values too, rightly move the adjusted p.
	ownFamily := func(p data.Premium) data.Premium {
		p.PHolm = 0
		p.Detail, _, _ = strings.Cut(p.Detail, "; Holm-adjusted")
		return p
	}
	for _, m := range []string{data.MethodRaw, data.MethodMedian, data.MethodAdjusted} {
		if a, b := ownFamily(row(t, with.Premiums, data.RegionAll, data.QuarterAll, m)), ownFamily(row(t, without.Premiums, data.RegionAll, data.QuarterAll, m)); !samePremium(a, b) {
			t.Errorf("%s: All regions moved with postings open anywhere:\n%+v\n%+v", m, a, b)
		}
	}
}

func TestFunnelPlaceSteps(t *testing.T) {
	var ls []data.Listing
	for region, n := range map[string]int{"Europe": 2, data.RegionUnknown: 3, data.RegionOutside: 4, "Mars": 1,
		data.RegionMulti: 5, data.RegionAnywhere: 6} {
		for range n {
			ls = append(ls, listing(region, "2026Q3", data.RolePython, 100000))
		}
	}
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	want := data.Funnel{Source: "s", Fetched: 21, Parsed: 21, WithPay: 21, Classified: 21, Unique: 21,
		PlaceUnknown: 3, NoRegion: 4, OutsideRegions: 1, MultiRegion: 5, Anywhere: 6, InEstimate: 2}
	if len(res.Funnel) != 1 || !reflect.DeepEqual(res.Funnel[0], want) {
		t.Errorf("funnel = %+v, want %+v", res.Funnel, want)
	}
}

// TestFunnelUndated: postings in the estimate without a date (so without
// a quarter) are counted, and still estimated over all quarters.
func TestFunnelUndated(t *testing.T) {
	ls := []data.Listing{
		listing("Europe", "2026Q3", data.RolePython, 100000), listing("Europe", "", data.RolePython, 90000),
		listing("Europe", "", data.RoleOpenStack, 120000), listing(data.RegionUnknown, "", data.RolePython, 80000),
	}
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: []string{"Europe"}, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	want := data.Funnel{Source: "s", Fetched: 4, Parsed: 4, WithPay: 4, Classified: 4, Unique: 4, PlaceUnknown: 1, InEstimate: 3, Undated: 2}
	if len(res.Funnel) != 1 || !reflect.DeepEqual(res.Funnel[0], want) {
		t.Errorf("funnel = %+v, want %+v", res.Funnel, want)
	}
}
