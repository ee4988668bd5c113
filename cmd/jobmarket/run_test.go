package main

import (
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func TestPlaceLosses(t *testing.T) {
	tests := []struct {
		name    string
		funnels []data.Funnel
		want    string
	}{
		{"none", []data.Funnel{{Source: "a", Unique: 5, InEstimate: 5}}, ""},
		{"summed over sources", []data.Funnel{{Source: "a", PlaceUnknown: 2, Anywhere: 3}, {Source: "b", PlaceUnknown: 1, MultiRegion: 4, NoRegion: 1, OutsideRegions: 2}},
			"3 place unknown, 1 outside every region, 2 in a region not estimated, 4 open in several regions, 3 open anywhere"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := placeLosses(tc.funnels); got != tc.want {
				t.Errorf("placeLosses = %q, want %q", got, tc.want)
			}
		})
	}
}
