package data

import (
	"math"
	"slices"
)

// The rule of which listings enter the premium estimates lives here, so
// the analyze stage, which estimates from them, and the report, which
// draws their pay, take the same postings.

// UsablePay reports whether annual pay is a number an estimate can take
// the log of: positive and finite (NaN is not).
func UsablePay(annualUSD float64) bool { return annualUSD > 0 && !math.IsInf(annualUSD, 1) }

// AcceptedPay reports whether normalization left a listing's pay without
// a note or code and its source is one the estimates take: stated by the
// employer, or estimated by the board when includeBoardEstimates is set.
func AcceptedPay(l *Listing, includeBoardEstimates bool) bool {
	return l.SalaryNote == "" && l.SalaryCode == "" && (l.SalarySource != PaySourceBoard || includeBoardEstimates)
}

// Candidate reports whether a listing belongs in the premium but for its
// pay figure and region: accepted pay, an OpenStack or Python role, and
// not a repeat of another listing.
func Candidate(l *Listing, includeBoardEstimates bool) bool {
	return AcceptedPay(l, includeBoardEstimates) && (l.Role == RoleOpenStack || l.Role == RolePython) && l.DuplicateOf == ""
}

// InEstimate reports whether a listing enters the estimates of an analysis
// with these settings over these regions: a candidate with usable pay in
// one of the regions.
func (s AnalysisSettings) InEstimate(l *Listing, regions []string) bool {
	return Candidate(l, s.IncludeBoardEstimates) && UsablePay(l.SalaryAnnualUSD) && slices.Contains(regions, l.Region)
}
