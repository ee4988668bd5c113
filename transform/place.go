package transform

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownPlace is returned when a location names no country we know.
var ErrUnknownPlace = errors.New("unknown place")

// usStates and caProvinces resolve "Austin, TX" and "Toronto, ON"; they are
// read only after a city, since "CA" alone is Canada, not California.
var (
	usStates    = words("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY")
	caProvinces = words("AB BC MB NB NL NS NT NU ON PE QC SK YT")
)

// cityCountry knows the cities where most tech postings are; a city alone
// ("Berlin") is common on boards. Lower-case names.
var cityCountry = map[string]string{
	"new york": "US", "new york city": "US", "nyc": "US", "san francisco": "US", "seattle": "US", "austin": "US", "boston": "US", "chicago": "US",
	"los angeles": "US", "denver": "US", "atlanta": "US", "raleigh": "US", "portland": "US", "washington": "US", "san jose": "US",
	"toronto": "CA", "vancouver": "CA", "montreal": "CA", "montréal": "CA", "ottawa": "CA", "calgary": "CA", "waterloo": "CA",
	"mexico city": "MX", "ciudad de méxico": "MX", "guadalajara": "MX", "monterrey": "MX", "são paulo": "BR", "sao paulo": "BR", "rio de janeiro": "BR",
	"florianópolis": "BR", "buenos aires": "AR", "córdoba": "AR", "santiago": "CL", "bogotá": "CO", "bogota": "CO", "lima": "PE",
	"berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE", "frankfurt": "DE", "cologne": "DE", "köln": "DE", "stuttgart": "DE",
	"paris": "FR", "lyon": "FR", "toulouse": "FR", "london": "GB", "manchester": "GB", "edinburgh": "GB", "bristol": "GB", "cambridge": "GB",
	"amsterdam": "NL", "rotterdam": "NL", "utrecht": "NL", "eindhoven": "NL", "dublin": "IE", "cork": "IE", "galway": "IE",
	"madrid": "ES", "barcelona": "ES", "valencia": "ES", "warsaw": "PL", "kraków": "PL", "krakow": "PL", "wrocław": "PL", "wroclaw": "PL",
	"stockholm": "SE", "gothenburg": "SE", "malmö": "SE", "zurich": "CH", "zürich": "CH", "geneva": "CH", "basel": "CH", "lausanne": "CH",
	"vienna": "AT", "brussels": "BE", "copenhagen": "DK", "oslo": "NO", "helsinki": "FI", "lisbon": "PT", "porto": "PT", "prague": "CZ", "milan": "IT", "rome": "IT",
	"tel aviv": "IL", "haifa": "IL", "jerusalem": "IL", "dubai": "AE", "abu dhabi": "AE", "cape town": "ZA", "johannesburg": "ZA", "nairobi": "KE", "lagos": "NG", "cairo": "EG",
	"bengaluru": "IN", "bangalore": "IN", "pune": "IN", "hyderabad": "IN", "chennai": "IN", "mumbai": "IN", "delhi": "IN", "new delhi": "IN", "gurgaon": "IN", "noida": "IN",
	"tokyo": "JP", "osaka": "JP", "sydney": "AU", "melbourne": "AU", "brisbane": "AU", "singapore": "SG", "auckland": "NZ", "seoul": "KR", "shanghai": "CN", "beijing": "CN",
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ResolveCountry finds the ISO 3166-1 alpha-2 country of a posting from
// the country its structured data gives (a code or a name, may be empty)
// and the location text the board shows ("Austin, TX, USA", "Remote
// (Germany)", "Berlin"). It returns an error wrapping ErrUnknownPlace when
// neither names a country.
func ResolveCountry(countryHint, location string) (string, error) {
	if cc, ok := lookupCountry(countryHint); ok {
		return cc, nil
	}
	tokens := placeTokens(location)
	// A country name, alpha-3 code or alias, read from the end, where
	// boards put the country.
	for i := len(tokens) - 1; i >= 0; i-- {
		if len(tokens[i]) > 2 {
			if cc, ok := countryByName[strings.ToLower(tokens[i])]; ok {
				return cc, nil
			}
		}
	}
	for _, t := range tokens {
		if cc, ok := cityCountry[strings.ToLower(t)]; ok {
			return cc, nil
		}
	}
	// State or province codes after a city: "Austin, TX", "Toronto, ON".
	for i := len(tokens) - 1; i >= 1; i-- {
		switch t := tokens[i]; {
		case usStates[t]:
			return "US", nil
		case caProvinces[t]:
			return "CA", nil
		}
	}
	for i := len(tokens) - 1; i >= 0; i-- {
		if _, ok := countryByCode[tokens[i]]; ok {
			return tokens[i], nil
		}
	}
	if countryHint != "" {
		return "", fmt.Errorf("%w: country %q, location %q", ErrUnknownPlace, countryHint, location)
	}
	return "", fmt.Errorf("%w: location %q", ErrUnknownPlace, location)
}

func lookupCountry(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if _, ok := countryByCode[strings.ToUpper(s)]; ok && len(s) == 2 {
		return strings.ToUpper(s), true
	}
	cc, ok := countryByName[strings.ToLower(s)]
	return cc, ok
}

// placeTokens splits "Remote - Austin, TX (USA)" into its parts, dropping
// words that say how, not where, someone works.
func placeTokens(location string) []string {
	f := func(r rune) bool { return strings.ContainsRune(",;()/|·–—", r) }
	var out []string
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(location, " - ", ","), f) {
		part = strings.TrimSpace(part)
		switch strings.ToLower(part) {
		case "", "remote", "hybrid", "on-site", "onsite", "anywhere", "worldwide", "full-time", "part-time":
			continue
		}
		out = append(out, part)
	}
	return out
}

// isRemote reads the remote markers boards use.
func isRemote(marker, location string) bool {
	switch strings.ToLower(marker) {
	case "telecommute", "remote", "true", "yes":
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(location), func(r rune) bool {
		return !('a' <= r && r <= 'z')
	}) {
		if w == "remote" {
			return true
		}
	}
	return false
}
