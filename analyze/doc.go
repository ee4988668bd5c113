// Package analyze estimates the pay premium of OpenStack roles over Python
// roles from the listings table: overall, by region and by quarter, each
// with its sample sizes, its method and a seeded bootstrap interval.
//
// It does no I/O. Every random draw comes from a generator seeded from the
// config's seed and the row's region and quarter, so results are the same
// to the digit on every run, whatever order rows are computed in.
package analyze
