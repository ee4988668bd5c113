package main

import (
	"math"

	"github.com/jobmarket/jobmarket/data"
)

// Region names, in the order the truth file lists them. They must match the
// pipeline config's region names exactly.
const (
	regionNA    = "North America"
	regionLatAm = "Latin America"
	regionEU    = "Europe"
	regionMEA   = "Middle East & Africa"
	regionAPAC  = "Asia-Pacific"
	regionAll   = "All regions"
)

// region is a group of countries with its true structural OpenStack premium.
type region struct {
	name    string
	premium float64 // fraction: 0.17 means OpenStack roles pay 17% more
}

// logPremium is the premium in log points, the scale the pay model adds it on.
func (r region) logPremium() float64 { return math.Log1p(r.premium) }

var regions = []region{
	{regionNA, 0.17}, // the often-quoted 17%
	{regionLatAm, 0.10},
	{regionEU, 0.12},
	{regionMEA, 0.08},
	{regionAPAC, 0.20},
}

func regionByName(name string) region {
	for _, r := range regions {
		if r.name == name {
			return r
		}
	}
	panic("boardgen: unknown region " + name)
}

// city is a place postings are hired in; state is the US state, Canadian
// province or Australian state code ("" elsewhere).
type city struct{ name, state string }

// periodWeight is how often a country states pay per period.
type periodWeight struct {
	period string
	weight float64
}

// country holds everything the model needs about one hiring country.
type country struct {
	code     string  // ISO 3166-1 alpha-2
	name     string  // English short name, as boards spell it out
	region   string  // region name
	weight   float64 // share of postings, in percent (normalized on use)
	baseUSD  float64 // mid-level Python base pay, USD per year
	currency string  // ISO 4217 currency pay is stated in
	cities   []city
	periods  []periodWeight // periods pay is stated per, before board limits
}

var countries = []country{
	{"US", "United States", regionNA, 30, 125000, "USD",
		[]city{{"Austin", "TX"}, {"Seattle", "WA"}, {"New York", "NY"}, {"Boston", "MA"}, {"Chicago", "IL"}, {"Denver", "CO"}},
		[]periodWeight{{"YEAR", 92}, {"HOUR", 8}}},
	{"CA", "Canada", regionNA, 6, 95000, "CAD",
		[]city{{"Toronto", "ON"}, {"Vancouver", "BC"}, {"Montreal", "QC"}, {"Ottawa", "ON"}},
		[]periodWeight{{"YEAR", 92}, {"HOUR", 8}}},
	{"MX", "Mexico", regionLatAm, 2, 40000, "MXN",
		[]city{{"Mexico City", ""}, {"Guadalajara", ""}, {"Monterrey", ""}},
		[]periodWeight{{"MONTH", 70}, {"YEAR", 30}}},
	{"BR", "Brazil", regionLatAm, 3, 38000, "BRL",
		[]city{{"São Paulo", ""}, {"Rio de Janeiro", ""}, {"Florianópolis", ""}},
		[]periodWeight{{"MONTH", 75}, {"YEAR", 25}}},
	{"AR", "Argentina", regionLatAm, 1, 30000, "USD",
		[]city{{"Buenos Aires", ""}, {"Córdoba", ""}},
		[]periodWeight{{"YEAR", 60}, {"MONTH", 40}}},
	{"DE", "Germany", regionEU, 9, 80000, "EUR",
		[]city{{"Berlin", ""}, {"Munich", ""}, {"Hamburg", ""}, {"Frankfurt", ""}},
		[]periodWeight{{"YEAR", 85}, {"MONTH", 15}}},
	{"FR", "France", regionEU, 4, 65000, "EUR",
		[]city{{"Paris", ""}, {"Lyon", ""}, {"Toulouse", ""}},
		[]periodWeight{{"YEAR", 85}, {"MONTH", 15}}},
	{"GB", "United Kingdom", regionEU, 9, 85000, "GBP",
		[]city{{"London", ""}, {"Manchester", ""}, {"Edinburgh", ""}, {"Cambridge", ""}},
		[]periodWeight{{"YEAR", 89}, {"DAY", 8}, {"WEEK", 3}}},
	{"NL", "Netherlands", regionEU, 3, 78000, "EUR",
		[]city{{"Amsterdam", ""}, {"Rotterdam", ""}, {"Utrecht", ""}},
		[]periodWeight{{"YEAR", 90}, {"MONTH", 10}}},
	{"IE", "Ireland", regionEU, 2, 82000, "EUR",
		[]city{{"Dublin", ""}, {"Cork", ""}, {"Galway", ""}},
		[]periodWeight{{"YEAR", 92}, {"MONTH", 5}, {"WEEK", 3}}},
	{"ES", "Spain", regionEU, 2, 50000, "EUR",
		[]city{{"Madrid", ""}, {"Barcelona", ""}, {"Valencia", ""}},
		[]periodWeight{{"YEAR", 90}, {"MONTH", 10}}},
	{"PL", "Poland", regionEU, 2, 45000, "PLN",
		[]city{{"Warsaw", ""}, {"Kraków", ""}, {"Wrocław", ""}},
		[]periodWeight{{"MONTH", 70}, {"YEAR", 30}}},
	{"SE", "Sweden", regionEU, 1.5, 65000, "SEK",
		[]city{{"Stockholm", ""}, {"Gothenburg", ""}, {"Malmö", ""}},
		[]periodWeight{{"MONTH", 70}, {"YEAR", 30}}},
	{"CH", "Switzerland", regionEU, 2, 130000, "CHF",
		[]city{{"Zurich", ""}, {"Geneva", ""}, {"Basel", ""}},
		[]periodWeight{{"YEAR", 95}, {"MONTH", 5}}},
	{"IL", "Israel", regionMEA, 0.8, 95000, "ILS",
		[]city{{"Tel Aviv", ""}, {"Haifa", ""}, {"Jerusalem", ""}},
		[]periodWeight{{"MONTH", 70}, {"YEAR", 30}}},
	{"AE", "United Arab Emirates", regionMEA, 0.5, 80000, "AED",
		[]city{{"Dubai", ""}, {"Abu Dhabi", ""}},
		[]periodWeight{{"MONTH", 70}, {"YEAR", 30}}},
	{"ZA", "South Africa", regionMEA, 0.5, 45000, "ZAR",
		[]city{{"Cape Town", ""}, {"Johannesburg", ""}},
		[]periodWeight{{"YEAR", 80}, {"MONTH", 20}}},
	{"IN", "India", regionAPAC, 9, 25000, "INR",
		[]city{{"Bengaluru", ""}, {"Pune", ""}, {"Hyderabad", ""}, {"Chennai", ""}},
		[]periodWeight{{"YEAR", 95}, {"MONTH", 5}}},
	{"JP", "Japan", regionAPAC, 3, 70000, "JPY",
		[]city{{"Tokyo", ""}, {"Osaka", ""}},
		[]periodWeight{{"YEAR", 90}, {"MONTH", 10}}},
	{"AU", "Australia", regionAPAC, 4, 105000, "AUD",
		[]city{{"Sydney", "NSW"}, {"Melbourne", "VIC"}, {"Brisbane", "QLD"}},
		[]periodWeight{{"YEAR", 96}, {"WEEK", 4}}},
	{"SG", "Singapore", regionAPAC, 2, 90000, "SGD",
		[]city{{"Singapore", ""}},
		[]periodWeight{{"MONTH", 70}, {"YEAR", 30}}},
}

// countriesIn lists the codes of a region's countries in table order.
func countriesIn(regionName string) []string {
	var codes []string
	for _, c := range countries {
		if c.region == regionName {
			codes = append(codes, c.code)
		}
	}
	return codes
}

// usdPerUnit is the USD value of one unit of each currency as of
// data.DefaultRatesAsOf: the project's one exchange-rate table, which the
// pipeline's default config carries too, with USD itself added so every
// currency a country pays in has an entry.
var usdPerUnit = func() map[string]float64 {
	rates := data.DefaultRates()
	rates["USD"] = 1
	return rates
}()

// periodsPerYear annualizes pay stated per period.
var periodsPerYear = map[string]float64{
	"HOUR": 2080, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1,
}

// seniority is a title prefix and its effect on log pay.
type seniority struct {
	prefix string // "" for mid-level
	logPay float64
}

var seniorities = []seniority{
	{"Junior", -0.25}, {"", 0}, {"Senior", 0.25}, {"Lead", 0.45}, {"Principal", 0.45},
}

// Seniority mix by role, in the order of seniorities. OpenStack roles skew
// more senior, so a raw premium is partly a seniority effect.
var (
	seniorityWeightsOpenStack = []float64{10, 35, 38, 9, 8}
	seniorityWeightsOther     = []float64{20, 42, 28, 6, 4}
)

// payNoiseSD is the standard deviation of the posting-level log-pay noise.
const payNoiseSD = 0.22
