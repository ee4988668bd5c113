package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/jobmarket/jobmarket/data"
)

// methodRaw names how the headline premium and its interval are computed.
const methodRaw = "ratio of geometric means; stratified percentile bootstrap"

// groups holds the annual pay of one row's two groups, in USD per year.
type groups struct {
	openstack, python []float64
}

// estimate computes one premium row: the ratio of geometric means minus
// one, exp(mean log OpenStack − mean log Python) − 1, with a percentile
// bootstrap interval that resamples each group on its own (stratified), so
// every resample keeps the row's group sizes.
func estimate(cfg Config, region, quarter string, g groups) data.Premium {
	p := data.Premium{
		Region: region, Quarter: quarter,
		NOpenStack: len(g.openstack), NPython: len(g.python),
		MedianOpenStackUSD: median(g.openstack), MedianPythonUSD: median(g.python),
		Premium: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(),
		Confidence: cfg.Confidence,
		Method:     fmt.Sprintf("%s (%d resamples, seed %d)", methodRaw, cfg.Bootstrap, cfg.Seed),
	}
	var short []string
	if p.NOpenStack < cfg.MinGroupSize {
		short = append(short, fmt.Sprintf("%d OpenStack", p.NOpenStack))
	}
	if p.NPython < cfg.MinGroupSize {
		short = append(short, fmt.Sprintf("%d Python", p.NPython))
	}
	if len(short) > 0 {
		p.Note = fmt.Sprintf("withheld: %s postings with pay, fewer than min_group_size %d", joinAnd(short), cfg.MinGroupSize)
		return p
	}
	logOS, logPy := logPay(g.openstack), logPay(g.python)
	p.Premium = math.Expm1(stat.Mean(logOS, nil) - stat.Mean(logPy, nil))

	src := rowRand(cfg.Seed, region, quarter)
	gaps := make([]float64, cfg.Bootstrap)
	for b := range gaps {
		gaps[b] = resampleMean(src, logOS) - resampleMean(src, logPy)
	}
	slices.Sort(gaps)
	alpha := (1 - cfg.Confidence) / 2
	p.CILow = math.Expm1(stat.Quantile(alpha, stat.Empirical, gaps, nil))
	p.CIHigh = math.Expm1(stat.Quantile(1-alpha, stat.Empirical, gaps, nil))
	return p
}

// resampleMean is the mean of one bootstrap resample of x.
func resampleMean(src *rand.PCG, x []float64) float64 {
	sum := 0.0
	for range x {
		sum += x[index(src, len(x))]
	}
	return sum / float64(len(x))
}

// median of pay; NaN for an empty group.
func median(x []float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func joinAnd(parts []string) string {
	if len(parts) == 2 {
		return parts[0] + " and " + parts[1]
	}
	return parts[0]
}

// logPay returns the natural logs of pay in USD per year.
func logPay(usd []float64) []float64 {
	out := make([]float64, len(usd))
	for i, v := range usd {
		out[i] = math.Log(v)
	}
	return out
}
