package transform_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// iso3166 are the 249 officially assigned ISO 3166-1 alpha-2 codes.
var iso3166 = strings.Fields(`AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
	BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER
	ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
	IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH
	MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN
	PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ
	TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`)

func TestDefaultRegionsCoverEveryCountryOnce(t *testing.T) {
	if len(iso3166) != 249 {
		t.Fatalf("%d codes listed, want 249", len(iso3166))
	}
	expanded, err := transform.DefaultRegions().Expand()
	if err != nil {
		t.Fatal(err)
	}
	in := map[string][]string{}
	for _, reg := range expanded {
		for _, cc := range reg.Countries {
			in[cc] = append(in[cc], reg.Name)
		}
	}
	for _, cc := range iso3166 {
		if got := in[cc]; len(got) != 1 {
			t.Errorf("%s is in %d default regions %q, want 1", cc, len(got), got)
		}
	}
	// The countries of the demo keep the regions they were listed in.
	for name, ccs := range map[string][]string{"North America": {"US", "CA"}, "Latin America": {"MX", "BR", "AR"},
		"Europe": {"DE", "FR", "GB", "NL", "IE", "ES", "PL", "SE", "CH"}, "Middle East & Africa": {"IL", "AE", "ZA"},
		"Asia-Pacific": {"IN", "JP", "AU", "SG"}} {
		for _, cc := range ccs {
			if got := in[cc]; !slices.Equal(got, []string{name}) {
				t.Errorf("%s is in %q, want %s", cc, got, name)
			}
		}
	}
}

func TestRegionsExpand(t *testing.T) {
	tests := []struct {
		name    string
		regions transform.Regions
		want    map[string]string // country → region
		path    string            // of the error, "" for none
	}{
		{"countries", transform.Regions{{Name: "A", Countries: []string{"DE", "FR"}}}, map[string]string{"DE": "A", "FR": "A", "US": ""}, ""},
		{"a group", transform.Regions{{Name: "Latin America", Countries: []string{"419"}}},
			map[string]string{"MX": "Latin America", "BR": "Latin America", "PR": "Latin America", "US": ""}, ""},
		{"a country beats its group", transform.Regions{{Name: "Europe", Countries: []string{"150"}}, {Name: "DACH", Countries: []string{"DE", "AT", "CH"}}},
			map[string]string{"FR": "Europe", "DE": "DACH", "CH": "DACH"}, ""},
		{"a narrower group beats a wider", transform.Regions{{Name: "Asia", Countries: []string{"142"}}, {Name: "Middle East", Countries: []string{"145"}}},
			map[string]string{"JP": "Asia", "IL": "Middle East", "TR": "Middle East"}, ""},
		{"a CLDR group", transform.Regions{{Name: "EU", Countries: []string{"EU"}}}, map[string]string{"DE": "EU", "NO": ""}, ""},
		{"a country in two regions", transform.Regions{{Name: "A", Countries: []string{"DE"}}, {Name: "B", Countries: []string{"DE"}}}, nil, "regions.B"},
		{"overlapping groups", transform.Regions{{Name: "A", Countries: []string{"EU"}}, {Name: "B", Countries: []string{"151"}}}, nil, "regions.B"},
		{"unknown code", transform.Regions{{Name: "A", Countries: []string{"999"}}}, nil, "regions.A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.regions.Expand()
			if tc.path != "" {
				var fe *data.FieldError
				if !errors.As(err, &fe) || fe.Path != tc.path {
					t.Fatalf("Expand() error %v, want one at %s", err, tc.path)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for cc, want := range tc.want {
				region := ""
				for _, reg := range got {
					if slices.Contains(reg.Countries, cc) {
						region = reg.Name
					}
				}
				if region != want {
					t.Errorf("%s is in %q, want %q", cc, region, want)
				}
			}
		})
	}
}

func TestResolvePlace(t *testing.T) {
	tests := []struct {
		name, hint, location string
		want                 transform.Place
	}{
		{"a country", "", "Berlin, Germany", transform.Place{Country: "DE"}},
		{"several countries", "", "Berlin; Austin, TX", transform.Place{Country: "DE", Others: []string{"US"}}},
		{"a list of countries", "", "LATAM,US,Remote,Canada,Mexico", transform.Place{Country: "CA", Others: []string{"MX", "US"}, Areas: []string{"latam"}}},
		{"countries by name", "", "Germany, France, Spain", transform.Place{Country: "DE", Others: []string{"FR", "ES"}}},
		{"a city and its state code is one country", "", "Cambridge, MA", transform.Place{Country: "US"}},
		{"EMEA", "", "EMEA", transform.Place{Areas: []string{"emea"}}},
		{"LATAM", "", "LATAM", transform.Place{Areas: []string{"latam"}}},
		{"APAC", "", "Remote - APAC", transform.Place{Areas: []string{"apac"}}},
		{"Europe", "", "Europe", transform.Place{Areas: []string{"europe"}}},
		{"Asia", "", "Asia", transform.Place{Areas: []string{"asia"}}},
		{"North America", "", "Remote (North America)", transform.Place{Areas: []string{"north america"}}},
		{"DACH", "", "DACH region", transform.Place{Areas: []string{"dach"}}},
		{"Nordics", "", "Nordics", transform.Place{Areas: []string{"nordics"}}},
		{"EU", "", "Remote - EU", transform.Place{Areas: []string{"eu"}}},
		{"remote,Asia", "", "remote,Asia", transform.Place{Areas: []string{"asia"}}},
		{"Remote,LATAM", "", "Remote,LATAM", transform.Place{Areas: []string{"latam"}}},
		{"two areas", "", "EMEA, APAC", transform.Place{Areas: []string{"apac", "emea"}}},
		{"areas in two places", "", "Europe or Asia", transform.Place{Areas: []string{"asia", "europe"}}},
		{"a country and an area", "", "US or Europe", transform.Place{Country: "US", Areas: []string{"europe"}}},
		{"a country beats its area", "", "Germany, Europe", transform.Place{Country: "DE"}},
		{"Remote", "", "Remote", transform.Place{Anywhere: true}},
		{"fully remote", "", "100% Remote", transform.Place{Anywhere: true}},
		{"Worldwide", "", "Worldwide", transform.Place{Anywhere: true}},
		{"Anywhere", "", "Anywhere", transform.Place{Anywhere: true}},
		{"Anywhere in the World", "", "Anywhere in the World", transform.Place{Anywhere: true}},
		{"an area beats anywhere", "", "Remote; Worldwide; EMEA", transform.Place{Areas: []string{"emea"}}},
		{"anywhere in a country", "", "Anywhere in the United States", transform.Place{Country: "US"}},
		{"a country hint beats an area", "CA", "Remote - North America", transform.Place{Country: "CA"}},
		{"an area hint", "EMEA", "Remote", transform.Place{Areas: []string{"emea"}}},
		{"a location country beats an area hint", "Worldwide", "Remote - Canada", transform.Place{Country: "CA"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := transform.ResolvePlace(tc.hint, tc.location)
			if err != nil || got.Country != tc.want.Country || !slices.Equal(got.Others, tc.want.Others) ||
				!slices.Equal(got.Areas, tc.want.Areas) || got.Anywhere != tc.want.Anywhere {
				t.Errorf("ResolvePlace(%q, %q) = %+v, %v; want %+v", tc.hint, tc.location, got, err, tc.want)
			}
		})
	}
	for _, location := range []string{"Atlantis", "Remote, Atlantis", "", "Hybrid"} {
		if got, err := transform.ResolvePlace("", location); !errors.Is(err, transform.ErrUnknownPlace) {
			t.Errorf("ResolvePlace(%q) = %+v, %v; want ErrUnknownPlace", location, got, err)
		}
	}
}

// TestPlaceRegions runs each form of place through the transform with the
// default regions and reads the listing's region and its note.
func TestPlaceRegions(t *testing.T) {
	tests := []placeCase{
		{"Berlin, Germany", "Europe", ""},
		{"Lagos, Nigeria", "Middle East & Africa", ""},
		{"Reykjavik, Iceland", "Europe", ""},
		{"Ulaanbaatar, Mongolia", "Asia-Pacific", ""},
		{"Port Moresby, Papua New Guinea", "Asia-Pacific", ""},
		{"EMEA", data.RegionMulti, "open in several regions (Europe, Middle East & Africa)"},
		{"LATAM", "Latin America", ""},
		{"APAC", "Asia-Pacific", ""},
		{"Europe", "Europe", ""},
		{"Asia", "Asia-Pacific", ""},
		{"North America", "North America", ""},
		{"DACH", "Europe", ""},
		{"Nordics", "Europe", ""},
		{"EU", "Europe", ""},
		{"Nicosia, Cyprus", "Europe", ""},
		{"Istanbul, Turkey", "Middle East & Africa", ""},
		{"Tehran, Iran", "Middle East & Africa", ""},
		{"Karachi, Pakistan", "Asia-Pacific", ""},
		{"Middle East", "Middle East & Africa", ""},
		{"Americas", data.RegionMulti, "open in several regions (North America, Latin America)"},
		{"Remote", data.RegionAnywhere, ""},
		{"Worldwide", data.RegionAnywhere, ""},
		{"Anywhere", data.RegionAnywhere, ""},
		{"Anywhere in the World", data.RegionAnywhere, ""},
		{"remote,Asia", "Asia-Pacific", ""},
		{"Remote,LATAM", "Latin America", ""},
		{"Remote - US or Europe", data.RegionMulti, "open in several regions (North America, Europe)"},
		{"Europe or Asia", data.RegionMulti, "open in several regions (Europe, Asia-Pacific)"},
		{"Berlin; London", "Europe", ""},
		{"LATAM,US,Remote,Canada,Mexico", data.RegionMulti, "open in several regions (North America, Latin America)"},
		{"Germany, France, Spain", "Europe", "several countries (DE, FR, ES)"},
		{"Atlantis", data.RegionUnknown, "unknown place"},
	}
	cfg := transform.DefaultConfig()
	res := checkPlaceRegions(t, cfg, tests)
	if got, want := res.Stats.Unplaced, 1; got != want {
		t.Errorf("%d unplaced, want %d (only Atlantis)", got, want)
	}
}

// TestPlaceOutsideRegions checks the region of countries and areas no
// configured region holds.
func TestPlaceOutsideRegions(t *testing.T) {
	cfg := transform.DefaultConfig()
	cfg.Regions = transform.Regions{{Name: "DACH", Countries: []string{"DE", "AT", "CH"}}, {Name: "Japan", Countries: []string{"JP"}}}
	tests := []placeCase{
		{"Toronto, ON", data.RegionOutside, "country CA is in no configured region"},
		{"LATAM", data.RegionOutside, "no country of LATAM is in a configured region"},
		{"Europe", "DACH", ""},
		{"EMEA, APAC", data.RegionMulti, "open in several regions (DACH, Japan)"},
		{"Remote", data.RegionAnywhere, ""},
	}
	res := checkPlaceRegions(t, cfg, tests)
	if got, want := res.Stats.Unplaced, 2; got != want {
		t.Errorf("%d unplaced, want %d (the two outside)", got, want)
	}
}

// placeCase is a posting's place and the region and note it should get.
type placeCase struct{ location, region, note string }

// checkPlaceRegions normalizes one Python posting per case under cfg and
// checks each one's region and note; it returns the result for the
// counts.
func checkPlaceRegions(t *testing.T, cfg transform.Config, tests []placeCase) transform.Result {
	t.Helper()
	var records []data.RawRecord
	for i, tc := range tests {
		records = append(records, raw(strings.Repeat("u", i+1), "Python Developer", "Acme", tc.location, ""))
	}
	res, err := transform.Normalize(t.Context(), cfg, records)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		l := res.Listings[i]
		if l.Region != tc.region || !strings.Contains(l.Notes, tc.note) {
			t.Errorf("%q: region %q, notes %q; want %q and a note %q", tc.location, l.Region, l.Notes, tc.region, tc.note)
		}
	}
	return res
}
