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
// It is not for reading or writing files: Run takes listings and returns
// rows; a caller streaming a large table feeds a Sample one listing at a
// time. It does not decide what a listing is (role, pay, region): the
// transform stage does.
//
// Every random draw comes from a generator seeded from the config's seed
// and the row's region and quarter, and every sampler is written out
// here, so results are the same to the digit on every run and Go release,
// whatever order rows are computed in and however many cores compute them.
package analyze
