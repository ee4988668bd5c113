package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// role is what the default classify rules make of a title or a sentence;
// OR-ing the role of a title and of a description's lead sentence gives
// the posting's, since OpenStack wins over Python.
type role uint8

const (
	roleOther     role = 0
	rolePython    role = 1
	roleOpenStack role = 2 | rolePython // a Python mention does not make an OpenStack role Python
)

var sources = []struct{ name, kind string }{{"jsonboard", "jsonld"}, {"leverapi", "lever"}, {"htmlboard", "html"}}

// levels are title prefixes with their pay factor in thousandths. Two in
// eight titles name no level.
var levels = []struct {
	text   string
	factor int64
}{{"", 1000}, {"", 1000}, {"Junior ", 750}, {"Senior ", 1250}, {"Sr. ", 1250}, {"Lead ", 1400}, {"Principal ", 1600},
	{"Staff ", 1400}}

var titles = []struct {
	text string
	role role
}{{"OpenStack Engineer", roleOpenStack}, {"Cloud Infrastructure Engineer", roleOther}, {"Python Developer", rolePython},
	{"Backend Engineer (Python)", rolePython}, {"Data Engineer", roleOther}, {"Site Reliability Engineer", roleOther},
	{"Java Developer", roleOther}, {"iOS Engineer", roleOther}, {"Frontend Developer", roleOther}, {"Platform Engineer", roleOther}}

var (
	teams           = []string{"", "", ", Payments", ", Storage", ", R&D", " (m/w/d)", ", Compute", ", Growth"}
	companies       = []string{"Acme", "Bluefin", "Cobalt", "Driftwood", "Ember", "Foxglove", "Granite", "Harbor", "Ironbark", "Juniper"}
	companySuffixes = []string{"", " Inc.", " GmbH", " Cloud", " Systems", " Ltd"}
)

// roleSentences open a description and settle its role: OpenStack by
// name, OpenStack by three project names together, Python, or neither
// ("Swift" alone is Apple's language, not OpenStack's object store).
var roleSentences = []struct {
	fill sentence
	role role
}{
	{mustSentence("You will run our OpenStack private cloud across %d data centers."), roleOpenStack},
	{mustSentence("You will operate Nova, Neutron and Keystone at scale."), roleOpenStack},
	{mustSentence("You will build backend services in Python with Django."), rolePython},
	{mustSentence("Our public APIs are written in Python using FastAPI."), rolePython},
	{mustSentence("You will build services in Java and Spring Boot."), roleOther},
	{mustSentence("You will build our iOS app in Swift."), roleOther},
	{mustSentence("You will run Kubernetes clusters with Terraform."), roleOther},
}

// genericSentences fill a description with numbers that are not pay
// (years of experience, team sizes, 401(k), 99.9%) and with words that
// look like OpenStack projects but are not ("heat map").
var genericSentences = []sentence{
	mustSentence("We are looking for %d+ years of experience in a similar role."),
	mustSentence("You will join a team of %d engineers across 3 time zones."),
	mustSentence("Our services run at 99.9% uptime."),
	mustSentence("Benefits include health insurance, 401(k) matching and %d weeks of parental leave."),
	mustSentence("Our office is %d minutes from the main station."),
	mustSentence("You will build a heat map of customer activity."),
	mustSentence("We were founded in %d and work with customers in 40 countries."),
	mustSentence("We review every change and deploy many times a day."),
	mustSentence("You care about clean APIs, good documentation and kind code reviews."),
	mustSentence("We offer a learning budget and a yearly conference trip."),
}

// sentence is a sentence with at most one number, drawn from 2 to 2021,
// where "%d" stands.
type sentence struct {
	before, after string
	number        bool
}

func mustSentence(s string) sentence {
	before, after, found := strings.Cut(s, "%d")
	if strings.Contains(after, "%d") {
		panic("synth: sentence with two numbers: " + s)
	}
	return sentence{before: before, after: after, number: found}
}

func (s sentence) appendTo(b []byte, r *rand.Rand) []byte {
	b = append(b, s.before...)
	if s.number {
		b = strconv.AppendInt(b, int64(2+r.IntN(2020)), 10)
	}
	return append(b, s.after...)
}
