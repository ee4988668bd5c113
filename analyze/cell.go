package analyze

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// cellEstimate is everything computed for one (region, quarter): the two
// groups, the raw and median estimates with their bootstrap, the
// regression with errors clustered by employer.
type cellEstimate struct {
	region, quarter string
	os, py          *group
	// gap is the raw log gap, mean ln pay OpenStack − Python, summed in
	// listing order as the first release did; NaN when a group is empty.
	gap          float64
	medOS, medPy float64 // median pay, USD; NaN when a group is empty
	short        string  // why the estimates are withheld; "" when they are not
	bad          int     // postings left out for pay that is not a positive finite number

	// raw is the raw gap's clustered error and the employer counts, set
	// whenever both groups have postings.
	raw             rawFit
	strat           stratifiedFit
	stratErr        error
	reps            replicates
	accel           float64
	bcaLo, bcaHi    float64
	bcaErr          error
	pctLo, pctHi    float64
	pctErr          error
	medLo, medHi    float64
	medErr          error
	medHow          string // how the median's interval was made, for its detail
	adj             adjustedFit
	adjErr          error
	gapSE, medianSE float64
	bootstrapRounds int
}

// estimateCell computes one cell from its postings obs (listing order);
// with headlineOnly, only what its stratified row needs.
func estimateCell(cfg Config, s *postings, region, quarter string, obs []int32, scr *scratch, headlineOnly bool) *cellEstimate {
	e := &cellEstimate{region: region, quarter: quarter, gap: math.NaN(), medOS: math.NaN(), medPy: math.NaN()}
	nOS := 0
	for _, i := range obs {
		if s.openstack[i] {
			nOS++
		}
	}
	// Sized up front: growing four slices of a million-posting cell by
	// appending cost a tenth of the whole analysis.
	idsOS, idsPy := make([]int32, 0, nOS), make([]int32, 0, len(obs)-nOS)
	logOS, logPy := make([]float64, 0, nOS), make([]float64, 0, len(obs)-nOS)
	for _, i := range obs {
		id := s.valueID[i]
		if s.openstack[i] {
			idsOS, logOS = append(idsOS, id), append(logOS, s.logs[id])
		} else {
			idsPy, logPy = append(idsPy, id), append(logPy, s.logs[id])
		}
	}
	e.os = newGroup(idsOS, s.values, s.logs, scr.valueCount)
	e.py = newGroup(idsPy, s.values, s.logs, scr.valueCount)
	if e.os.n > 0 {
		e.medOS = e.os.medianOf(e.os.freq)
	}
	if e.py.n > 0 {
		e.medPy = e.py.medianOf(e.py.freq)
	}
	if e.os.n > 0 && e.py.n > 0 {
		e.gap = stat.Mean(logOS, nil) - stat.Mean(logPy, nil)
		e.raw = fitRaw(s, obs, e.os.meanLog, e.py.meanLog, e.os.n, e.py.n, scr.clusterRow)
	}
	var short []string
	if e.os.n < cfg.MinGroupSize {
		short = append(short, fmt.Sprintf("%d OpenStack", e.os.n))
	}
	if e.py.n < cfg.MinGroupSize {
		short = append(short, fmt.Sprintf("%d Python", e.py.n))
	}
	if len(short) > 0 {
		e.short = fmt.Sprintf("withheld: %s postings with pay, fewer than min_group_size %d", joinAnd(short), cfg.MinGroupSize)
		return e
	}
	if few := fewEmployers(e.raw, cfg.MinEmployers); few != "" {
		e.short = fmt.Sprintf("withheld: %s, fewer than min_employers %d", few, cfg.MinEmployers)
		return e
	}
	if headlineOnly {
		e.strat, e.stratErr = fitStratified(s, obs, scr.clusterRow)
		return e
	}

	if cfg.IndependentRows {
		e.bootstrapRounds = cfg.Bootstrap
		e.reps = bootstrap(newSampler(rowRand(cfg.Seed, region, quarter, streamBootstrap)), e.os, e.py, cfg.Bootstrap)
		e.accel = acceleration([]*group{e.os, e.py}, []float64{1, -1})
		gaps := sorted(e.reps.gap)
		e.bcaLo, e.bcaHi, e.bcaErr = bcaInterval(gaps, e.os.meanLog-e.py.meanLog, e.accel, cfg.Confidence)
		e.pctLo, e.pctHi, e.pctErr = percentileInterval(gaps, cfg.Confidence)
		e.gapSE = spread(e.reps.gap)
		e.reps.gap = nil // done with
	}
	e.os.poisson, e.py.poisson = nil, nil // its tables are large and done with
	isOS := func(i int32) bool { return s.openstack[i] }
	isPy := func(i int32) bool { return !s.openstack[i] }
	e.medLo, e.medHi, e.medianSE, e.medHow, e.medErr = medianInterval(cfg, newSampler(rowRand(cfg.Seed, region, quarter, streamEmployers)),
		newEmployerGroup(s, obs, isOS, e.os, scr.valueCount), newEmployerGroup(s, obs, isPy, e.py, scr.valueCount), e.medOS, e.medPy)
	switch {
	case e.os.n < medianMinPostings || e.py.n < medianMinPostings:
		e.medErr = errFewForMedian
	case e.raw.employersOS < medianMinEmployers || e.raw.employersPy < medianMinEmployers:
		e.medErr = errFewEmployersForMedian
	}

	e.adj, e.adjErr = safeAdjust(s, obs, scr)
	e.strat, e.stratErr = fitStratified(s, obs, scr.clusterRow)
	return e
}

// medianMinPostings is the fewest postings per group for the median's
// interval: below it the employer bootstrap of a median under-covers
// (88% at 10 OpenStack postings from 6 employers in the coverage study),
// since a median of few rounded values jumps between a handful of them.
const medianMinPostings = 20

var errFewForMedian = fmt.Errorf("fewer than %d postings in a group, too few for the median's bootstrap", medianMinPostings)

// medianMinEmployers is the fewest employers per group for the median's
// interval: resampling 5 OpenStack employers covered 90.4% in the coverage
// study (2,000 datasets), since a median jumps between the few employers'
// pay levels; the clustered raw and stratified rows still answer there.
const medianMinEmployers = 10

var errFewEmployersForMedian = fmt.Errorf("fewer than %d employers in a group, too few for the median's employer bootstrap", medianMinEmployers)

// fewEmployers says which groups have postings from fewer than min
// employers, such as "3 OpenStack employers"; "" when neither has.
func fewEmployers(f rawFit, min int) string {
	var few []string
	if f.employersOS < min {
		few = append(few, fmt.Sprintf("%d OpenStack", f.employersOS))
	}
	if f.employersPy < min {
		few = append(few, fmt.Sprintf("%d Python", f.employersPy))
	}
	if len(few) == 0 {
		return ""
	}
	return "postings from " + joinAnd(few) + " employers"
}

func joinAnd(parts []string) string {
	if len(parts) == 2 {
		return parts[0] + " and " + parts[1]
	}
	return parts[0]
}

// safeAdjust is adjust with gonum's panics turned into the row's error.
// adjust checks its input first (sizes, rank), so a panic here is a bug,
// but one regression row must not take the whole analysis down with it.
func safeAdjust(s *postings, obs []int32, scr *scratch) (a adjustedFit, err error) {
	defer func() {
		if r := recover(); r != nil {
			*scr = *newScratch(s) // the buffers may be left dirty
			a, err = adjustedFit{}, fmt.Errorf("the regression failed (%v); please report this", r)
		}
	}()
	return adjust(s, obs, scr)
}
