package synth

import (
	"math"
	"math/rand/v2"

	"github.com/jobmarket/jobmarket/data"
)

// StructuralPremium is how much more an OpenStack role pays than a Python
// role that is alike in everything else: 0.15, that is log(1.15) ≈ 0.140
// log points. Every pay figure of an OpenStack posting, structured or in
// text, is scaled by 1 + StructuralPremium.
const StructuralPremium = 0.15

// openStackFactor is 1 + StructuralPremium in thousandths, for integer
// arithmetic.
const openStackFactor = 1150

// place is a location as boards write it, with the country field beside
// it, and the pay model's base for the country: annual USD of a mid-level
// Python role, and the local currency.
type place struct {
	location, country string
	baseUSD           int64
	currency          *currency // nil when the place names no country
}

// currency is a currency of the pay model: its code, the mark boards put
// in its place, and the USD value of one unit from the project's one
// exchange-rate table (data.DefaultRates), the table the default config
// converts pay back with, so annual USD after normalization lands on the
// base.
type currency struct {
	code, mark string
	usdPerUnit float64
}

var (
	usd = newCurrency("USD", "$")
	cad = newCurrency("CAD", "$")
	eur = newCurrency("EUR", "€")
	gbp = newCurrency("GBP", "£")
	inr = newCurrency("INR", "₹")
	jpy = newCurrency("JPY", "¥")
	aud = newCurrency("AUD", "$")
	sgd = newCurrency("SGD", "$")
	brl = newCurrency("BRL", "R$")
	mxn = newCurrency("MXN", "$")
	chf = newCurrency("CHF", "CHF")
	ils = newCurrency("ILS", "₪")
	pln = newCurrency("PLN", "zł")
)

// newCurrency looks the code up in data.DefaultRates; USD is worth 1. It
// panics on a code the table lacks, at init, so no test can miss it.
func newCurrency(code, mark string) *currency {
	if code == "USD" {
		return &currency{code, mark, 1}
	}
	rate, ok := data.DefaultRates()[code]
	if !ok {
		panic("synth: data.DefaultRates has no rate for " + code)
	}
	return &currency{code, mark, rate}
}

// fromUSD converts whole USD to whole units of the currency, rounded to
// the nearest. It is the model's one floating-point step: a single
// division, which IEEE 754 rounds the same way on every platform and no
// compiler fuses with another operation.
func (c *currency) fromUSD(amountUSD int64) int64 {
	return int64(math.Round(float64(amountUSD) / c.usdPerUnit))
}

// defaultBaseUSD is the base of a posting whose place names no country.
const defaultBaseUSD = 75_000

// places are written the ways boards write them: "City, ST", a city
// alone, a name in the country's language, remote markers, a region that
// is no country, and a place that does not exist.
var places = []place{
	{"Austin, TX, USA", "", 140_000, usd}, {"Seattle, WA", "US", 140_000, usd},
	{"Remote (United States)", "United States", 140_000, usd}, {"Toronto, ON", "CA", 105_000, cad},
	{"Berlin, Germany", "DE", 85_000, eur}, {"München, Deutschland", "", 85_000, eur},
	{"London, United Kingdom", "GB", 90_000, gbp}, {"Remote - UK", "", 90_000, gbp},
	{"Paris, France", "FR", 70_000, eur}, {"Amsterdam", "NL", 80_000, eur},
	{"Bengaluru, India", "IN", 25_000, inr}, {"Pune", "India", 25_000, inr}, {"Tokyo, Japan", "JP", 60_000, jpy},
	{"Sydney NSW", "AU", 100_000, aud}, {"Singapore", "SG", 85_000, sgd}, {"São Paulo, Brasil", "", 35_000, brl},
	{"Ciudad de México", "MX", 35_000, mxn}, {"Zürich", "CH", 130_000, chf}, {"Tel Aviv, Israel", "", 95_000, ils},
	{"Remote - EU", "", defaultBaseUSD, nil}, {"Atlantis", "", defaultBaseUSD, nil},
	{"Warszawa, Polska", "PL", 50_000, pln},
}

// payFactor is the factor, in thousandths, that a posting's role and
// seniority and noise between 0.8 and 1.2 put on the base pay.
func payFactor(rl role, seniority int64, r *rand.Rand) int64 {
	f := seniority * int64(800+r.IntN(401)) / 1000
	if rl&roleOpenStack == roleOpenStack {
		f = f * openStackFactor / 1000
	}
	return f
}

// structuredPeriods are the period names boards give structured pay, with
// how many of each period make a year (0: one-time pay, which has none).
var structuredPeriods = []struct {
	name    string
	perYear int64
}{{"YEAR", 1}, {"year", 1}, {"Month", 12}, {"HOUR", 2080}, {"per-year-salary", 1}, {"per-month-salary", 12},
	{"per-hour-wage", 2080}, {"one-time", 0}, {"", 1}}

// structuredPay sets the record's structured pay: the bottom of the range
// is the model's annual pay in the country's currency, per the drawn
// period, the top 1.2 times the bottom. The currency field holds the
// code, a mark, or nothing (the country tells); one posting in fifty
// mislabels it "INR".
func (g *Generator) structuredPay(rec *data.RawRecord, p place, factor int64) {
	r := g.r
	cur := p.currency
	if cur == nil {
		cur = usd
	}
	annual := cur.fromUSD(p.baseUSD * factor / 1000)
	period := structuredPeriods[r.IntN(len(structuredPeriods))]
	var lowCents int64 // hundredths of the currency
	switch period.perYear {
	case 0, 1:
		lowCents = roundTo(annual, 1000) * 100
	case 12:
		lowCents = roundTo(annual/12, 10) * 100
	default:
		lowCents = annual * 100 / period.perYear
	}
	highCents := lowCents * 6 / 5
	rec.PayMin, rec.PayMax = float64(lowCents)/100, float64(highCents)/100
	rec.PayPeriod = period.name
	switch x := r.IntN(100); {
	case x < 2:
		rec.PayCurrency = "INR"
	case x < 18:
		rec.PayCurrency = ""
	case x < 34:
		rec.PayCurrency = cur.mark
	default:
		rec.PayCurrency = cur.code
	}
}

// roundTo rounds v to the nearest multiple of step, halves up.
func roundTo(v, step int64) int64 { return (v + step/2) / step * step }
