package charts

import (
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// rowKind is the part a row of premium_by_region plays in the report. It
// is decided by the row's method alone, in methodKind, so that when
// analyze/ adds or renames methods only the table below changes.
type rowKind int

const (
	// kindRaw is the headline estimate: the ratio of geometric means with
	// its bootstrap interval.
	kindRaw rowKind = iota
	// kindAdjusted is the premium adjusted for what differs between the
	// groups (seniority, country, remote), drawn beside the raw one.
	kindAdjusted
	// kindPooled is a small region's estimate pooled towards the others
	// (empirical Bayes), drawn beside the raw one and marked as pooled.
	kindPooled
	// kindChange is the change of the raw premium between two quarters, on
	// rows whose Quarter is "2026Q2/2026Q3": said in words under the trend
	// and the comparison, and listed in the table.
	kindChange
	// kindOther is a method the report has no chart for (a median premium,
	// a decomposition, a change between quarters): shown in the table of
	// all estimates only.
	kindOther
)

// methodKinds maps the start of a row's method, in any case, to its kind;
// the first match wins, so a longer prefix must come before a shorter one
// it begins with. This is the one place to change when analyze/ names its
// methods otherwise.
//
// A method that matches none is raw: analyze/ writes its raw rows first,
// and only the first row of a kind for a region and quarter is drawn (see
// rowsOfKind), so a method added later without a line here lands in the
// table, while a renamed raw method still gives the headline.
//
// label is how the table of all estimates names the method in a word or
// two; the full method string is shown beside the table.
var methodKinds = []struct {
	prefix string
	kind   rowKind
	label  string
}{
	{"ratio of geometric means", kindRaw, "Raw"}, // raw rows of files written before raw_bca
	{"raw_percentile", kindOther, "Raw, percentile interval"},
	{"raw", kindRaw, "Raw"}, // raw_bca, the headline of the statistics work
	{"adjusted", kindAdjusted, "Adjusted"},
	{"pooled", kindPooled, "Pooled"}, // pooled_eb
	{"empirical bayes", kindPooled, "Pooled"},
	{"change", kindChange, "Change"},
	{"median", kindOther, "Ratio of medians"},
}

// methodKind classifies one row by its method.
func methodKind(method string) rowKind {
	kind, _ := classify(method)
	return kind
}

// methodLabel is a method's short name; a method the table does not know
// is shown as it is.
func methodLabel(method string) string {
	_, label := classify(method)
	return label
}

func classify(method string) (rowKind, string) {
	m := strings.ToLower(strings.TrimSpace(method))
	for _, mk := range methodKinds {
		if strings.HasPrefix(m, mk.prefix) {
			return mk.kind, mk.label
		}
	}
	return kindRaw, method
}

// rowsOfKind keeps the rows of one kind, in their order, and only the first
// row of that kind for each region and quarter, so a file with two raw
// methods cannot draw two headline estimates for one region.
func rowsOfKind(rows []data.Premium, kind rowKind) []data.Premium {
	type cell struct{ region, quarter string }
	seen := map[cell]bool{}
	var out []data.Premium
	for _, p := range rows {
		c := cell{p.Region, p.Quarter}
		if methodKind(p.Method) != kind || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, p)
	}
	return out
}

// headlineRows are the raw estimates: the headline, the forest plot's main
// series, the trend and the comparison with the previous period.
func headlineRows(rows []data.Premium) []data.Premium { return rowsOfKind(rows, kindRaw) }

// adjustedRows are the adjusted estimates, drawn beside the raw ones.
func adjustedRows(rows []data.Premium) []data.Premium { return rowsOfKind(rows, kindAdjusted) }

// pooledRows are the pooled small-region estimates, drawn beside the raw
// ones and marked.
func pooledRows(rows []data.Premium) []data.Premium { return rowsOfKind(rows, kindPooled) }

// changeRows are the changes between quarters.
func changeRows(rows []data.Premium) []data.Premium { return rowsOfKind(rows, kindChange) }

// pooledQuarters keeps the rows pooled over quarters (Quarter "all"), with
// "All regions" first whatever order they came in: the rows of a chart by
// region.
func pooledQuarters(rows []data.Premium) []data.Premium {
	var out []data.Premium
	for _, p := range rows {
		if p.Quarter == data.QuarterAll {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Premium) int {
		return boolRank(b.Region == data.RegionAll) - boolRank(a.Region == data.RegionAll)
	})
	return out
}

// quarterRows keeps one region's per-quarter rows in time order, for the
// trend. Quarters are "2026Q3", so text order is time order.
func quarterRows(rows []data.Premium, region string) []data.Premium {
	var out []data.Premium
	for _, p := range rows {
		if p.Region == region && p.Quarter != data.QuarterAll && p.Quarter != "" && !strings.Contains(p.Quarter, "/") {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Premium) int { return strings.Compare(a.Quarter, b.Quarter) })
	return out
}

// regionOrder lists the regions of rows in first-seen order, "All regions"
// first: the order of every chart by region.
func regionOrder(rows []data.Premium) []string {
	var out []string
	for _, p := range pooledQuarters(rows) {
		if !slices.Contains(out, p.Region) {
			out = append(out, p.Region)
		}
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
