package data

import "maps"

// DefaultRatesAsOf is the date DefaultRates were read, "2006-01-02".
const DefaultRatesAsOf = "2026-10-01"

// defaultRates is the value of one unit of each currency in USD on
// DefaultRatesAsOf: the one exchange-rate table of the project. The
// pipeline's default config and both generators of made-up postings read
// it, so demo pay converts back to the amounts the generators meant.
var defaultRates = map[string]float64{
	"AED": 0.2723,
	"AUD": 0.66,
	"BRL": 0.18,
	"CAD": 0.73,
	"CHF": 1.13,
	"EUR": 1.08,
	"GBP": 1.27,
	"ILS": 0.27,
	"INR": 0.012,
	"JPY": 0.0067,
	"MXN": 0.055,
	"PLN": 0.25,
	"SEK": 0.095,
	"SGD": 0.74,
	"ZAR": 0.055,
}

// DefaultRates returns a copy of the default exchange-rate table: USD per
// unit of each currency (ISO 4217 code) on DefaultRatesAsOf. USD itself is
// implied and not listed.
func DefaultRates() map[string]float64 { return maps.Clone(defaultRates) }
