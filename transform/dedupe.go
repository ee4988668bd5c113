package transform

import (
	"fmt"
	"math"
	"math/bits"
	"regexp"
	"strings"
)

// dedupe marks repeated postings as listings arrive in source order, so
// the copy on the board listed first in the config is the one kept. Two
// rules make a repeat:
//
//   - the key: the same employer, title and place (country, or the
//     location when the country is unknown) and compatible pay (equal, or
//     stated on one copy only);
//   - near-duplicate text: descriptions whose SimHashes differ in at most
//     MaxTextDistance bits, in the same place, from the same employer or
//     under the same title, with the other of the two mostly the same
//     words ("Acme" and "Acme Cloud"; "Python Engineer" and "Python
//     Engineer (Backend)"), compatible pay and no conflicting seniority.
//     The word test keeps apart the distinct jobs an employer posts with
//     one boilerplate text ("Python Engineer" and "Java Engineer").
//
// Near-duplicates are looked up by scope: the employer and place, and the
// title and place. Each scope keeps the SimHashes of its postings side by
// side, so comparing a description with a thousand earlier ones is a
// thousand popcounts over contiguous memory; only a hash within
// MaxTextDistance bits leads to the kept posting itself.
//
// Only kept postings are remembered, so memory grows with the number of
// distinct postings, not of records.
type dedupe struct {
	maxDist, minWords int
	byKey             hashIndex // dupKey → latest kept posting with this key
	byScope           hashIndex // scope hash → index into scopes
	scopes            chunkList[textScope]
	kept              chunkList[keptPosting]
	urls              arena // URLs of kept postings
}

// dupKey is the hash of company, title and place. Two different keys
// share it with probability about 2⁻⁶⁴ per pair, as for words.
type dupKey uint64

func makeDupKey(company, title, place uint64) dupKey {
	return dupKey(mix64(company ^ mix64(title^mix64(place))))
}

// textScopes returns the hashes of a posting's two scopes: employer and
// place (0 when there is no employer), title and place.
func textScopes(in *dupInput) [2]uint64 {
	place := mix64(in.place)
	var byCompany uint64
	if in.company != 0 {
		byCompany = mix64(in.company ^ place ^ 0x636f6d70616e79) // "company"
	}
	return [2]uint64{byCompany, mix64(in.title ^ place ^ 0x7469746c65)} // "title"
}

// keptPosting is what later postings are compared with. It holds no
// pointers (the URL lives in an arena), so the garbage collector never
// scans the millions of them a large input leaves, and it is 56 bytes,
// since ten million of them must fit beside the rest of the stage in the
// 2 GB a 10M-record run is allowed (docs/performance.md). Its SimHash is
// kept only in its scopes (textScope), the one place that reads it.
type keptPosting struct {
	url                    int64 // offset in dedupe.urls
	pay                    payKey
	company, title         uint64 // foldHash of the fields
	titleBits, companyBits uint64 // word sets, one bit per word
	nextKey                int32  // next kept posting with the same key, -1 at the end
	seniority              seniority
}

// payKey is stated pay as the key compares it: a hash of the figures, the
// currency and the period (first letter: H, D, W, M, Y); 0 when no figure
// is stated. Two different pays share a hash with probability about 2⁻⁶⁴,
// as two different keys do.
type payKey uint64

func makePayKey(lo, hi float64, currency, period string) payKey {
	if math.IsNaN(lo) && math.IsNaN(hi) {
		return 0
	}
	var unit uint64
	for i := range min(3, len(currency)) {
		unit |= uint64(currency[i]) << (8 * i)
	}
	if period != "" {
		unit |= uint64(period[0]) << 24
	}
	h := mix64(mix64(mix64(figureBits(lo))^figureBits(hi)) ^ unit)
	return payKey(max(h, 1))
}

// figureBits is x as the pay key compares it: equal figures (−0 and 0
// too) give equal bits, and every NaN the same bits.
func figureBits(x float64) uint64 {
	switch {
	case math.IsNaN(x):
		return 0x7ff8000000000001
	case x == 0:
		return 0
	}
	return math.Float64bits(x)
}

// compatible reports whether two postings' pays allow them to be one job:
// equal, or stated on one of them only.
func (a payKey) compatible(b payKey) bool { return a == 0 || b == 0 || a == b }

// dupInput is what dedupe needs of a listing.
type dupInput struct {
	url                   string
	company, title, place uint64 // hashes of the folded fields; company 0 when empty
	pay                   payKey
	sim                   uint64
	titleBits             uint64 // wordBits of the title and company
	companyBits           uint64
	hasSim                bool
	seniority             seniority
}

// wordBits sets one of 64 bits per word: a set of a few words that two
// sets can be compared by (mostlySame).
func wordBits(ws []uint64) uint64 {
	var b uint64
	for _, w := range ws {
		b |= 1 << (w >> 58)
	}
	return b
}

// mostlySame reports whether two word sets share at least half their
// words; an empty set (no company given) agrees with any.
func mostlySame(a, b uint64) bool {
	if a == 0 || b == 0 {
		return true
	}
	return 2*bits.OnesCount64(a&b) >= bits.OnesCount64(a|b)
}

func newDedupe(cfg Duplicates) *dedupe {
	return &dedupe{maxDist: cfg.MaxTextDistance, minWords: cfg.MinTextWords}
}

// reserve sizes the tables for about n postings, so they do not grow
// step by step.
func (d *dedupe) reserve(n int) {
	if d.kept.len() > 0 {
		return
	}
	d.byKey.reserve(n)
	d.byScope.reserve(n)
}

// check returns the URL of the kept posting in repeats and the rule that
// matched, or "" when in is new; a new posting is remembered.
func (d *dedupe) check(in *dupInput) (dupOf, rule string) {
	key := makeDupKey(in.company, in.title, in.place)
	if in.company != 0 {
		for i := d.head(key); i >= 0; i = d.kept.at(i).nextKey {
			if k := d.kept.at(i); k.pay.compatible(in.pay) {
				return d.urls.get(k.url), "same company, title, place and pay"
			}
		}
	}
	scopes := textScopes(in)
	if in.hasSim && d.maxDist >= 0 {
		for _, scope := range scopes {
			si, ok := d.byScope.get(scope)
			if scope == 0 || !ok {
				continue
			}
			if k, dist, ok := d.match(d.scopes.at(si), in); ok {
				return d.urls.get(k.url), fmt.Sprintf("near-duplicate description (SimHash distance %d)", dist)
			}
		}
	}
	d.remember(in, key, scopes)
	return "", ""
}

// near reports whether a kept posting with SimHash sim and a new one are
// the same job by their text, and the distance of their SimHashes.
func (d *dedupe) near(k *keptPosting, sim uint64, in *dupInput) (int, bool) {
	sameWho := k.company == in.company && in.company != 0 && mostlySame(k.titleBits, in.titleBits) ||
		k.title == in.title && mostlySame(k.companyBits, in.companyBits)
	if !sameWho || !k.pay.compatible(in.pay) || k.seniority != in.seniority && k.seniority != 0 && in.seniority != 0 {
		return 0, false
	}
	dist := hamming(sim, in.sim)
	return dist, dist <= d.maxDist
}

func (d *dedupe) remember(in *dupInput, key dupKey, scopes [2]uint64) {
	idx := d.kept.len()
	k := keptPosting{url: d.urls.add(in.url), pay: in.pay, company: in.company, title: in.title,
		titleBits: in.titleBits, companyBits: in.companyBits, seniority: in.seniority, nextKey: -1}
	if in.company != 0 {
		k.nextKey = d.head(key)
		d.byKey.set(uint64(key), idx)
	}
	d.kept.add(k)
	if !in.hasSim || d.maxDist < 0 {
		return
	}
	for _, scope := range scopes {
		if scope == 0 {
			continue
		}
		si, ok := d.byScope.get(scope)
		if !ok {
			si = d.scopes.add(textScope{})
			d.byScope.set(scope, si)
		}
		d.scopes.at(si).add(in.sim, idx)
	}
}

func (d *dedupe) head(k dupKey) int32 {
	if i, ok := d.byKey.get(uint64(k)); ok {
		return i
	}
	return -1
}

// legalSuffixes are words of a company name that do not tell employers
// apart ("Acme GmbH" is "Acme").
var legalSuffixes = hashSet("inc", "incorporated", "llc", "llp", "ltd", "limited", "gmbh", "ag", "se", "sa", "sas",
	"sarl", "srl", "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company", "pty", "ab", "as", "asa", "oy",
	"kk", "kg", "the", "group", "holding", "holdings")

// titleSynonyms fold the abbreviations of title words.
var titleSynonyms = map[uint64]uint64{
	wordHash("sr"): wordHash("senior"), wordHash("snr"): wordHash("senior"), wordHash("jr"): wordHash("junior"),
	wordHash("dev"): wordHash("developer"), wordHash("eng"): wordHash("engineer"), wordHash("mgr"): wordHash("manager"),
}

// titleNoise are words that do not change the job: "and" ("Payments &
// Billing" is "Payments and Billing").
var titleNoise = hashSet("and", "und", "et")

// genderMarker matches the gender markers German and French titles carry:
// "(m/w/d)", "(f/m/x)", "(h/f)", "(all genders)".
var genderMarker = regexp.MustCompile(`(?i)\(\s*(?:[mwdfxhi](?:\s*/\s*[mwdfxhi])+|all genders|gn\*?)\s*\)`)

// titleKeyText is the title as the duplicate key reads it: without a
// gender marker.
func titleKeyText(title string) string {
	if strings.IndexByte(title, '(') < 0 || strings.IndexByte(title, '/') < 0 && !strings.Contains(title, "gender") &&
		!strings.Contains(title, "gn") {
		return title
	}
	return genderMarker.ReplaceAllString(title, " ")
}

func hashSet(words ...string) map[uint64]bool {
	m := make(map[uint64]bool, len(words))
	for _, w := range words {
		m[wordHash(w)] = true
	}
	return m
}

// foldHash combines the word hashes of a field into one, skipping words in
// skip and folding synonyms; 0 when no word is left.
func foldHash(ws []uint64, skip map[uint64]bool, synonyms map[uint64]uint64) uint64 {
	h, n := uint64(fnvOffset), 0
	for _, w := range ws {
		if skip[w] {
			continue
		}
		if s, ok := synonyms[w]; ok {
			w = s
		}
		h = mix64(h ^ w)
		n++
	}
	if n == 0 {
		return 0
	}
	return h
}
