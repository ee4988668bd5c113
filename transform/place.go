package transform

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// ErrUnknownPlace is returned when a place names no country we know.
var ErrUnknownPlace = errors.New("unknown place")

// ResolveCountry resolves a posting's place to an ISO 3166-1 alpha-2 code.
// countryHint is the country as structured data gives it (a code, a name
// in English or the country's own language, an alpha-3 code); location is
// the free-text place ("Austin, TX", "Remote - Canada", "Berlin,
// Deutschland", "Bengaluru, India"). The hint wins when it resolves. The
// error wraps ErrUnknownPlace when neither names a country.
func ResolveCountry(countryHint, location string) (string, error) {
	cc, _, err := resolvePlace(countryHint, location)
	return cc, err
}

// resolvePlace is ResolveCountry with a note on what had to be guessed:
// an ambiguous code, a place with several countries, a hint that
// disagrees with the location.
func resolvePlace(hint, location string) (cc, note string, err error) {
	hcc, ok := lookupCountry(hint)
	if !ok && strings.TrimSpace(hint) != "" {
		// A country field holding a place: "Berlin, DE", "Germany (DE)".
		hcc, _, err = resolveLocation(hint)
		ok = err == nil
	}
	if ok {
		if lcc, _, err := resolveLocation(location); err == nil && lcc != hcc {
			return hcc, fmt.Sprintf("location %q reads as %s, country field says %s", location, lcc, hcc), nil
		}
		return hcc, "", nil
	}
	cc, note, err = resolveLocation(location)
	if err != nil && strings.TrimSpace(hint) != "" {
		return "", "", fmt.Errorf("%w: country %q, location %q", ErrUnknownPlace, hint, location)
	}
	return cc, note, err
}

// LookupCountry reads a country named by itself, as structured data gives
// it: an ISO 3166-1 alpha-2 or alpha-3 code, or a name in English or in
// the country's own language ("DE", "DEU", "Germany", "Deutschland").
// Unlike ResolveCountry it reads no place around it ("Berlin, DE").
func LookupCountry(s string) (string, bool) { return lookupCountry(s) }

func lookupCountry(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", false
	case len(s) == 2:
		u := strings.ToUpper(s)
		if _, ok := countryByCode[u]; ok {
			return u, true
		}
		if u == "UK" {
			return "GB", true
		}
	case len(s) == 3 && strings.ToUpper(s) == s:
		if cc, ok := countryByISO3[s]; ok {
			return cc, true
		}
	case strings.Count(s, ".") >= 2 && len(s) <= 6:
		// "U.S.", "U.K.", "U.S.A."
		if cc := codeCountry(strings.ToUpper(strings.ReplaceAll(s, ".", ""))); cc != "" {
			return cc, true
		}
	}
	if pn, ok := placeNames[strings.Join(placeWords(s, nil), " ")]; ok && pn.kind == kindCountry {
		return pn.country, true
	}
	return "", false
}

// placeGroups splits a location naming several places ("Berlin; Paris",
// "London or Remote") into the places.
func placeGroups(location string) []string {
	return strings.FieldsFunc(strings.ReplaceAll(location, " or ", ";"), func(r rune) bool {
		return r == ';' || r == '|' || r == '•'
	})
}

// resolveLocation reads a free-text location. With several places, the
// first that resolves is used and the note says so.
func resolveLocation(location string) (string, string, error) {
	var first, firstNote string
	var others []string
	var lastErr error
	for _, g := range placeGroups(location) {
		cc, note, err := resolveOnePlace(g)
		switch {
		case err != nil:
			lastErr = err
		case first == "":
			first, firstNote = cc, note
		case cc != first:
			others = append(others, cc)
		}
	}
	switch {
	case first != "" && len(others) > 0:
		return first, joinNotes(firstNote, fmt.Sprintf("several places (%s, %s); first used", first, strings.Join(others, ", "))), nil
	case first != "":
		return first, firstNote, nil
	case lastErr != nil:
		return "", "", lastErr
	}
	return "", "", fmt.Errorf("%w: location %q", ErrUnknownPlace, location)
}

// placeMatch is a name or code found in a location.
type placeMatch struct {
	placeName
	name string // the words matched, lower case; the code for codes
	part int    // which comma-separated part of the location it is in
}

// resolveOnePlace reads one place. In order of trust: a country name (the
// last one, where boards put it); a city followed by a state or country
// code ("Cambridge, MA", "Berlin, DE"); a state or province name; a city;
// a state code after the first part ("Springfield, IL"); a country code;
// and a region name, which is not a country ("Remote - EU").
func resolveOnePlace(place string) (string, string, error) {
	var country, city, state, region *placeMatch
	var codes []placeMatch // upper-case codes: subdivision or country
	usSignal := false
	for pi, part := range placeParts(place) {
		raw := rawPlaceWords(part)
		ws := placeWords(part, nil)
		for i := 0; i < len(ws); {
			n := min(maxNameWords, len(ws)-i)
			for ; n > 0; n-- {
				name := strings.Join(ws[i:i+n], " ")
				pn, ok := placeNames[name]
				if !ok {
					continue
				}
				m := &placeMatch{pn, name, pi}
				switch pn.kind {
				case kindCountry:
					country = m
				case kindCity:
					if city == nil {
						city = m
					}
				case kindState:
					if state == nil {
						state = m
					}
				case kindRegion:
					region = m
				}
				usSignal = usSignal || pn.country == "US" && pn.kind != kindCountry
				break
			}
			if n > 0 {
				i += n
				continue
			}
			if i < len(raw) {
				if code := raw[i]; regionCodes[code] {
					region = &placeMatch{placeName{"", kindRegion}, code, pi}
				} else if isUpperCode(code) {
					codes = append(codes, placeMatch{name: code, part: pi})
					usSignal = usSignal || pi > 0 && len(subdivisions[code]) > 0 && subdivisions[code][0] == "US"
				}
			}
			i++
		}
	}
	if country != nil {
		if us, ok := ambiguousCountryNames[country.name]; ok && usSignal {
			return us, fmt.Sprintf("%q read as the US state", country.name), nil
		}
		return country.country, "", nil
	}
	if city != nil {
		for _, c := range codes {
			if c.part != city.part+1 {
				continue
			}
			if codeCountry(c.name) == city.country || slices.Contains(subdivisions[c.name], city.country) {
				return city.country, "", nil
			}
			if subs := subdivisions[c.name]; len(subs) > 0 {
				return subs[0], "", nil
			}
		}
	}
	if state != nil {
		return state.country, "", nil
	}
	if city != nil {
		return city.country, "", nil
	}
	for _, c := range codes {
		if subs := subdivisions[c.name]; len(subs) > 0 && c.part > 0 {
			sub := subs[0]
			if cc := codeCountry(c.name); cc != "" && cc != sub {
				return sub, fmt.Sprintf("%s read as a %s state or province code, not the country %s", c.name, sub, cc), nil
			}
			return sub, "", nil
		}
	}
	for i := len(codes) - 1; i >= 0; i-- {
		if cc := codeCountry(codes[i].name); cc != "" {
			return cc, "", nil
		}
	}
	if region != nil {
		return "", "", fmt.Errorf("%w: location %q names a region, not a country", ErrUnknownPlace, place)
	}
	return "", "", fmt.Errorf("%w: location %q", ErrUnknownPlace, place)
}

// codeCountry reads an upper-case alpha-2 or alpha-3 country code; "UK"
// is the United Kingdom.
func codeCountry(code string) string {
	switch len(code) {
	case 2:
		if _, ok := countryByCode[code]; ok {
			return code
		}
		if code == "UK" {
			return "GB"
		}
	case 3:
		return countryByISO3[code]
	}
	return ""
}

// isUpperCode: two or three upper-case ASCII letters.
func isUpperCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// placeParts splits a place at commas, brackets, slashes and dashes
// between words: "Remote - Austin, TX (USA)" → "Remote", "Austin", "TX",
// "USA".
func placeParts(place string) []string {
	return strings.FieldsFunc(strings.ReplaceAll(place, " - ", ","), func(r rune) bool {
		return strings.ContainsRune(",()/[]–—:", r)
	})
}

// placeWords appends to dst the lower-case words of s: letters and digits,
// with points and apostrophes dropped ("U.S.A." → "usa", "Ra'anana" →
// "raanana") and hyphens splitting ("Tel Aviv-Yafo").
func placeWords(s string, dst []string) []string {
	for _, w := range rawPlaceWords(s) {
		dst = append(dst, strings.ToLower(w))
	}
	return dst
}

// rawPlaceWords is placeWords with the case kept, so codes can be told
// from words ("IN" from "in").
func rawPlaceWords(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		case r == '.' || r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	return out
}

// remoteWords mark a remote posting in its location.
var remoteWords = func() *phraseSet {
	s := newPhraseSet()
	for _, w := range []string{"remote", "telecommute", "work from home", "wfh", "anywhere", "home office", "home based",
		"fully distributed"} {
		s.add(w, phraseRemote, 0)
	}
	return s
}()

// isRemote reads the remote markers boards use: a structured marker
// (schema.org TELECOMMUTE, Lever's workplaceType) or a word in the
// location.
func isRemote(marker, location string) bool {
	switch strings.ToLower(strings.TrimSpace(marker)) {
	case "telecommute", "remote", "true", "yes", "fully remote":
		return true
	}
	var buf [32]uint64
	ws := words(buf[:0], location, false)
	found := false
	for i := range ws {
		remoteWords.matches(ws, i, func(*phraseEntry) { found = true })
	}
	return found
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
