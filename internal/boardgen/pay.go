package main

import (
	"math"
	"math/rand/v2"
)

// shape is how a posting states its pay.
type shape int

const (
	shapeRange  shape = iota // "$120,000 - $150,000"
	shapeSingle              // "$130,000": min == max
	shapeUpTo                // "Up to $180,000": max only
	shapeFrom                // "From $90,000": min only
)

// periodOneTime marks a Lever "one-time" amount, which cannot be annualized.
const periodOneTime = "ONE-TIME"

// pay is pay exactly as a posting states it: whole numbers in one currency
// per one period. For shapeUpTo only max is stated, for shapeFrom only min.
type pay struct {
	shape    shape
	min, max int64
	currency string
	period   string // YEAR, MONTH, WEEK, DAY, HOUR or periodOneTime
}

// midpoint is the figure the stated pay stands for: the middle of a range
// or the one stated bound.
func (p pay) midpoint() float64 {
	switch p.shape {
	case shapeUpTo:
		return float64(p.max)
	case shapeFrom:
		return float64(p.min)
	}
	return (float64(p.min) + float64(p.max)) / 2
}

// annualUSD is the stated pay as USD per year: midpoint × periods per year ×
// USD per unit. It reports false for one-time pay.
func (p pay) annualUSD() (float64, bool) {
	factor, ok := periodsPerYear[p.period]
	if !ok {
		return 0, false
	}
	return p.midpoint() * factor * usdPerUnit[p.currency], true
}

// Outlier bounds on annual USD, as the pipeline applies them.
const (
	minPlausibleUSD = 5000
	maxPlausibleUSD = 1000000
)

// isOutlier says whether annual pay is implausible and left out of estimates.
func isOutlier(annualUSD float64) bool {
	return annualUSD < minPlausibleUSD || annualUSD > maxPlausibleUSD
}

// roundingStep is what stated bounds are rounded to for a period and
// currency: currencies with small units (JPY, INR) round a hundred times
// coarser.
func roundingStep(period, currency string) float64 {
	coarse := currency == "JPY" || currency == "INR"
	switch period {
	case "YEAR", periodOneTime:
		if coarse {
			return 100000
		}
		return 1000
	case "MONTH":
		if coarse {
			return 10000
		}
		return 100
	case "WEEK", "DAY":
		return 10
	}
	return 1 // HOUR
}

func roundTo(x, step float64) int64 { return int64(math.Round(x/step) * step) }

// statePay turns a latent annual USD figure into pay as a posting would
// state it: converted to the local currency per period, spread into a range
// of ±5–15%, and rounded.
func statePay(r *rand.Rand, annualUSD float64, currency, period string, sh shape) pay {
	step := roundingStep(period, currency)
	mid := annualUSD / periodsPerYear[period] / usdPerUnit[currency]
	spread := 0.05 + 0.10*r.Float64()
	lo := max(roundTo(mid*(1-spread), step), int64(step))
	hi := max(roundTo(mid*(1+spread), step), lo)
	p := pay{shape: sh, currency: currency, period: period}
	switch sh {
	case shapeRange:
		p.min, p.max = lo, hi
		if lo == hi {
			p.shape = shapeSingle
		}
	case shapeSingle:
		v := max(roundTo(mid, step), int64(step))
		p.min, p.max = v, v
	case shapeUpTo:
		p.max = hi
	case shapeFrom:
		p.min = lo
	}
	return p
}

// wholeThousands says whether every stated bound is a multiple of 1,000,
// which the "k" templates ("€60k–70k") need.
func (p pay) wholeThousands() bool {
	return p.min%1000 == 0 && p.max%1000 == 0
}
