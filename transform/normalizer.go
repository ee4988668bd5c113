package transform

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// maxPlaceCache bounds the memo of resolved places. Boards repeat a few
// thousand place strings, so this covers them while keeping memory flat
// on inputs of any size.
const maxPlaceCache = 1 << 16

// Normalizer turns raw records into listings one at a time, in source
// order, so a caller can stream records of any number through it: what it
// keeps grows only with the distinct postings duplicate detection must
// remember. It holds the compiled rules and is not safe for concurrent use.
type Normalizer struct {
	cfg        Config
	classifier *classifier
	regionOf   map[string]string
	dedupe     *dedupe
	places     map[[2]string]placeResult
	stats      Stats
	sourceIdx  map[string]int
	words      []uint64 // scratch: word hashes of title and description
	notes      []string // scratch: notes of the listing being built
}

type placeResult struct{ country, note, err string }

// New compiles cfg into a Normalizer. It fails when cfg does not validate.
func New(cfg Config) (*Normalizer, error) {
	cfg.applyDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := &Normalizer{cfg: cfg, classifier: newClassifier(cfg.Classify), regionOf: map[string]string{},
		dedupe: newDedupe(cfg.Duplicates), places: map[[2]string]placeResult{}, sourceIdx: map[string]int{}}
	for _, r := range cfg.Regions {
		for _, cc := range r.Countries {
			n.regionOf[cc] = r.Name
		}
	}
	return n, nil
}

// Stats returns the counts so far.
func (n *Normalizer) Stats() Stats {
	s := n.stats
	s.Sources = append([]SourceStats(nil), n.stats.Sources...)
	return s
}

// Normalize returns the listing a record becomes, or, with ok false, the
// reject it becomes instead.
func (n *Normalizer) Normalize(r *data.RawRecord) (l data.Listing, rej data.Reject, ok bool) {
	src := n.source(r.Source)
	n.stats.Records++
	src.Records++
	if rej, bad := rejectOf(r); bad {
		n.stats.Rejects++
		src.Rejects++
		return data.Listing{}, rej, false
	}
	l = n.listing(r)
	n.stats.Listings++
	src.Listings++
	switch {
	case l.SalaryCode == "":
		n.stats.WithPay++
		src.WithPay++
	case l.SalaryCode == data.SalaryCodeOutlier:
		n.stats.Outliers++
	default:
		n.stats.NoPay++
	}
	if l.SalarySource == data.PaySourceBoard {
		n.stats.BoardEstimates++
	}
	if l.Region == data.RegionUnknown {
		n.stats.Unplaced++
	}
	if l.DuplicateOf != "" {
		n.stats.Duplicates++
		src.Duplicates++
	}
	return l, data.Reject{}, true
}

func (n *Normalizer) source(name string) *SourceStats {
	i, ok := n.sourceIdx[name]
	if !ok {
		i = len(n.stats.Sources)
		n.sourceIdx[name] = i
		n.stats.Sources = append(n.stats.Sources, SourceStats{Source: name})
	}
	return &n.stats.Sources[i]
}

// listing normalizes one record that has a title.
func (n *Normalizer) listing(r *data.RawRecord) data.Listing {
	l := data.Listing{
		Source: r.Source, URL: r.URL, Title: unescape(r.Title), Company: unescape(r.Company), Location: r.Location,
		Region: data.RegionUnknown, Remote: isRemote(r.Remote, r.Location),
		SalaryMin: math.NaN(), SalaryMax: math.NaN(), SalaryAnnualUSD: math.NaN(),
	}
	n.notes = n.notes[:0]
	if day, quarter, err := postedDate(r.PostedDate); err != nil {
		n.notes = append(n.notes, err.Error())
	} else {
		l.PostedDate, l.Quarter = day, quarter
	}
	n.place(&l, r.Country)
	n.words = words(n.words[:0], l.Title, true)
	titleLen := len(n.words)
	n.words = words(n.words, r.Description, true)
	n.pay(&l, r, n.words[titleLen:])

	l.Role, l.RoleEvidence = n.classifier.classify(n.words, titleLen)
	l.Seniority = n.classifier.seniorityOf(n.words[:titleLen])

	in := dupInput{url: l.URL, seniority: l.Seniority}
	desc := n.words[titleLen:]
	if len(desc) >= n.cfg.Duplicates.MinTextWords && len(desc) > 0 {
		in.sim, in.hasSim = simHash(desc), true
	}
	// The scratch buffer is reused for the key's title, company and place.
	n.words = words(n.words[:0], titleKeyText(l.Title), true)
	in.title = foldHash(n.words, titleNoise, titleSynonyms)
	in.titleBits = wordBits(n.words)
	n.words = words(n.words[:0], l.Company, false)
	in.company = foldHash(n.words, legalSuffixes, nil)
	in.companyBits = wordBits(n.words)
	if l.Country != "" {
		in.place = wordHash(l.Country)
	} else {
		n.words = words(n.words[:0], l.Location, false)
		in.place = foldHash(n.words, nil, nil)
	}
	in.pay = makePayKey(l.SalaryMin, l.SalaryMax, l.SalaryCurrency, l.SalaryPeriod)
	dupOf, rule := n.dedupe.check(in)
	if dupOf != "" {
		l.DuplicateOf = dupOf
		if !strings.HasPrefix(rule, "same") {
			n.stats.NearDuplicates++
			n.notes = append(n.notes, "repeat by "+rule)
		}
	}
	l.Notes = strings.Join(n.notes, "; ")
	return l
}

// place resolves the listing's country and region.
func (n *Normalizer) place(l *data.Listing, hint string) {
	key := [2]string{hint, l.Location}
	pr, ok := n.places[key]
	if !ok {
		cc, note, err := resolvePlace(hint, l.Location)
		pr = placeResult{country: cc, note: note}
		if err != nil {
			pr.err = err.Error()
		}
		if len(n.places) < maxPlaceCache {
			n.places[key] = pr
		}
	}
	switch {
	case pr.err != "":
		n.notes = append(n.notes, pr.err)
		return
	case pr.note != "":
		n.notes = append(n.notes, pr.note)
	}
	l.Country = pr.country
	if region, ok := n.regionOf[pr.country]; ok {
		l.Region = region
	} else {
		n.notes = append(n.notes, fmt.Sprintf("country %s is in no configured region", pr.country))
	}
}

// pay reads, annualizes and converts the listing's pay.
func (n *Normalizer) pay(l *data.Listing, r *data.RawRecord, descWords []uint64) {
	pr := readPay(r, l.Country, descWords)
	l.SalaryText = pr.text
	if pr.salary.Currency != "" {
		l.SalaryMin, l.SalaryMax, l.SalaryCurrency, l.SalaryPeriod = pr.salary.Min, pr.salary.Max, pr.salary.Currency, string(pr.salary.Period)
		l.SalarySource = pr.source
	}
	if pr.code != "" {
		l.SalaryCode, l.SalaryNote = pr.code, pr.note
		return
	}
	n.notes = append(n.notes, pr.notes...)
	annual, err := n.cfg.AnnualUSD(pr.salary)
	switch {
	case err != nil:
		l.SalaryCode, l.SalaryNote = data.SalaryCodeNoRate, "unconvertible pay: "+err.Error()
	case n.cfg.Outlier(annual):
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
