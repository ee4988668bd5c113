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
	var out []data.Premium
	for r := range cells {
		for q, e := range cells[r] {
			if e == nil {
				continue
			}
			out = append(out, stratifiedRow(cfg, e, q == 0), rawClusteredRow(cfg, e))
			if cfg.IndependentRows {
				out = append(out, rawRow(cfg, e, data.MethodRawBCA, e.bcaLo, e.bcaHi, e.bcaErr,
					fmt.Sprintf("BCa bootstrap resampling postings within each role as if independent (too narrow when employers post alike; for comparison), %d resamples, seed %d, acceleration %.3g", e.bootstrapRounds, cfg.Seed, e.accel)),
					rawRow(cfg, e, data.MethodRawPercentile, e.pctLo, e.pctHi, e.pctErr,
						fmt.Sprintf("percentile bootstrap resampling postings within each role as if independent (for comparison), %d resamples, seed %d", e.bootstrapRounds, cfg.Seed)))
			}
			out = append(out, medianRow(cfg, e), adjustedRow(cfg, e, q == 0), pooled[q][r])
		}
		if c, ok := changeRow(cfg, s, r, cells[r]); ok {
			out = append(out, c)
		}
	}
	adjustFamily(out)
	return out
}

// assembleHeadline is assemble for a sample estimated headlineOnly: the
// stratified row over all quarters of each region, with its p-value,
// Holm-adjusted over those rows.
func assembleHeadline(cfg Config, _ *postings, cells [][]*cellEstimate) []data.Premium {
	var out []data.Premium
	for _, r := range cells {
		out = append(out, stratifiedRow(cfg, r[0], true))
	}
	adjustFamily(out)
	return out
}

// adjustFamily sets PHolm on every row with a p-value, adjusting them all
// as one family with Holm's method: every p-value premium_by_region shows
// (the stratified and adjusted rows over all quarters, of every region), so the
// chance of any false "premium" in the table is at most 1 − confidence.
func adjustFamily(rows []data.Premium) {
	var idx []int
	var ps []float64
	for i, p := range rows {
		if !math.IsNaN(p.PValue) {
			idx, ps = append(idx, i), append(ps, p.PValue)
		}
	}
	for k, adj := range holm(ps) {
		rows[idx[k]].PHolm = adj
		rows[idx[k]].Detail += fmt.Sprintf("; Holm-adjusted over the %d p-values of this table", len(ps))
	}
}

// baseRow is a row of a cell with every estimate withheld.
func baseRow(cfg Config, e *cellEstimate, method string) data.Premium {
	nan := math.NaN()
	p := data.Premium{Region: e.region, Quarter: e.quarter, NOpenStack: e.os.n, NPython: e.py.n,
		MedianOpenStackUSD: e.medOS, MedianPythonUSD: e.medPy, Premium: nan, CILow: nan, CIHigh: nan,
		Confidence: cfg.Confidence, Method: method, Note: joinNotes(e.short, badPayNote(e.bad)),
		LogGap: nan, SE: nan, PValue: nan, PHolm: nan, Explained: nan, Unexplained: nan,
		NEmployersOpenStack: e.raw.employersOS, NEmployersPython: e.raw.employersPy, LargestEmployerShare: nan}
	if e.raw.employersOS > 0 {
		p.LargestEmployerShare = e.raw.largestShare
	}
	return p
}

// rawClusteredRow is the ratio of geometric means minus one with the t
// interval of the raw regression's clustered error: the premium over the
// row's whole country mix, secondary to the stratified headline.
func rawClusteredRow(cfg Config, e *cellEstimate) data.Premium {
	p := baseRow(cfg, e, data.MethodRaw)
	p.Detail = "ratio of geometric means over the row's whole country mix (secondary: the stratified row is the headline)"
	if e.short != "" {
		return p
	}
	c := e.raw.clustered
	p.NClusters = c.clusters
	p.Detail += fmt.Sprintf("; t interval on CR2 errors clustered by employer (a posting without a company on its own), %d clusters, Bell–McCaffrey t(%.3g)", c.clusters, c.df)
	return clusteredInterval(p, e.gap, c, cfg.Confidence, false)
}

// stratifiedRow is the headline: the within-country gap weighted by
// OpenStack postings, with the t interval of its clustered error; withP
// adds the test's p-value for "no premium".
func stratifiedRow(cfg Config, e *cellEstimate, withP bool) data.Premium {
	p := baseRow(cfg, e, data.MethodStratified)
	p.Detail = "stratified by country"
	switch {
	case e.short != "":
		return p
	case e.stratErr != nil:
		p.Note = joinNotes(p.Note, "withheld: "+e.stratErr.Error())
		return p
	}
	f := e.strat
	p.NClusters = f.clusters
	p.Detail = f.describe() + fmt.Sprintf("; t interval on CR2 errors clustered by employer, %d clusters, Bell–McCaffrey t(%.3g)", f.clusters, f.df)
	return clusteredInterval(p, f.gap, f.clustered, cfg.Confidence, withP)
}

// clusteredInterval fills a row's estimate b (log points) with the t
// interval of its clustered error and, when withP, the two-sided p-value.
func clusteredInterval(p data.Premium, b float64, c clustered, conf float64, withP bool) data.Premium {
	// A standard error under a billionth of a log point is rounding noise:
	// every employer's residuals cancel, so there is no spread to measure.
	if !(c.se > 1e-9) {
		return withInterval(p, b, math.NaN(), 0, 0, fmt.Errorf("there is no residual spread to measure: every employer's residuals cancel"))
	}
	lo, hi, pv := c.tInterval(b, conf)
	p = withInterval(p, b, c.se, lo, hi, nil)
	if withP {
		p.PValue = pv
		p.Detail += "; two-sided p from the same t test"
	}
	return p
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
	p.Detail += "; " + e.medHow
	return withInterval(p, math.Log(e.medOS/e.medPy), e.medianSE, e.medLo, e.medHi, e.medErr)
}

// adjustedRow is exp(b) − 1 for the OpenStack coefficient of the row's
// regression, with a t interval on CR2 errors clustered by employer; withP
// adds the test's p-value.
func adjustedRow(cfg Config, e *cellEstimate, withP bool) data.Premium {
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
	p.NClusters = a.robust.clusters
	return clusteredInterval(p, a.fit.beta[1], a.robust, cfg.Confidence, withP)
}
