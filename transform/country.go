package transform

import (
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// countryByCode holds every ISO 3166-1 alpha-2 code CLDR knows as a
// country; countryByName maps names to codes: every country's English
// name, its name in its own language ("Deutschland", "日本") and in the
// languages of the larger job markets ("Allemagne", "Alemania"), alpha-3
// codes and common aliases, lower-cased, with and without accents. All come
// from CLDR (golang.org/x/text), so the tool knows every country, not only
// the ones the demo uses.
//
// countryByISO3 maps alpha-3 codes ("DEU"); they are read only in upper
// case, since "can", "and" and "per" are also words.
var (
	countryByCode, countryByISO3 = buildCountryCodes()
	countryByName                = buildCountryNames()
	countryCodes                 = sortedKeys(countryByCode) // the codes of countryByCode, sorted
)

// nameLanguages are the languages whose country names are known besides
// English and each country's own language, in order of precedence when two
// languages give different countries the same name.
var nameLanguages = []string{"de", "fr", "es", "pt", "it", "nl", "pl", "sv", "da", "nb", "fi", "cs", "ja", "zh",
	"zh-Hant", "ko", "ru", "tr", "he", "ar", "hi", "id", "vi", "th", "uk", "ro", "hu", "el"}

// countryAliases are names people write that CLDR does not list.
var countryAliases = map[string]string{
	"usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US", "america": "US", "the united states": "US",
	"uk": "GB", "u.k.": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
	"northern ireland": "GB", "the uk": "GB", "the netherlands": "NL", "holland": "NL", "uae": "AE", "u.a.e.": "AE",
	"emirates": "AE", "korea": "KR", "republic of korea": "KR", "czech republic": "CZ", "turkey": "TR", "türkiye": "TR",
	"hong kong": "HK", "hong kong sar": "HK", "mainland china": "CN", "prc": "CN", "russian federation": "RU",
	"ivory coast": "CI", "viet nam": "VN", "the philippines": "PH", "ksa": "SA", "macedonia": "MK", "burma": "MM",
	"deutschland": "DE", "brasil": "BR", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "österreich": "AT",
	"belgique": "BE", "belgië": "BE", "polska": "PL", "españa": "ES", "méxico": "MX", "россия": "RU",
}

// ambiguousCountryNames are country names that are also names of US
// states; with another sign of the US in the place they mean the state.
var ambiguousCountryNames = map[string]string{"georgia": "US"}

func buildCountryCodes() (map[string]language.Region, map[string]string) {
	byCode, byISO3 := map[string]language.Region{}, map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != code {
				continue
			}
			byCode[code] = r
			byISO3[r.ISO3()] = code
		}
	}
	return byCode, byISO3
}

func buildCountryNames() map[string]string {
	byName := map[string]string{}
	add := func(name, code string, minRunes int) {
		name = strings.ToLower(strings.TrimSpace(name))
		if len([]rune(name)) < minRunes {
			return
		}
		for _, n := range []string{name, foldAccents(name)} {
			if _, taken := byName[n]; !taken {
				byName[n] = code
			}
		}
	}
	for _, alias := range sortedKeys(countryAliases) {
		add(alias, countryAliases[alias], 1)
	}
	codes := sortedKeys(countryByCode)
	english := display.English.Regions()
	for _, code := range codes {
		add(english.Name(countryByCode[code]), code, 1)
	}
	// A country's own language, then the others; names shorter than four
	// letters in other languages are too likely to be ordinary words.
	for _, code := range codes {
		r := countryByCode[code]
		if t, err := language.Raw.Compose(r); err == nil {
			if base, conf := t.Base(); conf >= language.High {
				if namer := display.Regions(language.Make(base.String())); namer != nil {
					add(namer.Name(r), code, 2)
				}
			}
		}
	}
	for _, lang := range nameLanguages {
		namer := display.Regions(language.MustParse(lang))
		if namer == nil {
			continue
		}
		for _, code := range codes {
			add(namer.Name(countryByCode[code]), code, 4)
		}
	}
	return byName
}

// foldAccents returns s without accents ("México" → "mexico", "Zürich" →
// "zurich"): combining marks are removed after decomposition. s is
// returned as is when it has none or cannot be folded.
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
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
