package synth

import (
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/jobmarket/jobmarket/data"
)

// seenSize is how many recent records a Generator keeps to repeat: enough
// that repeats are spread out, few enough that memory stays flat.
const seenSize = 512

// Generator draws raw records one at a time. It keeps only the last
// seenSize records, for repeats, so a stream of any length costs the same
// memory. It is not safe for concurrent use.
type Generator struct {
	r    *rand.Rand
	i    int              // number of the next record, in its URL
	seen []data.RawRecord // recent records, for repeats
	buf  []byte           // scratch: the strings of the record being drawn
}

// New returns a generator; the same seed gives the same records, on any machine.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x73796e7468)), seen: make([]data.RawRecord, 0, seenSize),
		buf: make([]byte, 0, 4096)}
}

// Records draws n records.
func Records(n int, seed uint64) []data.RawRecord {
	g := New(seed)
	out := make([]data.RawRecord, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

// span is where one string of a record lies in Generator.buf.
type span struct{ start, end int }

// Next draws the next record (record i of the stream; i is counted internally).
func (g *Generator) Next() data.RawRecord {
	i := g.i
	g.i++
	if len(g.seen) > 0 && g.r.IntN(20) == 0 {
		return g.repeat(i)
	}
	rec := g.posting(i)
	if len(g.seen) < seenSize {
		g.seen = append(g.seen, rec)
	} else {
		g.seen[g.r.IntN(seenSize)] = rec
	}
	return rec
}

// repeat draws a recent posting again, as another board lists it or as its
// board reposts it.
func (g *Generator) repeat(i int) data.RawRecord {
	rec := g.seen[g.r.IntN(len(g.seen))]
	src := sources[g.r.IntN(len(sources))]
	rec.Source, rec.Kind = src.name, src.kind
	g.buf = appendURL(g.buf[:0], src.name, i)
	rec.URL = string(g.buf)
	return rec
}

// posting draws a new posting. Its strings are written into one buffer and
// cut from a single string, so a record costs one allocation.
func (g *Generator) posting(i int) data.RawRecord {
	r := g.r
	src := sources[i%len(sources)]
	place := places[r.IntN(len(places))]
	level := levels[r.IntN(len(levels))]
	title := titles[r.IntN(len(titles))]
	team := teams[r.IntN(len(teams))]
	lead := roleSentences[r.IntN(len(roleSentences))]
	rec := data.RawRecord{Source: src.name, Kind: src.kind, Location: place.location, Country: place.country,
		PayMin: math.NaN(), PayMax: math.NaN()}

	b := g.buf[:0]
	var url, titleText, company, desc, payText, date span
	url.start = len(b)
	b = appendURL(b, src.name, i)
	url.end, titleText.start = len(b), len(b)
	b = append(append(append(b, level.text...), title.text...), team...)
	titleText.end, company.start = len(b), len(b)
	b = append(append(b, companies[r.IntN(len(companies))]...), ' ')
	b = strconv.AppendInt(b, int64(r.IntN(400)), 10)
	b = append(b, companySuffixes[r.IntN(len(companySuffixes))]...)
	company.end = len(b)

	day, dateFormat := days[r.IntN(len(days))], r.IntN(3)
	if r.IntN(100) < 15 {
		rec.Remote = "TELECOMMUTE"
	}

	desc.start = len(b)
	b = lead.fill.appendTo(b, r)
	for range 4 + r.IntN(12) {
		b = genericSentences[r.IntN(len(genericSentences))].appendTo(append(b, ' '), r)
	}
	// Pay: structured 40%, as text 25%, only in the description 10%, none 25%.
	pay := payFactor(title.role|lead.role, level.factor, r)
	shape := r.IntN(100)
	if 65 <= shape && shape < 75 {
		b = append(b, " Compensation: "...)
		b = append(payTexts[r.IntN(len(payTexts))].appendTo(b, pay), '.')
	}
	desc.end, payText.start = len(b), len(b)
	switch {
	case shape < 40:
		g.structuredPay(&rec, place, pay)
	case shape < 65:
		b = payTexts[r.IntN(len(payTexts))].appendTo(b, pay)
	}
	payText.end = len(b)
	date.start = len(b)
	b = day.appendTo(b, dateFormat)
	date.end = len(b)

	block := string(b)
	g.buf = b
	cut := func(s span) string { return block[s.start:s.end] }
	rec.URL, rec.Title, rec.Company, rec.Description, rec.PayText, rec.PostedDate =
		cut(url), cut(titleText), cut(company), cut(desc), cut(payText), cut(date)
	switch x := r.IntN(1000); {
	case x < 5:
		rec.RejectReason = "broken JSON-LD: unexpected end of JSON input"
	case x < 7:
		rec.Title = ""
	}
	return rec
}

func appendURL(b []byte, source string, i int) []byte {
	b = append(append(append(b, "https://"...), source...), ".example/jobs/"...)
	return strconv.AppendInt(b, int64(i), 10)
}
