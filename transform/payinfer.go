package transform

import "github.com/jobmarket/jobmarket/data"

// roughUSD is the order of magnitude of one unit of a currency in USD. It
// is used only to read the period of a figure that states none ("$25 -
// $45" is hourly, "$5000 - $8000" monthly); conversion always uses the
// dated rates of currency.rates. A factor of two off changes nothing here.
var roughUSD = map[string]float64{
	"USD": 1, "EUR": 1.1, "GBP": 1.3, "CHF": 1.1, "CAD": 0.73, "AUD": 0.66, "NZD": 0.6, "SGD": 0.74, "HKD": 0.13,
	"JPY": 0.0067, "CNY": 0.14, "TWD": 0.031, "KRW": 0.00073, "INR": 0.012, "PKR": 0.0036, "BDT": 0.0083,
	"LKR": 0.0033, "NPR": 0.0075, "IDR": 0.000063, "MYR": 0.22, "THB": 0.028, "PHP": 0.018, "VND": 0.00004,
	"BRL": 0.18, "MXN": 0.055, "ARS": 0.001, "CLP": 0.0011, "COP": 0.00025, "PEN": 0.27, "UYU": 0.025,
	"PLN": 0.25, "CZK": 0.043, "HUF": 0.0027, "RON": 0.22, "BGN": 0.55, "SEK": 0.095, "NOK": 0.093,
	"DKK": 0.145, "ISK": 0.0072, "RUB": 0.011, "UAH": 0.024, "TRY": 0.03, "ILS": 0.27, "AED": 0.27,
	"SAR": 0.27, "QAR": 0.27, "KWD": 3.3, "EGP": 0.02, "MAD": 0.1, "NGN": 0.00065, "KES": 0.0077, "ZAR": 0.055,
}

// Bounds, in USD, of a figure read as pay per period when the text names
// no period. Between maxHourlyUSD and minMonthlyUSD a figure could be a day
// rate, a weekly wage or a low monthly salary; we do not guess there.
const (
	maxHourlyUSD  = 200
	minMonthlyUSD = 1_000
	minYearlyUSD  = 10_000
)

// minYearlyLocal overrides minYearlyUSD where pay is stated yearly by
// custom at levels far below it: Indian postings state cost to company per
// year, so ₹5,00,000 is yearly though it is only about 6,000 USD.
var minYearlyLocal = map[string]float64{"INR": 100_000}

// periodByMagnitude reads the period of a figure from its size: an hourly
// rate, a monthly or a yearly salary. ok is false when the currency is not
// known well enough or the figure falls between the bands.
func periodByMagnitude(value float64, currency string) (data.Period, bool) {
	rate, ok := roughUSD[currency]
	if !ok {
		return "", false
	}
	if floor, ok := minYearlyLocal[currency]; ok && value >= floor {
		return data.PeriodYear, true
	}
	switch usd := value * rate; {
	case usd >= minYearlyUSD:
		return data.PeriodYear, true
	case usd >= minMonthlyUSD:
		return data.PeriodMonth, true
	case usd < maxHourlyUSD:
		return data.PeriodHour, true
	}
	return "", false
}
