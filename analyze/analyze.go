package analyze

import (
	"context"
	"math"
	"slices"

	"github.com/jobmarket/jobmarket/data"
)

// Result holds the premium rows and the data funnel.
type Result struct {
	// Premiums: All regions first, then each region in config order; within
	// each, quarter "all" first, then quarters in time order.
	Premiums []data.Premium
	Funnel   []data.Funnel // one per source, in order of first appearance
	// DataFrom and DataTo are the first and last posting dates among the
	// listings in the estimate, "2006-01-02".
	DataFrom, DataTo string
}

// Run estimates the premium for every region in regions (config order) and
// every quarter present in listings. rejects only feed the funnel.
func Run(ctx context.Context, cfg Config, regions []string, listings []data.Listing, rejects []data.Reject) (Result, error) {
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	type cell struct{ region, quarter string }
	pay := map[cell]*[2][]float64{} // [0] OpenStack, [1] Python: USD per year
	var quarters []string
	var res Result
	add := func(c cell, role data.Role, usd float64) {
		g, ok := pay[c]
		if !ok {
			g = &[2][]float64{}
			pay[c] = g
		}
		i := 0
		if role == data.RolePython {
			i = 1
		}
		g[i] = append(g[i], usd)
	}
	for _, l := range listings {
		if !cfg.inEstimate(l) || !slices.Contains(regions, l.Region) {
			continue
		}
		if d := l.PostedDate; d != "" {
			if res.DataFrom == "" || d < res.DataFrom {
				res.DataFrom = d
			}
			res.DataTo = max(res.DataTo, d)
		}
		q := l.Quarter
		if q != "" && !slices.Contains(quarters, q) {
			quarters = append(quarters, q)
		}
		for _, region := range []string{data.RegionAll, l.Region} {
			add(cell{region, data.QuarterAll}, l.Role, l.SalaryAnnualUSD)
			if q != "" {
				add(cell{region, q}, l.Role, l.SalaryAnnualUSD)
			}
		}
	}
	slices.Sort(quarters)

	for _, region := range append([]string{data.RegionAll}, regions...) {
		for _, q := range append([]string{data.QuarterAll}, quarters...) {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
			g := groups{}
			if p, ok := pay[cell{region, q}]; ok {
				g = groups{openstack: p[0], python: p[1]}
			}
			res.Premiums = append(res.Premiums, estimate(cfg, region, q, g))
		}
	}
	res.Funnel = cfg.funnel(regions, listings, rejects)
	return res, nil
}

// usablePay reports whether a listing's pay may enter an estimate: read,
// converted, plausible, and stated by the employer unless the config lets
// board estimates in.
func (c Config) usablePay(l data.Listing) bool {
	if math.IsNaN(l.SalaryAnnualUSD) || l.SalaryAnnualUSD <= 0 || l.SalaryNote != "" {
		return false
	}
	return l.SalarySource != data.PaySourceBoard || c.IncludeBoardEstimates
}

// inEstimate reports whether a listing counts in the premium: usable pay,
// an OpenStack or Python role, and not a repeat of another listing.
func (c Config) inEstimate(l data.Listing) bool {
	return c.usablePay(l) && (l.Role == data.RoleOpenStack || l.Role == data.RolePython) && l.DuplicateOf == ""
}

// funnel counts, per source, how many records survive each step.
func (c Config) funnel(regions []string, listings []data.Listing, rejects []data.Reject) []data.Funnel {
	var order []string
	rows := map[string]*data.Funnel{}
	get := func(source string) *data.Funnel {
		f, ok := rows[source]
		if !ok {
			f = &data.Funnel{Source: source}
			rows[source] = f
			order = append(order, source)
		}
		return f
	}
	for _, l := range listings {
		f := get(l.Source)
		f.Fetched++
		f.Parsed++
		if !c.usablePay(l) {
			continue
		}
		f.WithPay++
		if l.Role != data.RoleOpenStack && l.Role != data.RolePython {
			continue
		}
		f.Classified++
		if l.DuplicateOf != "" {
			continue
		}
		f.Unique++
		if slices.Contains(regions, l.Region) {
			f.InEstimate++
		}
	}
	for _, r := range rejects {
		get(r.Source).Fetched++
	}
	out := make([]data.Funnel, len(order))
	for i, s := range order {
		out[i] = *rows[s]
	}
	return out
}
