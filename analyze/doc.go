// Package analyze estimates the pay premium of OpenStack roles over Python
// roles from the listings table: overall, by region and by quarter, each
// row with its sample sizes, its method and an interval. For every region
// and quarter it publishes the raw premium (ratio of geometric means) with
// BCa and percentile bootstrap intervals, the ratio of medians, the
// premium adjusted for seniority, country, remote work and quarter by OLS
// with errors clustered by company, and a partially pooled regional
// premium for small regions; per region, the change between the last two
// quarters and a permutation p-value with Holm's adjustment.
// docs/methods.md explains each in plain words and precisely.
//
// Run is the stage's one entry point, for cmd and tests alike: it streams
// the listings (a Stream, one batch at a time), limits them to a period
// when asked, and returns the rows; for a period also the quarterly trend
// up to it and the previous period (Context), so that everything a report
// shows is estimated here and written beside premium_by_region.
//
// It is not for reading or writing files: the caller opens the table and
// writes the rows. It does not decide what a listing is (role, pay,
// region): the transform stage does; which listings enter the estimates
// is data.AnalysisSettings.InEstimate, shared with the report.
//
// Every random draw comes from a generator seeded from the config's seed
// and the row's region and quarter, and every sampler is written out
// here, so results are the same to the digit on every run and Go release,
// whatever order rows are computed in and however many cores compute them.
package analyze
