package charts

import (
	"net/url"
	"strconv"

	"github.com/jobmarket/jobmarket/data"
)

// premiumRow is one row of the premium table, formatted for reading.
type premiumRow struct {
	Region, Quarter     string
	NOpenStack, NPython string
	MedianOpenStack     string
	MedianPython        string
	Premium, Interval   string
	Method, Note        string
	Withheld, Overall   bool
}

func premiumRows(rows []data.Premium) []premiumRow {
	out := make([]premiumRow, len(rows))
	for i, p := range rows {
		row := premiumRow{
			Region:          p.Region,
			Quarter:         p.Quarter,
			NOpenStack:      count(p.NOpenStack),
			NPython:         count(p.NPython),
			MedianOpenStack: usd(p.MedianOpenStackUSD),
			MedianPython:    usd(p.MedianPythonUSD),
			Premium:         signedPercent(p.Premium),
			Interval:        interval(p.CILow, p.CIHigh),
			Method:          p.Method,
			Note:            p.Note,
			Withheld:        isWithheld(p),
			Overall:         p.Region == data.RegionAll && p.Quarter == data.QuarterAll,
		}
		if row.Withheld {
			row.Premium, row.Interval = "withheld", missing
		}
		out[i] = row
	}
	return out
}

// funnelRow is one source's funnel, plus the share of fetched postings
// that reached the estimate. The last row totals the sources when there
// is more than one.
type funnelRow struct {
	Source                               string
	Fetched, Parsed, WithPay, Classified string
	Unique, InEstimate, Kept             string
	Total                                bool
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
		Source:     f.Source,
		Fetched:    count(f.Fetched),
		Parsed:     count(f.Parsed),
		WithPay:    count(f.WithPay),
		Classified: count(f.Classified),
		Unique:     count(f.Unique),
		InEstimate: count(f.InEstimate),
		Kept:       share(f.InEstimate, f.Fetched),
		Total:      total,
	}
}

// methodItem is one line of the methods list: a term and its value.
type methodItem struct{ Term, Value string }

// methodItems lists the settings a reader needs to repeat the analysis,
// leaving out any the caller did not supply.
func methodItems(m Method) []methodItem {
	var items []methodItem
	add := func(term, value string) {
		if value != "" {
			items = append(items, methodItem{term, value})
		}
	}
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
