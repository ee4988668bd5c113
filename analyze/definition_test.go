package analyze_test

import (
	"slices"
	"testing"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
)

// TestSensitivityRows checks that an analysis told the definition labels
// its rows with it and appends the headline rows under the other one,
// whose groups count every posting that mentions OpenStack.
func TestSensitivityRows(t *testing.T) {
	ls := regionalListings(3, 20) // 40 OpenStack and 40 Python postings per region
	for i := range ls {
		switch ls[i].Role {
		case data.RoleOpenStack:
			ls[i].OpenStack, ls[i].Python = data.LevelCore, data.LevelNone
		case data.RolePython:
			// Every fourth Python role lists OpenStack: an OpenStack role
			// under the mention definition.
			ls[i].OpenStack, ls[i].Python = data.LevelNone, data.LevelCore
			if i%8 == 1 {
				ls[i].OpenStack = data.LevelListed
			}
		}
	}
	regions := []string{"Europe", "North America", "Asia-Pacific"}
	res, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls),
		Definition: data.DefinitionCore})
	if err != nil {
		t.Fatal(err)
	}
	var core, mention []data.Premium
	for _, p := range res.Premiums {
		switch p.Definition {
		case data.DefinitionCore:
			core = append(core, p)
		case data.DefinitionMention:
			mention = append(mention, p)
		default:
			t.Fatalf("row %s/%s/%s has definition %q", p.Region, p.Quarter, p.Method, p.Definition)
		}
	}
	if got, want := len(mention), 1+len(regions); got != want {
		t.Fatalf("%d sensitivity rows, want %d (one stratified row over all quarters per region)", got, want)
	}
	if res.Premiums[len(res.Premiums)-len(mention)].Definition != data.DefinitionMention {
		t.Errorf("the sensitivity rows do not come after every other row")
	}
	headline := row(t, core, data.RegionAll, data.QuarterAll, data.MethodStratified)
	sens := row(t, mention, data.RegionAll, data.QuarterAll, data.MethodStratified)
	if headline.NOpenStack != 120 || headline.NPython != 120 {
		t.Errorf("core: %d OpenStack, %d Python, want 120 and 120", headline.NOpenStack, headline.NPython)
	}
	if sens.NOpenStack != 120+30 || sens.NPython != 120-30 {
		t.Errorf("mention: %d OpenStack, %d Python, want 150 and 90", sens.NOpenStack, sens.NPython)
	}
	unset, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(ls)})
	if err != nil {
		t.Fatal(err)
	}
	if len(unset.Premiums) != len(core) || unset.Premiums[0].Definition != "" {
		t.Errorf("without a definition: %d rows (want %d), first labelled %q", len(unset.Premiums), len(core), unset.Premiums[0].Definition)
	}
	// The sensitivity sample computes its stratified rows alone; they are
	// the rows a full analysis under that definition publishes.
	relabeled := slices.Clone(ls)
	for i := range relabeled {
		relabeled[i].Role = data.RoleUnder(data.DefinitionMention, relabeled[i].OpenStack, relabeled[i].Python)
	}
	full, err := analyze.Run(t.Context(), cfg(), analyze.Input{Regions: regions, Listings: analyze.SliceStream(relabeled)})
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range append([]string{data.RegionAll}, regions...) {
		got := row(t, mention, region, data.QuarterAll, data.MethodStratified)
		var want data.Premium
		for _, p := range full.Premiums {
			if p.Region == region && p.Quarter == data.QuarterAll && p.Method == data.MethodStratified {
				want = p
			}
		}
		if got.Premium != want.Premium || got.CILow != want.CILow || got.CIHigh != want.CIHigh || got.PValue != want.PValue || got.NClusters != want.NClusters {
			t.Errorf("%s: sensitivity row %+v, the full analysis's %+v", region, got, want)
		}
	}
}
