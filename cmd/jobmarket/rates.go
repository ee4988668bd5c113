package main

import (
	"maps"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/transform"
)

// ratesAsOf is what the report's method box says of the exchange rates:
// the date of currency.rates, and the quarters of currency.rates_by_quarter
// whose postings were converted at rates of their own.
func ratesAsOf(c transform.Currency) string {
	if len(c.RatesByQuarter) == 0 {
		return c.AsOf
	}
	quarters := slices.Sorted(maps.Keys(c.RatesByQuarter))
	return c.AsOf + ", and per quarter for " + strings.Join(quarters, ", ")
}
