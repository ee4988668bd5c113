package charts

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/jobmarket/jobmarket/data"
)

// premiumRow is one row of the premium table, formatted for reading.
type premiumRow struct {
	Region, Quarter     string
	NOpenStack, NPython string
	// EmployersOpenStack and EmployersPython count the employers behind
	// each group ("" where the row has none, as pooled rows).
	EmployersOpenStack, EmployersPython string
	MedianOpenStack                     string
	MedianPython                        string
	Premium, Interval                   string
	Method, Note                        string
	MethodLabel                         string
	Withheld, Overall                   bool
}

// premiumRows formats rows for the table of all estimates. In a report
// limited to a period, the rows pooled over its quarters say the period,
// not "all".
func premiumRows(rows []data.Premium, period string) []premiumRow {
	out := make([]premiumRow, len(rows))
	for i, p := range rows {
		quarter := p.Quarter
		if quarter == data.QuarterAll && period != "" {
			quarter = period
		}
		row := premiumRow{
			Region:             p.Region,
			Quarter:            quarter,
			NOpenStack:         count(p.NOpenStack),
			NPython:            count(p.NPython),
			EmployersOpenStack: employers(p.NEmployersOpenStack),
			EmployersPython:    employers(p.NEmployersPython),
			MedianOpenStack:    usd(p.MedianOpenStackUSD),
			MedianPython:       usd(p.MedianPythonUSD),
			Premium:            signedPercent(p.Premium),
			Interval:           interval(p.CILow, p.CIHigh),
			Method:             p.Method,
			MethodLabel:        methodLabel(p.Method),
			Note:               p.Note,
			Withheld:           isWithheld(p),
			Overall:            p.Region == data.RegionAll && p.Quarter == data.QuarterAll,
		}
		if row.Withheld {
			row.Premium, row.Interval = "withheld", missing
		}
		out[i] = row
	}
	return out
}

// employers says how many employers a group's postings come from, ""
// where the row counts none.
func employers(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 employer"
	}
	return count(n) + " employers"
}

// splitByQuarter separates the rows pooled over quarters from the
// per-quarter ones (and changes between quarters): the table shows the
// first, and the second folded away, since with several methods per row
// there are many.
func splitByQuarter(rows []data.Premium) (pooled, byQuarter []data.Premium) {
	for _, p := range rows {
		if p.Quarter == data.QuarterAll {
			pooled = append(pooled, p)
		} else {
			byQuarter = append(byQuarter, p)
		}
	}
	return pooled, byQuarter
}

// methodNote is one method of the table in full, under its short label.
type methodNote struct{ Label, Method string }

// methodNotes lists the distinct methods of rows in the order of the
// data.Method* constants.
func methodNotes(rows []data.Premium) []methodNote {
	var out []methodNote
	seen := map[string]bool{}
	for _, p := range slices.SortedStableFunc(slices.Values(rows), byMethod) {
		if seen[p.Method] {
			continue
		}
		seen[p.Method] = true
		out = append(out, methodNote{methodLabel(p.Method), p.Method})
	}
	return out
}

// funnelRow is one source's funnel, plus the share of fetched postings
// that reached the estimate. The last row totals the sources when there
// is more than one.
type funnelRow struct {
	Source                               string
	Fetched, Parsed, WithPay, Classified string
	Unique                               string
	// The unique postings their place kept out of the estimate, as
	// data.Funnel counts them.
	PlaceUnknown, NoRegion, OutsideRegions, MultiRegion, Anywhere string
	InEstimate, Kept                                              string
	Total                                                         bool
}

func funnelRows(funnels []data.Funnel) []funnelRow {
	out := make([]funnelRow, 0, len(funnels)+1)
	var total data.Funnel
	for _, f := range funnels {
		out = append(out, newFunnelRow(f, false))
		total.Fetched += f.Fetched
		total.Parsed += f.Parsed
		total.WithPay += f.WithPay
		total.Classified += f.Classified
		total.Unique += f.Unique
		total.PlaceUnknown += f.PlaceUnknown
		total.OutsideRegions += f.OutsideRegions
		total.NoRegion += f.NoRegion
		total.MultiRegion += f.MultiRegion
		total.Anywhere += f.Anywhere
		total.InEstimate += f.InEstimate
	}
	if len(funnels) > 1 {
		total.Source = "All sources"
		out = append(out, newFunnelRow(total, true))
	}
	return out
}

func newFunnelRow(f data.Funnel, total bool) funnelRow {
	return funnelRow{
		Source:       f.Source,
		Fetched:      count(f.Fetched),
		Parsed:       count(f.Parsed),
		WithPay:      count(f.WithPay),
		Classified:   count(f.Classified),
		Unique:       count(f.Unique),
		PlaceUnknown: count(f.PlaceUnknown), NoRegion: count(f.NoRegion), OutsideRegions: count(f.OutsideRegions),
		MultiRegion: count(f.MultiRegion), Anywhere: count(f.Anywhere),
		InEstimate: count(f.InEstimate),
		Kept:       share(f.InEstimate, f.Fetched),
		Total:      total,
	}
}

// silentSources are the funnels that say why their source gave no
// postings.
func silentSources(funnels []data.Funnel) []data.Funnel {
	var out []data.Funnel
	for _, f := range funnels {
		if f.Note != "" {
			out = append(out, f)
		}
	}
	return out
}

// methodItem is one line of the methods list: a term and its value.
type methodItem struct{ Term, Value string }

// methodItems lists the settings a reader needs to repeat the analysis,
// leaving out any the caller did not supply.
func methodItems(m Method, period, previous string) []methodItem {
	var items []methodItem
	add := func(term, value string) {
		if value != "" {
			items = append(items, methodItem{term, value})
		}
	}
	add("Period", period)
	add("Compared with", previous)
	add("Confidence level", confidenceLevel(m.Confidence))
	if m.Bootstrap > 0 {
		add("Bootstrap resamples", count(m.Bootstrap))
	}
	add("Random seed", strconv.FormatUint(m.Seed, 10))
	if m.MinGroupSize > 0 {
		add("Smallest group estimated", count(m.MinGroupSize)+" postings in each of OpenStack and Python; smaller groups are withheld")
	}
	switch {
	case m.DataFrom != "" && m.DataTo != "":
		add("Postings dated", m.DataFrom+" to "+m.DataTo)
	case m.DataFrom != "":
		add("Postings dated", "from "+m.DataFrom)
	case m.DataTo != "":
		add("Postings dated", "up to "+m.DataTo)
	}
	add("Exchange rates as of", m.RatesAsOf)
	return items
}

// sourceView is a source with its URLs split into ones we link and ones we
// only show.
type sourceView struct {
	Name, Kind string
	URLs       []link
}

// link is a URL shown as text; Href is set only when it is safe and useful
// to follow (http or https), so "bundled://" and anything stranger such
// as "javascript:" stays plain text.
type link struct {
	Text string
	Href string
}

func sourceViews(sources []Source) []sourceView {
	out := make([]sourceView, len(sources))
	for i, s := range sources {
		v := sourceView{Name: s.Name, Kind: s.Kind}
		for _, raw := range s.URLs {
			l := link{Text: raw}
			if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
				l.Href = u.String()
			}
			v.URLs = append(v.URLs, l)
		}
		out[i] = v
	}
	return out
}

// comparisonRow is one region of the comparison table: this period's raw
// estimate beside the previous period's.
type comparisonRow struct {
	Region                          string
	Now, NowInterval, NowN          string
	Before, BeforeInterval, BeforeN string
	Overall                         bool
}

func comparisonRows(r Report) []comparisonRow {
	cur := headlineRows(pooledQuarters(r.Premiums))
	prev := headlineRows(pooledQuarters(r.Previous.Premiums))
	var out []comparisonRow
	for _, region := range appendMissing(regionOrder(cur), regionOrder(prev)) {
		row := comparisonRow{Region: region, Overall: region == data.RegionAll}
		row.Now, row.NowInterval, row.NowN = estimateCells(cur, region)
		row.Before, row.BeforeInterval, row.BeforeN = estimateCells(prev, region)
		out = append(out, row)
	}
	return out
}

// estimateCells formats a region's estimate, interval and sample sizes, or
// says the estimate is withheld or missing.
func estimateCells(rows []data.Premium, region string) (premium, ci, n string) {
	p, ok := rowFor(rows, region)
	if !ok {
		return missing, missing, missing
	}
	n = count(p.NOpenStack) + " / " + count(p.NPython)
	if isWithheld(p) {
		return "withheld", missing, n
	}
	return signedPercent(p.Premium), interval(p.CILow, p.CIHigh), n
}
