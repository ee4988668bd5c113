package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// Sizes of the snapshot. Every board's count includes the copies of
// postings first published on an earlier board and, for cloudjobs, the
// broken pages.
const (
	cloudRecords      = 3000
	leverRecords      = 2000
	pyRecords         = 2500
	crossPostsPerPair = 120 // per (earlier, later) board pair: ~5% of postings in all
	numUnknownPlaces  = 10
	numOneTime        = 2
)

// Shares used when drawing a posting.
const (
	shareRemote          = 0.15
	shareWithPay         = 0.75
	shareOpenStackNoWord = 0.10 // OpenStack roles named only by their projects
	shareTrap            = 0.15 // Python and other roles with one project word as an English word
	shareListsOpenStack  = 0.35 // Python and other roles that list OpenStack among other technologies
	shareListsPython     = 0.30 // other roles that list Python among other languages
	leverCompanyWeight   = 3    // Lever companies post more, so cross-posting to Lever is possible
	postingDays          = 365  // days from startDate: 2025-10-01 .. 2026-09-30
)

// startDate is the first posting date; posting dates are uniform over the
// following 365 days (quarters 2025Q4..2026Q3).
var startDate = time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)

// Role mix (OpenStack, Python, other) of the postings each board publishes
// first. cloudjobs leans to cloud roles, pyjobs to Python; overall about
// 35/45/20.
var roleWeights = map[board][]float64{
	boardCloud: {48, 32, 20},
	boardLever: {35, 45, 20},
	boardPy:    {20, 60, 20},
}

var unknownPlaces = []string{"Atlantis", "Planet Express HQ", "Lilliput", "Brigadoon", "Xanadu Station"}

// generator draws the postings from one random source in a fixed order.
type generator struct {
	r         *rand.Rand
	companies []*company
	lever     []*company
	postings  []*posting
	seen      map[string]bool // company|title|country keys already used
	unknowns  int
	err       error
}

// pcgStream is the fixed second word of the PCG seed.
const pcgStream = 0x6a6f626d61726b74 // "jobmarkt"

// generate draws the whole snapshot's postings for a seed.
func generate(seed uint64) ([]*posting, error) {
	g := &generator{r: rand.New(rand.NewPCG(seed, pcgStream)), seen: make(map[string]bool)}
	g.companies = newCompanies(g.r)
	for _, c := range g.companies {
		if c.lever {
			g.lever = append(g.lever, c)
		}
	}
	copiesTo := map[board]int{boardLever: crossPostsPerPair, boardPy: 2 * crossPostsPerPair}
	g.publish(boardCloud, cloudRecords,
		specialTrailingComma, specialTrailingComma, specialTrailingComma, specialTrailingComma,
		specialTruncated, specialTruncated, specialTruncated, specialTruncated,
		specialNoJSONLD, specialNoJSONLD, specialOutlierLow, specialOutlierHigh)
	leverSpecials := []special{specialOutlierLow, specialOutlierHigh}
	for range numOneTime {
		leverSpecials = append(leverSpecials, specialOneTime)
	}
	g.publish(boardLever, leverRecords-copiesTo[boardLever], leverSpecials...)
	pySpecials := []special{specialOutlierLow, specialOutlierHigh}
	for range numUnknownPlaces {
		pySpecials = append(pySpecials, specialUnknownPlace)
	}
	g.publish(boardPy, pyRecords-copiesTo[boardPy], pySpecials...)
	g.crossPost(boardCloud, boardLever, crossPostsPerPair)
	g.crossPost(boardCloud, boardPy, crossPostsPerPair)
	g.crossPost(boardLever, boardPy, crossPostsPerPair)
	g.assignIDs()
	return g.postings, g.err
}

// publish draws n postings first published on b; specials go to random
// positions among them.
func (g *generator) publish(b board, n int, specials ...special) {
	kinds := make([]special, n)
	for i, pos := range g.r.Perm(n)[:len(specials)] {
		kinds[pos] = specials[i]
	}
	for _, sp := range kinds {
		g.postings = append(g.postings, g.newPosting(b, sp))
	}
}

func (g *generator) newPosting(b board, sp special) *posting {
	r := g.r
	p := &posting{seq: len(g.postings), board: b, special: sp}
	switch sp {
	case specialOutlierLow, specialOutlierHigh, specialOneTime, specialUnknownPlace:
		// Roles that would matter if the pipeline failed to exclude them.
		p.role = []role{roleOpenStack, rolePython}[r.IntN(2)]
	default:
		p.role = []role{roleOpenStack, rolePython, roleOther}[pick(r, roleWeights[b])]
	}
	j := g.pickJob(p.role)
	p.company = g.pickCompany(b)
	if p.role != roleOpenStack && !j.namesProject {
		p.listsOpenStack = r.Float64() < shareListsOpenStack
		p.listsPython = p.role == roleOther && r.Float64() < shareListsPython
	}

	c := &countries[pick(r, countryWeights())]
	if sp == specialOutlierLow || sp == specialOutlierHigh || sp == specialUnknownPlace {
		c = countryByCode("US") // USD pay
	}
	if sp == specialUnknownPlace {
		p.place = unknownPlaces[g.unknowns%len(unknownPlaces)]
		g.unknowns++
	} else {
		p.country = c
		p.remote = r.Float64() < shareRemote
		p.city = c.cities[r.IntN(len(c.cities))]
	}
	p.date = startDate.AddDate(0, 0, r.IntN(postingDays))

	senWeights := seniorityWeightsOther
	if p.role == roleOpenStack {
		senWeights = seniorityWeightsOpenStack
	}
	sen := seniorities[pick(r, senWeights)]
	p.title = g.uniqueTitle(p, j, sen)
	p.paragraphs = g.describe(p, j, sen)
	if got, want := mentionRole(p.text()), p.mentionRole(); got != want {
		g.fail(fmt.Errorf("posting %d (%q) mentions %s, want %s", p.seq, p.title, got, want))
	}

	isOpenStack := 0.0
	if p.role == roleOpenStack {
		isOpenStack = 1
	}
	logPay := math.Log(c.baseUSD) + sen.logPay + regionByName(c.region).logPremium()*isOpenStack +
		r.NormFloat64()*payNoiseSD
	p.pay = g.statedPay(b, sp, c, math.Exp(logPay))
	p.style = r.Uint64()
	return p
}

// statedPay draws how a posting on b states the latent annual pay, or nil.
func (g *generator) statedPay(b board, sp special, c *country, annualUSD float64) *pay {
	r := g.r
	switch sp {
	case specialOutlierLow:
		return &pay{shape: shapeRange, min: 1, max: 2, currency: "USD", period: "YEAR"}
	case specialOutlierHigh:
		return &pay{shape: shapeSingle, min: 5000000, max: 5000000, currency: "USD", period: "YEAR"}
	case specialOneTime:
		// A signing bonus of 5-10% of a year's pay.
		step := roundingStep(periodOneTime, c.currency)
		local := annualUSD / usdPerUnit[c.currency]
		return &pay{shape: shapeRange, min: roundTo(local*0.05, step), max: roundTo(local*0.10, step),
			currency: c.currency, period: periodOneTime}
	case specialUnknownPlace:
		p := statePay(r, annualUSD, "USD", "YEAR", shapeRange)
		return &p
	}
	if r.Float64() >= shareWithPay {
		return nil
	}
	weights := make([]float64, len(c.periods))
	for i, pw := range c.periods {
		weights[i] = pw.weight
	}
	period := c.periods[pick(r, weights)].period
	if b == boardPy {
		period = pyjobsPeriod(c.currency, period)
	}
	shapes := []float64{84, 10, 3, 3} // range, single, up to, from
	if b == boardLever {
		shapes = []float64{90, 10, 0, 0} // Lever always states min and max
	}
	p := statePay(r, annualUSD, c.currency, period, shape(pick(r, shapes)))
	return &p
}

func (g *generator) pickJob(rl role) job {
	switch rl {
	case roleOpenStack:
		if g.r.Float64() < shareOpenStackNoWord {
			return jobOpenStackProjects
		}
		return jobOpenStack
	case rolePython:
		return jobPython
	}
	return otherJobs[g.r.IntN(len(otherJobs))]
}

// pickCompany draws an employer: Lever postings come from Lever companies,
// the other boards draw from every company, Lever ones more often.
func (g *generator) pickCompany(b board) *company {
	if b == boardLever {
		return g.lever[g.r.IntN(len(g.lever))]
	}
	weights := make([]float64, len(g.companies))
	for i, c := range g.companies {
		weights[i] = 1
		if c.lever {
			weights[i] = leverCompanyWeight
		}
	}
	return g.companies[pick(g.r, weights)]
}

// uniqueTitle draws a title whose (company, title, country) key is unused,
// adding a team suffix when the plain title is taken.
func (g *generator) uniqueTitle(p *posting, j job, sen seniority) string {
	for try := 0; ; try++ {
		title := j.titles[g.r.IntN(len(j.titles))]
		if sen.prefix != "" {
			title = sen.prefix + " " + title
		}
		if try > 10 || g.r.Float64() < 0.75 {
			title += ", " + teams[g.r.IntN(len(teams))]
		}
		key := strings.ToLower(p.company.name + "|" + title + "|" + p.countryCode())
		if !g.seen[key] {
			g.seen[key] = true
			return title
		}
		if try > 1000 {
			g.fail(fmt.Errorf("no unique title left for %s in %s", p.company.name, p.countryCode()))
			return title
		}
	}
}

// crossPost copies n random eligible postings first published on from to
// the later board to.
func (g *generator) crossPost(from, to board, n int) {
	var eligible []*posting
	for _, p := range g.postings {
		if p.board == from && p.copyOn == boardNone && p.special == specialNone && canPublish(p, to) {
			eligible = append(eligible, p)
		}
	}
	if len(eligible) < n {
		g.fail(fmt.Errorf("only %d postings can be cross-posted from %s to %s, want %d",
			len(eligible), from.name(), to.name(), n))
		n = len(eligible)
	}
	g.r.Shuffle(len(eligible), func(i, j int) { eligible[i], eligible[j] = eligible[j], eligible[i] })
	for _, p := range eligible[:n] {
		p.copyOn = to
	}
}

// canPublish says whether board b can state the posting as it is: Lever
// hosts only Lever companies and always states both bounds; pyjobs has
// text templates for some periods per currency only.
func canPublish(p *posting, b board) bool {
	switch b {
	case boardLever:
		return p.company.lever && (p.pay == nil || p.pay.shape == shapeRange || p.pay.shape == shapeSingle)
	case boardPy:
		return p.pay == nil || pyjobsPeriod(p.pay.currency, p.pay.period) == p.pay.period
	}
	return true
}

// assignIDs numbers the postings on each board they appear on.
func (g *generator) assignIDs() {
	cloudIDs, pyIDs := make(map[int]bool), make(map[int]bool)
	draw := func(used map[int]bool, lo, hi int) int {
		for {
			id := lo + g.r.IntN(hi-lo)
			if !used[id] {
				used[id] = true
				return id
			}
		}
	}
	for _, p := range g.postings {
		if p.on(boardCloud) {
			p.cloudID = draw(cloudIDs, 100000, 1000000)
		}
		if p.on(boardLever) {
			p.leverID = uuid(g.r)
		}
		if p.on(boardPy) {
			p.pyID = draw(pyIDs, 10000, 100000)
		}
	}
}

func (g *generator) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// uuid draws a version-4 UUID string.
func uuid(r *rand.Rand) string {
	hi, lo := r.Uint64(), r.Uint64()
	hi = hi&^0xf000 | 0x4000     // version 4
	lo = lo&^(0xc<<60) | 0x8<<60 // RFC 4122 variant
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

// pick draws an index with probability proportional to its weight.
func pick(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func countryWeights() []float64 {
	w := make([]float64, len(countries))
	for i, c := range countries {
		w[i] = c.weight
	}
	return w
}

func countryByCode(code string) *country {
	for i := range countries {
		if countries[i].code == code {
			return &countries[i]
		}
	}
	panic("boardgen: unknown country " + code)
}
