package charts

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// rowKind is the part a row of premium_by_region plays in the report. It
// is decided by the row's method alone, one of the data.Method* constants,
// in methodKinds.
type rowKind int

const (
	// kindRaw is the headline estimate: the premium stratified by country
	// with its interval clustered by employer (data.MethodStratified).
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
	// kindOther is a method the report has no chart for (the percentile
	// interval, the ratio of medians): shown in the table of all estimates
	// only.
	kindOther
)

// methodKinds gives each data.Method* constant its part in the report and
// the word or two the table of all estimates names it by (the method
// itself is shown beside the table). A method analyze adds needs a line
// here: until it has one, Render and Slides refuse rows of it (a test
// checks every constant has its line).
var methodKinds = map[string]struct {
	kind  rowKind
	label string
}{
	data.MethodStratified:    {kindRaw, "Raw"},
	data.MethodRaw:           {kindOther, "Raw, whole country mix"},
	data.MethodRawBCA:        {kindOther, "Raw, BCa bootstrap of postings"},
	data.MethodRawPercentile: {kindOther, "Raw, percentile interval"},
	data.MethodMedian:        {kindOther, "Ratio of medians"},
	data.MethodAdjusted:      {kindAdjusted, "Adjusted"},
	data.MethodPooled:        {kindPooled, "Pooled"},
	data.MethodChange:        {kindChange, "Change"},
}

// checkMethods returns an error for the first row, of any part of the
// report, whose method is not a data.Method* constant with a line in
// methodKinds: an unknown method is a file this report cannot read
// (written by an older or newer jobmarket), never drawn as a guess.
func checkMethods(r Report) error {
	for _, part := range []struct {
		name string
		rows []data.Premium
	}{{"premiums", r.Premiums}, {"trend", r.Trend}, {"previous period", r.Previous.Premiums}} {
		if err := data.CheckMethods(part.rows); err != nil {
			return fmt.Errorf("%s: %w", part.name, err)
		}
		for _, p := range part.rows {
			if _, ok := methodKinds[p.Method]; !ok {
				return fmt.Errorf("%s: method %q has no part in the report", part.name, p.Method)
			}
		}
	}
	return nil
}

// methodKind classifies one row by its method; checkMethods has made sure
// it is known.
func methodKind(method string) rowKind { return methodKinds[method].kind }

// methodLabel is a method's short name.
func methodLabel(method string) string { return methodKinds[method].label }

// byMethod orders rows by the rank of their method among the data.Method*
// constants, keeping the order of rows of the same method.
func byMethod(a, b data.Premium) int {
	ra, _ := data.MethodRank(a.Method)
	rb, _ := data.MethodRank(b.Method)
	return cmp.Compare(ra, rb)
}

// rowsOfKind keeps the rows of one kind, in their order, and only the first
// row of that kind for each region and quarter, so a file that repeats a
// row cannot draw two headline estimates for one region.
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
