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

// Place is what a posting's place names: a country, areas of several
// countries ("EMEA", "Asia"), or anywhere ("Remote", "Worldwide").
type Place struct {
	// Country is the ISO 3166-1 alpha-2 code of the country named, the
	// first when several are ("Berlin; London"); "" when none is.
	Country string
	// Others are the further countries named, in order, without Country.
	Others []string
	// Areas are the areas named, sorted, as the gazetteer keys them
	// ("emea", "latam"): "Remote (EMEA, APAC)" names two.
	Areas []string
	// Anywhere is set when the place names no country and no area but says
	// the posting is open anywhere ("Remote", "Worldwide", "Anywhere in the
	// World").
	Anywhere bool
}

// Countries lists the countries the place names: its countries, then
// those of its areas, sorted, each once. It is empty for anywhere.
func (p Place) Countries() []string {
	var out []string
	if p.Country != "" {
		out = append(out, p.Country)
	}
	out = append(out, p.Others...)
	for _, a := range p.Areas {
		out = append(out, areaCountries[a]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ResolvePlace reads a posting's place: countryHint is the country as
// structured data gives it, location the free-text place, as for
// ResolveCountry. A country in the hint wins; in the location, a country
// wins over an area named in the same place ("Germany, Europe"), while an
// area named as another place ("US or Europe") is kept beside it. An area
// ("Remote - EU", "EMEA, APAC", "remote,Asia") wins over anywhere
// ("Remote", "Worldwide"). The error wraps ErrUnknownPlace when neither
// names anything known.
func ResolvePlace(countryHint, location string) (Place, error) {
	p, _, err := resolvePlace(countryHint, location)
	return p, err
}

// ResolveCountry resolves a posting's place to an ISO 3166-1 alpha-2 code.
// countryHint is the country as structured data gives it (a code, a name
// in English or the country's own language, an alpha-3 code); location is
// the free-text place ("Austin, TX", "Remote - Canada", "Berlin,
// Deutschland", "Bengaluru, India"). The hint wins when it resolves. The
// error wraps ErrUnknownPlace when neither names a country, also when
// they name only an area or anywhere (see ResolvePlace).
func ResolveCountry(countryHint, location string) (string, error) {
	p, _, err := resolvePlace(countryHint, location)
	switch {
	case err != nil:
		return "", err
	case p.Anywhere:
		return "", fmt.Errorf("%w: %q is open anywhere, not in a country", ErrUnknownPlace, location)
	case p.Country == "":
		return "", fmt.Errorf("%w: location %q names a region, not a country", ErrUnknownPlace, location)
	}
	return p.Country, nil
}

// resolvePlace is ResolvePlace with a note on what had to be guessed:
// an ambiguous code, a place with several countries, a hint that
// disagrees with the location.
func resolvePlace(hint, location string) (Place, string, error) {
	var hp Place
	hok := false
	if cc, ok := lookupCountry(hint); ok {
		hp, hok = Place{Country: cc}, true
	} else if strings.TrimSpace(hint) != "" {
		// A country field holding a place: "Berlin, DE", "Germany (DE)".
		var err error
		hp, _, err = resolveLocation(hint)
		hok = err == nil
	}
	if hok && hp.Country != "" {
		if lp, _, err := resolveLocation(location); err == nil && lp.Country != "" && lp.Country != hp.Country {
			return hp, fmt.Sprintf("location %q reads as %s, country field says %s", location, lp.Country, hp.Country), nil
		}
		return hp, "", nil
	}
	lp, note, err := resolveLocation(location)
	switch {
	case err == nil && (lp.Country != "" || !hok):
		return lp, note, nil
	case hok: // the hint names an area or anywhere, the location no country
		return hp, "", nil
	case strings.TrimSpace(hint) != "":
		return Place{}, "", fmt.Errorf("%w: country %q, location %q", ErrUnknownPlace, hint, location)
	}
	return Place{}, "", err
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
// first country is the place's Country and the note says so; the others,
// and any areas, are kept beside it.
func resolveLocation(location string) (Place, string, error) {
	var p Place
	var firstNote string
	var lastErr error
	for _, g := range placeGroups(location) {
		one, note, err := resolveOnePlace(g)
		switch {
		case err != nil:
			lastErr = err
		case one.Country == "":
			p.Areas = append(p.Areas, one.Areas...)
			p.Anywhere = p.Anywhere || one.Anywhere
		case p.Country == "":
			p.Country, firstNote = one.Country, note
			p.Others = append(p.Others, one.Others...)
			p.Areas = append(p.Areas, one.Areas...)
		default:
			for _, cc := range append([]string{one.Country}, one.Others...) {
				if cc != p.Country && !slices.Contains(p.Others, cc) {
					p.Others = append(p.Others, cc)
				}
			}
			p.Areas = append(p.Areas, one.Areas...)
		}
	}
	slices.Sort(p.Areas)
	p.Areas = slices.Compact(p.Areas)
	switch {
	case p.Country != "" || len(p.Areas) > 0:
		p.Anywhere = false
		if len(p.Others) > 0 {
			firstNote = joinNotes(firstNote, severalNote(p))
		}
		return p, firstNote, nil
	case p.Anywhere:
		return p, "", nil
	case lastErr != nil:
		return Place{}, "", lastErr
	}
	return Place{}, "", fmt.Errorf("%w: location %q", ErrUnknownPlace, location)
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
// then the areas it names ("Remote - EU", "EMEA, APAC"); and last a word
// for anywhere ("Worldwide") or only remote words ("Remote", "100%
// remote"), which make it open anywhere.
func resolveOnePlace(place string) (Place, string, error) {
	var country, city, state *placeMatch
	var named []string // the countries named by name, in order, each once
	var areas []string
	anywhere := false
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
					if !slices.Contains(named, pn.country) {
						named = append(named, pn.country)
					}
				case kindCity:
					if city == nil {
						city = m
					}
				case kindState:
					if state == nil {
						state = m
					}
				case kindRegion:
					areas = append(areas, name)
				case kindAnywhere:
					anywhere = true
				}
				usSignal = usSignal || pn.country == "US" && pn.kind != kindCountry
				break
			}
			if n > 0 {
				i += n
				continue
			}
			if i < len(raw) {
				if area, ok := regionCodes[raw[i]]; ok {
					areas = append(areas, area)
				} else if code := raw[i]; isUpperCode(code) {
					codes = append(codes, placeMatch{name: code, part: pi})
					usSignal = usSignal || pi > 0 && len(subdivisions[code]) > 0 && subdivisions[code][0] == "US"
				}
			}
			i++
		}
	}
	if len(named) > 1 {
		return severalCountries(named, codes, areas), "", nil
	}
	if country != nil {
		if us, ok := ambiguousCountryNames[country.name]; ok && usSignal {
			return Place{Country: us}, fmt.Sprintf("%q read as the US state", country.name), nil
		}
		return Place{Country: country.country}, "", nil
	}
	if city != nil {
		for _, c := range codes {
			if c.part != city.part+1 {
				continue
			}
			if codeCountry(c.name) == city.country || slices.Contains(subdivisions[c.name], city.country) {
				return Place{Country: city.country}, "", nil
			}
			if subs := subdivisions[c.name]; len(subs) > 0 {
				return Place{Country: subs[0]}, "", nil
			}
		}
	}
	if state != nil {
		return Place{Country: state.country}, "", nil
	}
	if city != nil {
		return Place{Country: city.country}, "", nil
	}
	for _, c := range codes {
		if subs := subdivisions[c.name]; len(subs) > 0 && c.part > 0 {
			sub := subs[0]
			if cc := codeCountry(c.name); cc != "" && cc != sub {
				return Place{Country: sub}, fmt.Sprintf("%s read as a %s state or province code, not the country %s", c.name, sub, cc), nil
			}
			return Place{Country: sub}, "", nil
		}
	}
	for i := len(codes) - 1; i >= 0; i-- {
		if cc := codeCountry(codes[i].name); cc != "" {
			return Place{Country: cc}, "", nil
		}
	}
	switch {
	case len(areas) > 0:
		slices.Sort(areas)
		return Place{Areas: slices.Compact(areas)}, "", nil
	case anywhere || remoteOnly(place):
		return Place{Anywhere: true}, "", nil
	}
	return Place{}, "", fmt.Errorf("%w: location %q", ErrUnknownPlace, place)
}

// severalNote says that a place names several countries and that no
// one of them is the posting's country.
func severalNote(p Place) string {
	return fmt.Sprintf("several countries (%s, %s): multi-country, no one country's currency assumed", p.Country, strings.Join(p.Others, ", "))
}

// severalCountries is a place that names several countries in one list
// ("LATAM,US,Remote,Canada,Mexico"): the countries named, then those of
// the country codes that are no state or province code, with the areas.
func severalCountries(named []string, codes []placeMatch, areas []string) Place {
	all := slices.Clone(named)
	for _, c := range codes {
		if cc := codeCountry(c.name); cc != "" && len(subdivisions[c.name]) == 0 && !slices.Contains(all, cc) {
			all = append(all, cc)
		}
	}
	slices.Sort(areas)
	return Place{Country: all[0], Others: all[1:], Areas: slices.Compact(areas)}
}

// remoteOnly reports whether a place says only that the work is remote:
// every word is one of remoteOnlyWords, and one of them says remote.
func remoteOnly(place string) bool {
	ws := placeWords(place, nil)
	remote := false
	for _, w := range ws {
		if !remoteOnlyWords[w] {
			return false
		}
		remote = remote || w == "remote" || w == "telecommute" || w == "wfh" || w == "home" || w == "distributed"
	}
	return remote
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
