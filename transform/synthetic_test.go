package transform_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// synth draws raw records as the scrape stage gives them, in the shapes
// real boards use: structured pay (schema.org, Lever), pay text in many
// formats, pay only in the description, no pay; places as codes, names,
// "City, ST" and remote markers; descriptions of 60-250 words with numbers
// that are not pay; repeats of earlier postings; and a few rejects. It is
// for benchmarks and stream tests; data/boardgen makes the demo snapshot.
type synth struct {
	r    *rand.Rand
	seen []data.RawRecord // recent records, for repeats
}

func newSynth(seed uint64) *synth { return &synth{r: rand.New(rand.NewPCG(seed, 0x73796e7468))} }

// syntheticRecords draws n records.
func syntheticRecords(n int, seed uint64) []data.RawRecord {
	s := newSynth(seed)
	out := make([]data.RawRecord, n)
	for i := range out {
		out[i] = s.next(i)
	}
	return out
}

var (
	synthSources  = []string{"jsonboard", "leverapi", "htmlboard"}
	synthLevels   = []string{"", "", "Junior ", "Senior ", "Sr. ", "Lead ", "Principal ", "Staff "}
	synthTitles   = []string{"OpenStack Engineer", "Cloud Infrastructure Engineer", "Python Developer", "Backend Engineer (Python)", "Data Engineer", "Site Reliability Engineer", "Java Developer", "iOS Engineer", "Frontend Developer", "Platform Engineer"}
	synthTeams    = []string{"", "", ", Payments", ", Storage", ", R&D", " (m/w/d)", ", Compute", ", Growth"}
	synthCompany  = []string{"Acme", "Bluefin", "Cobalt", "Driftwood", "Ember", "Foxglove", "Granite", "Harbor", "Ironbark", "Juniper"}
	synthSuffixes = []string{"", " Inc.", " GmbH", " Cloud", " Systems", " Ltd"}
	synthPlaces   = [][2]string{ // location, country field
		{"Austin, TX, USA", ""}, {"Seattle, WA", "US"}, {"Remote (United States)", "United States"}, {"Toronto, ON", "CA"},
		{"Berlin, Germany", "DE"}, {"München, Deutschland", ""}, {"London, United Kingdom", "GB"}, {"Remote - UK", ""},
		{"Paris, France", "FR"}, {"Amsterdam", "NL"}, {"Bengaluru, India", "IN"}, {"Pune", "India"}, {"Tokyo, Japan", "JP"},
		{"Sydney NSW", "AU"}, {"Singapore", "SG"}, {"São Paulo, Brasil", ""}, {"Ciudad de México", "MX"}, {"Zürich", "CH"},
		{"Tel Aviv, Israel", ""}, {"Remote - EU", ""}, {"Atlantis", ""}, {"Warszawa, Polska", "PL"},
	}
	synthPayText = []string{"$120K - $150K a year", "USD 142,000 - 174,000 per year", "£45,000 - £55,000 per annum",
		"€60k–70k", "60.000 - 70.000 EUR", "CHF 120'000", "₹12,00,000 - ₹18,00,000 a year", "$55 - $65 an hour",
		"$9,500/month", "Up to $180,000", "From €50k", "Competitive", "DOE", "R$ 8.000 - R$ 12.000 por mês",
		"600万円～800万円", "15 000 - 20 000 PLN brutto/mies.", "Estimated $95.3K - $121K a year", "12-16 Lacs P.A."}
	synthRole = []string{"You will run our OpenStack private cloud across %d data centers.",
		"You will operate Nova, Neutron and Keystone at scale.", "You will build backend services in Python with Django.",
		"Our public APIs are written in Python using FastAPI.", "You will build services in Java and Spring Boot.",
		"You will build our iOS app in Swift.", "You will run Kubernetes clusters with Terraform."}
	synthGeneric = []string{"We are looking for %d+ years of experience in a similar role.",
		"You will join a team of %d engineers across 3 time zones.", "Our services run at 99.9%% uptime.",
		"Benefits include health insurance, 401(k) matching and %d weeks of parental leave.",
		"Our office is %d minutes from the main station.", "You will build a heat map of customer activity.",
		"We were founded in %d and work with customers in 40 countries.", "We review every change and deploy many times a day.",
		"You care about clean APIs, good documentation and kind code reviews.", "We offer a learning budget and a yearly conference trip."}
	synthPeriods = []string{"YEAR", "year", "Month", "HOUR", "per-year-salary", "per-month-salary", "per-hour-wage", "one-time", ""}
)

// next draws record i.
func (s *synth) next(i int) data.RawRecord {
	r := s.r
	if len(s.seen) > 0 && r.Float64() < 0.05 {
		// A repeat: the same posting on another board or reposted.
		rec := s.seen[r.IntN(len(s.seen))]
		rec.Source = synthSources[r.IntN(len(synthSources))]
		rec.URL = "https://" + rec.Source + ".example/jobs/" + strconv.Itoa(i)
		return rec
	}
	src := synthSources[i%len(synthSources)]
	place := synthPlaces[r.IntN(len(synthPlaces))]
	rec := data.RawRecord{
		Source: src, Kind: "jsonld", URL: "https://" + src + ".example/jobs/" + strconv.Itoa(i),
		Title:    synthLevels[r.IntN(len(synthLevels))] + synthTitles[r.IntN(len(synthTitles))] + synthTeams[r.IntN(len(synthTeams))],
		Company:  synthCompany[r.IntN(len(synthCompany))] + " " + strconv.Itoa(r.IntN(400)) + synthSuffixes[r.IntN(len(synthSuffixes))],
		Location: place[0], Country: place[1], PayMin: math.NaN(), PayMax: math.NaN(),
	}
	day := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(365))
	switch r.IntN(3) {
	case 0:
		rec.PostedDate = day.Format(time.DateOnly)
	case 1:
		rec.PostedDate = strconv.FormatInt(day.UnixMilli(), 10)
	default:
		rec.PostedDate = day.Format(time.RFC3339)
	}
	if r.Float64() < 0.15 {
		rec.Remote = "TELECOMMUTE"
	}
	var desc strings.Builder
	sentences := 4 + r.IntN(12)
	desc.WriteString(fill(synthRole[r.IntN(len(synthRole))], r))
	for range sentences {
		desc.WriteByte(' ')
		desc.WriteString(fill(synthGeneric[r.IntN(len(synthGeneric))], r))
	}
	switch x := r.Float64(); {
	case x < 0.40:
		lo := float64(40+r.IntN(120)) * 1000
		rec.PayMin, rec.PayMax = lo, lo*1.2
		rec.PayCurrency = []string{"USD", "EUR", "GBP", "INR", "", "$"}[r.IntN(6)]
		rec.PayPeriod = synthPeriods[r.IntN(len(synthPeriods))]
		if strings.Contains(strings.ToLower(rec.PayPeriod), "hour") {
			rec.PayMin, rec.PayMax = rec.PayMin/2000, rec.PayMax/2000
		}
	case x < 0.65:
		rec.PayText = synthPayText[r.IntN(len(synthPayText))]
	case x < 0.75:
		desc.WriteString(" Compensation: " + synthPayText[r.IntN(len(synthPayText))] + ".")
	}
	rec.Description = desc.String()
	switch x := r.Float64(); {
	case x < 0.005:
		rec.RejectReason = "broken JSON-LD: unexpected end of JSON input"
	case x < 0.007:
		rec.Title = ""
	}
	if len(s.seen) < 512 {
		s.seen = append(s.seen, rec)
	} else {
		s.seen[r.IntN(len(s.seen))] = rec
	}
	return rec
}

func fill(s string, r *rand.Rand) string {
	if i := strings.Index(s, "%d"); i >= 0 {
		return s[:i] + strconv.Itoa(2+r.IntN(2020)) + strings.ReplaceAll(s[i+2:], "%%", "%")
	}
	return strings.ReplaceAll(s, "%%", "%")
}
