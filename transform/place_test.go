package transform_test

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/jobmarket/jobmarket/transform"
)

func TestResolveCountry(t *testing.T) {
	tests := []struct {
		name, hint, location, want string
	}{
		{"code hint", "DE", "Berlin", "DE"},
		{"name hint", "Germany", "", "DE"},
		{"own-language hint", "Deutschland", "", "DE"},
		{"French hint", "Allemagne", "", "DE"},
		{"alpha-3 hint", "DEU", "", "DE"},
		{"dotted hint", "U.S.", "", "US"},
		{"place in the country field", "Berlin, DE", "", "DE"},
		{"hint wins over location", "US", "Berlin, Germany", "US"},
		{"city and state code", "", "Austin, TX", "US"},
		{"city, state, country", "", "Austin, TX, USA", "US"},
		{"province code", "", "Toronto, ON", "CA"},
		{"province name", "", "Toronto, Ontario", "CA"},
		{"Canadian London", "", "London, ON", "CA"},
		{"US Cambridge", "", "Cambridge, MA", "US"},
		{"UK Cambridge", "", "Cambridge, UK", "GB"},
		{"state name beats a foreign city", "", "Paris, Texas", "US"},
		{"Georgia the state", "", "Atlanta, Georgia", "US"},
		{"Georgia the country", "", "Tbilisi, Georgia", "GE"},
		{"country code after a city", "", "Bonn, DE", "DE"},
		{"state code after an unknown city", "", "Wilmington, DE", "US"},
		{"Australian WA", "", "Perth, WA", "AU"},
		{"Australian state code", "", "Melbourne, VIC, Australia", "AU"},
		{"remote in a country", "", "Remote (Germany)", "DE"},
		{"remote dash country", "", "Remote - Canada", "CA"},
		{"remote in words", "", "Anywhere in the United States", "US"},
		{"remote US only", "", "Remote (US only)", "US"},
		{"own-language country", "", "Berlin, Deutschland", "DE"},
		{"own-language city", "", "München, Bayern, Deutschland", "DE"},
		{"accents", "", "Zürich", "CH"},
		{"accents dropped", "", "Zurich, Switzerland", "CH"},
		{"French Swiss", "", "Genève, Suisse", "CH"},
		{"Brazil", "", "São Paulo - SP, Brasil", "BR"},
		{"Mexico", "", "Ciudad de México, México", "MX"},
		{"Japanese", "", "東京都", "JP"},
		{"Korean", "", "서울", "KR"},
		{"Bengaluru", "", "Bengaluru", "IN"},
		{"Indian state", "", "Hyderabad, Telangana, India", "IN"},
		{"UK", "", "London, UK", "GB"},
		{"UAE", "", "Dubai, UAE", "AE"},
		{"postcode", "", "New York, NY 10001", "US"},
		{"several places", "", "Berlin; London", "DE"},
		{"either country", "", "Remote (Canada or USA)", "CA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := transform.ResolveCountry(tc.hint, tc.location)
			if err != nil || got != tc.want {
				t.Errorf("ResolveCountry(%q, %q) = %q, %v; want %q", tc.hint, tc.location, got, err, tc.want)
			}
		})
	}
}

func TestResolveCountryUnknown(t *testing.T) {
	tests := []struct{ name, location, reason string }{
		{"fiction", "Atlantis", ""},
		{"fiction with a word", "Planet Express HQ", ""},
		{"empty", "", ""},
		{"remote only", "Remote", ""},
		{"a region", "Remote - EU", "names a region"},
		{"a region word", "EMEA", "names a region"},
		{"worldwide", "Worldwide", "open anywhere"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := transform.ResolveCountry("", tc.location)
			if !errors.Is(err, transform.ErrUnknownPlace) || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("ResolveCountry(%q) = %q, %v; want ErrUnknownPlace saying %q", tc.location, got, err, tc.reason)
			}
		})
	}
}

// largestJobMarkets are the 60 countries with the most tech postings we
// promise to know by their English name and their name in their own
// language.
var largestJobMarkets = strings.Fields(`US CN JP DE IN GB FR IT BR CA RU KR AU ES MX ID NL SA TR CH PL TW BE SE AR IE AT
	NO IL AE TH SG NG ZA DK PH MY EG VN BD CO HK CL FI RO CZ PT NZ PE PK GR KZ HU UA QA KW MA KE SK LU`)

func TestResolveCountryNamesOfLargestMarkets(t *testing.T) {
	if len(largestJobMarkets) != 60 {
		t.Fatalf("%d markets listed", len(largestJobMarkets))
	}
	for _, cc := range largestJobMarkets {
		r := language.MustParseRegion(cc)
		names := []string{display.English.Regions().Name(r)}
		if tag, err := language.Raw.Compose(r); err == nil {
			if base, conf := tag.Base(); conf >= language.High {
				if n := display.Regions(language.Make(base.String())); n != nil {
					names = append(names, n.Name(r))
				}
			}
		}
		for _, name := range names {
			for _, loc := range []string{name, "Remote - " + name, strings.ToUpper(name)} {
				if got, err := transform.ResolveCountry("", loc); got != cc {
					t.Errorf("ResolveCountry(%q) = %q, %v; want %s", loc, got, err, cc)
				}
			}
			if got, err := transform.ResolveCountry(name, ""); got != cc {
				t.Errorf("ResolveCountry(hint %q) = %q, %v; want %s", name, got, err, cc)
			}
		}
	}
}
