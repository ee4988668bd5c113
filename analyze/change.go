package analyze

import (
	"fmt"
	"math"

	"github.com/jobmarket/jobmarket/data"
)

// changeRow is the change of the raw premium from quarter e1 to quarter e2
// of one region: the difference of their log gaps, published as the ratio
// of their premium factors minus one, (1 + p₂)/(1 + p₁) − 1, so that it
// reads like every other row (0.05: the OpenStack-to-Python pay ratio grew
// 5%). The two quarters hold different postings and were resampled
// independently, so pairing their bootstrap replicates in draw order gives
// the bootstrap distribution of the difference; its BCa interval uses the
// jackknife over all four groups.
func changeRow(cfg Config, e1, e2 *cellEstimate, label string) data.Premium {
	nan := math.NaN()
	p := data.Premium{Region: e2.region, Quarter: label, NOpenStack: e1.os.n + e2.os.n, NPython: e1.py.n + e2.py.n,
		MedianOpenStackUSD: nan, MedianPythonUSD: nan, Premium: nan, CILow: nan, CIHigh: nan,
		Confidence: cfg.Confidence, Method: data.MethodChange,
		LogGap: nan, SE: nan, PValue: nan, PHolm: nan, Explained: nan, Unexplained: nan}
	p.Detail = fmt.Sprintf("change of the raw log gap from %s to %s; BCa over the quarters' independent bootstraps, %d resamples, seed %d",
		e1.quarter, e2.quarter, cfg.Bootstrap, cfg.Seed)
	for _, e := range []*cellEstimate{e1, e2} {
		if e.short != "" {
			p.Note = joinNotes(p.Note, e.quarter+" "+e.short)
		}
	}
	if p.Note != "" {
		return p
	}
	diff := make([]float64, len(e2.reps.gap))
	for b := range diff {
		diff[b] = e2.reps.gap[b] - e1.reps.gap[b]
	}
	theta := (e2.os.meanLog - e2.py.meanLog) - (e1.os.meanLog - e1.py.meanLog)
	a := acceleration([]*group{e2.os, e2.py, e1.os, e1.py}, []float64{1, -1, -1, 1})
	lo, hi, err := bcaInterval(sorted(diff), theta, a, cfg.Confidence)
	p = withInterval(p, e2.gap-e1.gap, spread(diff), lo, hi, err)
	p.Detail += fmt.Sprintf("; premium %s %+.1f%%, %s %+.1f%% (%+.1f points)",
		e1.quarter, 100*math.Expm1(e1.gap), e2.quarter, 100*math.Expm1(e2.gap), 100*(math.Expm1(e2.gap)-math.Expm1(e1.gap)))
	return p
}
