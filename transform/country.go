package transform

import (
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryByCode holds every ISO 3166-1 alpha-2 code CLDR knows as a
// country, and countryByName every English name, alpha-3 code and common
// alias, lower-cased. Both come from golang.org/x/text so the tool knows
// every country, not only the ones the demo uses.
var (
	countryByCode = map[string]language.Region{}
	countryByName = map[string]string{}
)

// countryAliases are names people write that CLDR does not list.
var countryAliases = map[string]string{
	"usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US", "america": "US",
	"uk": "GB", "u.k.": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
	"deutschland": "DE", "the netherlands": "NL", "holland": "NL", "uae": "AE", "korea": "KR", "south korea": "KR",
	"czech republic": "CZ", "türkiye": "TR", "turkey": "TR", "españa": "ES", "brasil": "BR", "méxico": "MX",
	"schweiz": "CH", "suisse": "CH", "österreich": "AT", "россия": "RU", "hong kong": "HK", "mainland china": "CN",
}

func init() {
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != code {
				continue
			}
			countryByCode[code] = r
			countryByName[strings.ToLower(names.Name(r))] = code
			countryByName[strings.ToLower(r.ISO3())] = code
		}
	}
	for alias, code := range countryAliases {
		countryByName[alias] = code
	}
}

// currencyOf is the currency a country pays in, from CLDR; "" if unknown.
func currencyOf(country string) string {
	r, ok := countryByCode[country]
	if !ok {
		return ""
	}
	u, ok := currency.FromRegion(r)
	if !ok {
		return ""
	}
	return u.String()
}

// knownCurrency reports whether code is an ISO 4217 currency code.
func knownCurrency(code string) bool {
	_, err := currency.ParseISO(code)
	return err == nil
}
