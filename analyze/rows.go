package analyze

import (
	"fmt"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// assemble turns the cell estimates into published rows, in the order
// Result.Premiums documents, adding the partially pooled rows, the
// changes between the last two quarters and the Holm-adjusted p-values.
// When the cells over all quarters were not estimated (nil), their rows
// are left out; no other row depends on them.
func assemble(cfg Config, s *postings, cells [][]*cellEstimate) []data.Premium {
	allQuarters := cells[0][0] != nil
	pooled := make([][]data.Premium, len(s.quarters)+1) // per quarter, per region (0: All regions)
	for q := range pooled {
		if q > 0 || allQuarters {
			pooled[q] = pooledRows(cfg, cells, q)
		}
	}
	regionP := make([]float64, len(cells)-1)
	for r := 1; r < len(cells); r++ {
		regionP[r-1] = math.NaN()
		if allQuarters {
			regionP[r-1] = cells[r][0].pValue
		}
	}
	regionHolm := holm(regionP)
	family := 0
	for _, p := range regionP {
		if !math.IsNaN(p) {
			family++
		}
	}

	var out []data.Premium
	for r := range cells {
		for q, e := range cells[r] {
			if e == nil {
				continue
			}
			bca := rawRow(cfg, e, data.MethodRawBCA, e.bcaLo, e.bcaHi, e.bcaErr,
				fmt.Sprintf("stratified BCa bootstrap, %d resamples, seed %d, acceleration %.3g", e.bootstrapRounds, cfg.Seed, e.accel))
			if q == 0 && !math.IsNaN(e.pValue) {
				bca.PValue = e.pValue
				bca.Detail += fmt.Sprintf("; two-sided permutation p from %d shuffles", e.permutationCount)
				if r > 0 {
					bca.PHolm = regionHolm[r-1]
					bca.Detail += fmt.Sprintf(", Holm-adjusted over %d regions", family)
				}
			}
			out = append(out, bca,
				rawRow(cfg, e, data.MethodRawPercentile, e.pctLo, e.pctHi, e.pctErr,
					fmt.Sprintf("stratified percentile bootstrap, %d resamples, seed %d", e.bootstrapRounds, cfg.Seed)),
				medianRow(cfg, e), adjustedRow(cfg, e), pooled[q][r])
		}
		if n := len(s.quarters); n >= 2 {
			out = append(out, changeRow(cfg, cells[r][n-1], cells[r][n], s.quarters[n-2]+"/"+s.quarters[n-1]))
		}
	}
	return out
}

// baseRow is a row of a cell with every estimate withheld.
func baseRow(cfg Config, e *cellEstimate, method string) data.Premium {
	nan := math.NaN()
	return data.Premium{Region: e.region, Quarter: e.quarter, NOpenStack: e.os.n, NPython: e.py.n,
		MedianOpenStackUSD: e.medOS, MedianPythonUSD: e.medPy, Premium: nan, CILow: nan, CIHigh: nan,
		Confidence: cfg.Confidence, Method: method, Note: joinNotes(e.short, badPayNote(e.bad)),
		LogGap: nan, SE: nan, PValue: nan, PHolm: nan, Explained: nan, Unexplained: nan}
}

// badPayNote says how many postings were left out for unusable pay.
func badPayNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "left out 1 posting whose pay is not a positive finite number"
	}
	return fmt.Sprintf("left out %d postings whose pay is not a positive finite number", n)
}

func joinNotes(notes ...string) string {
	var kept []string
	for _, n := range notes {
		if n != "" {
			kept = append(kept, n)
		}
	}
	return strings.Join(kept, "; ")
}

// withInterval fills a row's estimate and, unless err says why not, its
// interval; all in log points, published as exp(·) − 1.
func withInterval(p data.Premium, logGap, se, lo, hi float64, err error) data.Premium {
	p.LogGap, p.Premium, p.SE = logGap, math.Expm1(logGap), se
	if err != nil {
		p.Note = joinNotes(p.Note, "interval withheld: "+err.Error())
		return p
	}
	p.CILow, p.CIHigh = math.Expm1(lo), math.Expm1(hi)
	return p
}

// rawRow is the ratio of geometric means minus one with a bootstrap
// interval [lo, hi] (log points).
func rawRow(cfg Config, e *cellEstimate, method string, lo, hi float64, err error, how string) data.Premium {
	p := baseRow(cfg, e, method)
	p.Detail = "ratio of geometric means"
	if e.short != "" {
		return p
	}
	p.Detail += "; " + how
	return withInterval(p, e.gap, e.gapSE, lo, hi, err)
}

// medianRow is the ratio of median pay minus one.
func medianRow(cfg Config, e *cellEstimate) data.Premium {
	p := baseRow(cfg, e, data.MethodMedian)
	p.Detail = "ratio of medians (midpoint of the two middle values)"
	if e.short != "" {
		return p
	}
	p.Detail += fmt.Sprintf("; stratified percentile bootstrap, %d resamples, seed %d", e.bootstrapRounds, cfg.Seed)
	return withInterval(p, math.Log(e.medOS/e.medPy), e.medianSE, e.medLo, e.medHi, e.medErr)
}

// adjustedRow is exp(b) − 1 for the OpenStack coefficient of the row's
// regression, with a t interval on robust errors.
func adjustedRow(cfg Config, e *cellEstimate) data.Premium {
	p := baseRow(cfg, e, data.MethodAdjusted)
	p.Detail = regressionName(cfg.Controls)
	switch {
	case e.short != "":
		return p
	case e.adjErr != nil:
		p.Note = joinNotes(p.Note, "withheld: "+e.adjErr.Error())
		return p
	}
	a := e.adj
	p.Detail = a.detail(cfg.Controls)
	p.Explained, p.Unexplained = a.explained, a.unexplained
	if a.robust.kind == vcovCR1 {
		p.NClusters = a.robust.clusters
	}
	b, se := a.fit.beta[1], a.robust.se[1]
	// A standard error under a billionth of a log point is rounding noise:
	// the regression fits every posting exactly.
	if !(se > 1e-9) {
		return withInterval(p, b, math.NaN(), 0, 0, fmt.Errorf("the regression fits every posting exactly, so there is no residual spread"))
	}
	lo, hi := a.interval(cfg.Confidence)
	p = withInterval(p, b, se, 0, 0, nil)
	p.CILow, p.CIHigh = lo, hi
	return p
}
