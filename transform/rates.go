package transform

import (
	"fmt"

	"github.com/jobmarket/jobmarket/data"
)

// Rate is the value of one unit of currency code in USD for pay posted in
// quarter ("2026Q3", "" when unknown): the quarter's rate in
// RatesByQuarter, else the rate in Rates, else 1 for USD. It fails when
// neither table has the currency.
func (c Currency) Rate(code, quarter string) (float64, error) {
	if rate, ok := c.RatesByQuarter[quarter][code]; ok && quarter != "" {
		return rate, nil
	}
	if rate, ok := c.Rates[code]; ok {
		return rate, nil
	}
	if code == DefaultBase {
		return 1, nil
	}
	return 0, fmt.Errorf("no exchange rate for %s in currency.rates", code)
}

// validateByQuarter checks currency.rates_by_quarter: every key a quarter
// as postings' quarters are named ("2026Q2"), and under it rates as
// currency.rates takes them.
func (c Currency) validateByQuarter() []error {
	var errs []error
	for _, quarter := range sortedKeys(c.RatesByQuarter) {
		path := "currency.rates_by_quarter." + quarter
		if _, err := data.ParseQuarter(quarter); err != nil {
			errs = append(errs, data.FieldErrorf(path, "%q is not a quarter like 2026Q2", quarter))
		}
		errs = append(errs, validateRates(path, c.RatesByQuarter[quarter])...)
	}
	return errs
}

// validateRates checks a table of rates at path: each key an ISO 4217
// code in capitals, each rate positive.
func validateRates(path string, rates map[string]float64) []error {
	var errs []error
	for _, code := range sortedKeys(rates) {
		if !isISOCurrency(code) {
			errs = append(errs, data.FieldErrorf(path+"."+code, "not an ISO 4217 code"))
		}
		if v := rates[code]; !(v > 0) {
			errs = append(errs, data.FieldErrorf(path+"."+code, "%v is not a positive rate", v))
		}
	}
	return errs
}
