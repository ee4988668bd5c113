package transform

import (
	"html"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// maxPlaceCache bounds a worker's memo of resolved places. Boards repeat a
// few thousand place strings, so this covers them while keeping memory
// flat on inputs of any size.
const maxPlaceCache = 1 << 16

// worker does the part of normalization that depends on one record alone:
// pay, place, role, seniority and the duplicate key. It owns its scratch
// buffers and its memo of places, so NormalizeBatch gives each goroutine
// its own worker and they share only the read-only rules.
type worker struct {
	*rules
	places map[[2]string]placeResult
	words  []uint64 // scratch: word hashes of title and description
	role   roleScratch
	notes  []string // scratch: notes of the listing being built
}

// placeResult is what a place string resolves to, notes and all, so a
// place seen before costs one lookup and no allocation.
type placeResult struct {
	country, region string
	notes           [2]string // what had to be guessed or could not be settled
}

func newWorker(r *rules) *worker {
	return &worker{rules: r, places: map[[2]string]placeResult{}}
}

// listing sets *l to the listing r becomes, duplicate detection aside, and
// returns what duplicate detection needs of it. r must not be a reject.
func (w *worker) listing(r *data.RawRecord, l *data.Listing) dupInput {
	*l = data.Listing{
		Source: r.Source, URL: r.URL, Title: unescape(r.Title), Company: unescape(r.Company), Location: r.Location,
		Region: data.RegionUnknown, Remote: isRemote(r.Remote, r.Location),
		SalaryMin: math.NaN(), SalaryMax: math.NaN(), SalaryAnnualUSD: math.NaN(),
	}
	w.notes = w.notes[:0]
	if day, quarter, note, err := postedDate(r.PostedDate, r.FetchedAt, w.cfg.DateOrders[r.Source]); err != nil {
		w.notes = append(w.notes, err.Error())
	} else {
		l.PostedDate, l.Quarter = day, quarter
		if note != "" {
			w.notes = append(w.notes, note)
		}
	}
	w.place(l, r.Country)
	w.words = words(w.words[:0], l.Title, true)
	titleLen := len(w.words)
	w.words = words(w.words, r.Description, true)
	w.pay(l, r, w.words[titleLen:])

	lv := w.classifier.levels(&w.role, l.Title, r.Description)
	l.Role, l.RoleEvidence, l.OpenStack, l.Python = lv.Role, lv.Evidence, lv.OpenStack, lv.Python
	seniority := w.classifier.seniorityOf(w.words[:titleLen])
	l.Seniority = seniority.String()
	if seniority == 0 {
		// The duplicate key keeps the title's level: reposts that ask for
		// other years are still the same posting.
		fromText, note := w.classifier.textSeniority(&w.role)
		if fromText != 0 {
			l.Seniority = fromText.String()
			w.notes = append(w.notes, note)
		}
	}

	in := dupInput{url: l.URL, seniority: seniority}
	desc := w.words[titleLen:]
	if len(desc) >= w.cfg.Duplicates.MinTextWords && len(desc) > 0 {
		in.sim, in.hasSim = simHash(desc), true
	}
	// The scratch buffer is reused for the key's title, company and place.
	w.words = words(w.words[:0], titleKeyText(l.Title), true)
	in.title = foldHash(w.words, titleNoise, titleSynonyms)
	in.titleBits = wordBits(w.words)
	w.words = words(w.words[:0], l.Company, false)
	in.company = foldHash(w.words, legalSuffixes, nil)
	in.companyBits = wordBits(w.words)
	if l.Country != "" {
		in.place = wordHash(l.Country)
	} else {
		w.words = words(w.words[:0], l.Location, false)
		in.place = foldHash(w.words, nil, nil)
	}
	in.pay = makePayKey(l.SalaryMin, l.SalaryMax, l.SalaryCurrency, l.SalaryPeriod)
	l.Notes = strings.Join(w.notes, "; ")
	return in
}

// place resolves the listing's country and region.
func (w *worker) place(l *data.Listing, hint string) {
	key := [2]string{hint, l.Location}
	pr, ok := w.places[key]
	if !ok {
		pr = w.resolvePlace(hint, l.Location)
		if len(w.places) < maxPlaceCache {
			// Copies: a record's strings may point into the Arrow batch it
			// was read from, which a kept key would hold in memory whole.
			w.places[[2]string{strings.Clone(hint), strings.Clone(l.Location)}] = pr
		}
	}
	for _, note := range pr.notes {
		if note != "" {
			w.notes = append(w.notes, note)
		}
	}
	l.Country, l.Region = pr.country, pr.region
}

// resolvePlace resolves a place and names its region.
func (w *worker) resolvePlace(hint, location string) placeResult {
	p, note, err := resolvePlace(hint, location)
	if err != nil {
		return placeResult{region: data.RegionUnknown, notes: [2]string{err.Error()}}
	}
	pr := placeResult{country: p.Country, notes: [2]string{note}}
	if len(p.Others) > 0 {
		// Several countries: the posting's country, and so the currency
		// of its bare figures and "$", is none of them.
		pr.country = ""
		if note == "" {
			pr.notes[0] = severalNote(p)
		}
	}
	pr.region, pr.notes[1] = placeRegion(p, w.regionOf, w.regionNames)
	return pr
}

// pay reads, annualizes and converts the listing's pay.
func (w *worker) pay(l *data.Listing, r *data.RawRecord, descWords []uint64) {
	pr := readPay(r, l.Country, descWords, w.sourcePay[r.Source])
	l.SalaryText = pr.text
	if pr.salary.Currency != "" {
		l.SalaryMin, l.SalaryMax, l.SalaryCurrency, l.SalaryPeriod = pr.salary.Min, pr.salary.Max, pr.salary.Currency, string(pr.salary.Period)
		l.SalarySource = pr.source
	}
	if pr.code != "" {
		l.SalaryCode, l.SalaryNote = pr.code, pr.note
		return
	}
	w.notes = append(w.notes, pr.notes.all()...)
	annual, err := w.cfg.AnnualUSD(pr.salary, l.Quarter)
	switch {
	case err != nil:
		l.SalaryCode, l.SalaryNote = data.SalaryCodeNoRate, "unconvertible pay: "+err.Error()
	case w.cfg.Outlier(annual):
		l.SalaryAnnualUSD, l.SalaryCode, l.SalaryNote = annual, data.SalaryCodeOutlier, data.SalaryNoteOutlier
	default:
		l.SalaryAnnualUSD = annual
	}
}

// unescape decodes HTML entities boards leave in titles and names
// ("R&amp;D").
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}
