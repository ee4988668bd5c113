package transform

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// Defaults for normalization. Each can be overridden in pipeline.yaml; a
// field left out (zero) takes its default.
const (
	// DefaultMinAnnualUSD and DefaultMaxAnnualUSD bound plausible annual
	// pay; outside them a figure is almost always a misread (a monthly
	// figure labelled yearly, a typo) and is kept but left out of estimates.
	DefaultMinAnnualUSD = 5_000
	DefaultMaxAnnualUSD = 1_000_000
	// DefaultMinProjects: OpenStack project names (nova, swift, heat...) are
	// ordinary words; only two or more together signal OpenStack.
	DefaultMinProjects = 2
	// DefaultProjectWindow is how many words apart two project names may
	// stand and still count together: a list ("Nova, Neutron and Cinder")
	// or a sentence, not the two ends of a long description where "Swift"
	// and "heat map" happen to appear.
	DefaultProjectWindow = 10
	// DefaultMaxTextDistance is the largest Hamming distance between the
	// 64-bit SimHashes of two descriptions that still makes them the same
	// posting. Reposts that only add a sentence differ by a few bits,
	// distinct postings of one employer by 8 or more in the demo data and
	// about 32 in general, so 3 errs on the side of keeping postings apart.
	DefaultMaxTextDistance = 3
	// MaxTextDistanceLimit bounds max_text_distance: beyond 16 of 64 bits,
	// SimHashes of unrelated postings of one employer come that close.
	MaxTextDistanceLimit = 16
	// DefaultMinTextWords: SimHashes of shorter descriptions ("Apply on our
	// site") say too little to call two postings the same.
	DefaultMinTextWords = 20
)

// DefaultAnnualize holds the working time in one year for each period:
// 40 hours × 52 weeks, 5 days × 52 weeks, 52 weeks, 12 months.
var DefaultAnnualize = map[data.Period]float64{
	data.PeriodHour: 2080, data.PeriodDay: 260, data.PeriodWeek: 52, data.PeriodMonth: 12, data.PeriodYear: 1,
}

// Default keyword lists of the role rule, the same as in the shipped
// pipeline.yaml.
var (
	DefaultOpenStack         = []string{"openstack"}
	DefaultOpenStackProjects = []string{"nova", "neutron", "cinder", "keystone", "glance", "swift", "heat", "ironic", "octavia", "kolla"}
	DefaultPython            = []string{"python", "django", "flask", "fastapi"}
	// DefaultProjectExceptions are phrases in which a project name is an
	// ordinary word: places, appliances, charts, Apple's language, banking.
	DefaultProjectExceptions = []string{"nova scotia", "bossa nova", "casa nova", "heat pump", "heat pumps", "heat map",
		"heat maps", "heat exchanger", "heat exchangers", "heat treatment", "heat sink", "heat transfer",
		"at a glance", "glance at", "swift code", "swift codes", "swift network", "swift payments", "swift messaging",
		"taylor swift", "swift ui", "apple swift", "swift and objective c", "objective c and swift",
		"ios swift", "swift ios", "keystone xl", "keystone species"}
	// DefaultSeniority maps each seniority level to the title words that
	// name it. "Staff" engineers are placed with leads: both sit above
	// senior and below principal in most career ladders.
	DefaultSeniority = map[string][]string{
		data.SeniorityJunior:    {"junior", "jr", "entry level", "graduate", "grad", "trainee", "apprentice"},
		data.SeniorityMid:       {"mid", "mid level", "intermediate"},
		data.SenioritySenior:    {"senior", "sr", "snr"},
		data.SeniorityLead:      {"lead", "staff", "team lead", "tech lead"},
		data.SeniorityPrincipal: {"principal", "distinguished"},
	}
)

// Config is how raw records are normalized.
type Config struct {
	Classify   Classify   `yaml:"classify"`
	Currency   Currency   `yaml:"currency"`
	Regions    Regions    `yaml:"regions"`
	Pay        PayRules   `yaml:"pay"`
	Duplicates Duplicates `yaml:"duplicates"`
}

// PayRules holds how stated pay becomes USD per year.
type PayRules struct {
	// Annualize maps HOUR, DAY, WEEK, MONTH to periods per year; a period
	// not named keeps its DefaultAnnualize factor.
	Annualize map[string]float64 `yaml:"annualize"`
	// Bounds of plausible annual pay in USD; outside them pay is an outlier.
	// Defaults 5,000 and 1,000,000.
	MinAnnualUSD float64 `yaml:"min_annual_usd"`
	MaxAnnualUSD float64 `yaml:"max_annual_usd"`
}

// Classify holds the keywords that decide a posting's role and the words
// that give its seniority. Matching is on whole words, case-insensitive,
// over title and description; a keyword followed by a version ("python3")
// matches, one inside a longer word ("pythonista") does not.
type Classify struct {
	// OpenStack words mark an OpenStack role on their own. Default
	// DefaultOpenStack.
	OpenStack []string `yaml:"openstack"`
	// OpenStackProjects are project names that mark an OpenStack role only
	// when at least MinProjects different ones stand within ProjectWindow
	// words of each other. Default DefaultOpenStackProjects.
	OpenStackProjects []string `yaml:"openstack_projects"`
	// MinProjects defaults to 2.
	MinProjects int `yaml:"min_projects"`
	// ProjectWindow, in words, defaults to 10.
	ProjectWindow int `yaml:"project_window"`
	// ProjectExceptions are phrases in which a project name does not count
	// ("nova scotia", "heat pump"). Default DefaultProjectExceptions.
	ProjectExceptions []string `yaml:"project_exceptions"`
	// Python words mark a Python role when the posting is not OpenStack.
	// Default DefaultPython.
	Python []string `yaml:"python"`
	// Seniority maps junior, mid, senior, lead and principal to the title
	// words that name each; a level not named keeps its DefaultSeniority
	// words. When a title names several levels, the highest wins.
	Seniority map[string][]string `yaml:"seniority"`
}

// Duplicates holds how repeated postings are found besides the key of
// company, title, place and pay.
type Duplicates struct {
	// MaxTextDistance is the largest Hamming distance (bits of 64) between
	// the SimHashes of two descriptions of the same employer or title in
	// the same place that makes the later one a repeat. Default 3, at most
	// 16; -1 turns the text comparison off.
	MaxTextDistance int `yaml:"max_text_distance"`
	// MinTextWords is the fewest words a description needs to be compared
	// by text. Default 20.
	MinTextWords int `yaml:"min_text_words"`
}

// Currency is the dated table of exchange rates.
type Currency struct {
	// Base is the currency of all converted figures; only USD is supported.
	Base string `yaml:"base"`
	// AsOf is the date the rates were read, "2006-01-02".
	AsOf string `yaml:"as_of"`
	// Rates gives the value of one unit of each currency in Base.
	Rates map[string]float64 `yaml:"rates"`
}

// DefaultConfig is the normalization config with every default filled
// in. It has no exchange rates and no regions, which only the pipeline
// config can give.
func DefaultConfig() Config {
	var c Config
	c.applyDefaults()
	return c
}

// applyDefaults fills every zero field with its default.
func (c *Config) applyDefaults() {
	if c.Pay.MinAnnualUSD == 0 {
		c.Pay.MinAnnualUSD = DefaultMinAnnualUSD
	}
	if c.Pay.MaxAnnualUSD == 0 {
		c.Pay.MaxAnnualUSD = DefaultMaxAnnualUSD
	}
	if len(c.Pay.Annualize) > 0 {
		// Keys are period names in any case; lookups use the upper-case form.
		norm := make(map[string]float64, len(c.Pay.Annualize))
		for k, v := range c.Pay.Annualize {
			norm[strings.ToUpper(strings.TrimSpace(k))] = v
		}
		c.Pay.Annualize = norm
	}
	cl := &c.Classify
	if cl.MinProjects == 0 {
		cl.MinProjects = DefaultMinProjects
	}
	if cl.ProjectWindow == 0 {
		cl.ProjectWindow = DefaultProjectWindow
	}
	if len(cl.OpenStack) == 0 {
		cl.OpenStack = DefaultOpenStack
	}
	if len(cl.OpenStackProjects) == 0 {
		cl.OpenStackProjects = DefaultOpenStackProjects
	}
	if len(cl.Python) == 0 {
		cl.Python = DefaultPython
	}
	if cl.ProjectExceptions == nil {
		// Only the default phrases that name a configured project apply.
		projects := map[uint64]bool{}
		for _, p := range cl.OpenStackProjects {
			for _, h := range phraseHashes(p) {
				projects[h] = true
			}
		}
		for _, e := range DefaultProjectExceptions {
			if slices.ContainsFunc(phraseHashes(e), func(h uint64) bool { return projects[h] }) {
				cl.ProjectExceptions = append(cl.ProjectExceptions, e)
			}
		}
		if cl.ProjectExceptions == nil {
			cl.ProjectExceptions = []string{}
		}
	}
	seniority := make(map[string][]string, len(DefaultSeniority))
	for level, words := range DefaultSeniority {
		seniority[level] = words
	}
	for level, words := range cl.Seniority {
		seniority[level] = words
	}
	cl.Seniority = seniority
	if c.Duplicates.MaxTextDistance == 0 {
		c.Duplicates.MaxTextDistance = DefaultMaxTextDistance
	}
	if c.Duplicates.MinTextWords == 0 {
		c.Duplicates.MinTextWords = DefaultMinTextWords
	}
	if c.Currency.Base == "" {
		c.Currency.Base = "USD"
	}
}

var isoCurrency = regexp.MustCompile(`^[A-Z]{3}$`)

// Validate reports every problem in the normalization settings at once.
func (c Config) Validate() error {
	annualize := c.Pay.Annualize // before applyDefaults folds the keys' case
	c.applyDefaults()
	errs := c.Classify.validate()
	if c.Currency.Base != "USD" {
		errs = append(errs, fmt.Errorf("currency.base: %q is not supported (only USD)", c.Currency.Base))
	}
	if _, err := time.Parse(time.DateOnly, c.Currency.AsOf); err != nil {
		errs = append(errs, fmt.Errorf("currency.as_of: %q is not a date (want 2006-01-02)", c.Currency.AsOf))
	}
	for _, code := range sortedKeys(c.Currency.Rates) {
		if !isoCurrency.MatchString(code) {
			errs = append(errs, fmt.Errorf("currency.rates.%s: not an ISO 4217 code", code))
		}
		if v := c.Currency.Rates[code]; !(v > 0) {
			errs = append(errs, fmt.Errorf("currency.rates.%s: %v is not a positive rate", code, v))
		}
	}
	seen := map[data.Period]string{}
	for _, p := range sortedKeys(annualize) {
		period, err := data.ParsePeriod(p)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("pay.annualize.%s: %w", p, err))
		case seen[period] != "":
			errs = append(errs, fmt.Errorf("pay.annualize.%s: %s is already given as %s", p, period, seen[period]))
		case !(annualize[p] > 0):
			errs = append(errs, fmt.Errorf("pay.annualize.%s: %v is not positive", p, annualize[p]))
		}
		seen[period] = p
	}
	if !(c.Pay.MinAnnualUSD < c.Pay.MaxAnnualUSD) {
		errs = append(errs, fmt.Errorf("pay.min_annual_usd (%v) must be below pay.max_annual_usd (%v)", c.Pay.MinAnnualUSD, c.Pay.MaxAnnualUSD))
	}
	if d := c.Duplicates.MaxTextDistance; d < -1 || d > MaxTextDistanceLimit {
		errs = append(errs, fmt.Errorf("duplicates.max_text_distance: %d is not between 0 and %d (or -1 for off)", d, MaxTextDistanceLimit))
	}
	if c.Duplicates.MinTextWords < 0 {
		errs = append(errs, fmt.Errorf("duplicates.min_text_words: %d is negative", c.Duplicates.MinTextWords))
	}
	errs = append(errs, c.Regions.validate()...)
	return errors.Join(errs...)
}

func (cl Classify) validate() []error {
	var errs []error
	for _, list := range []struct {
		key   string
		words []string
	}{{"openstack", cl.OpenStack}, {"openstack_projects", cl.OpenStackProjects}, {"python", cl.Python},
		{"project_exceptions", cl.ProjectExceptions}} {
		for i, w := range list.words {
			if len(phraseHashes(w)) == 0 {
				errs = append(errs, fmt.Errorf("classify.%s[%d]: %q has no letters or digits", list.key, i, w))
			}
		}
	}
	if cl.MinProjects < 1 || cl.MinProjects > len(cl.OpenStackProjects) {
		errs = append(errs, fmt.Errorf("classify.min_projects: %d is not between 1 and the %d openstack_projects", cl.MinProjects, len(cl.OpenStackProjects)))
	}
	if cl.ProjectWindow < 1 {
		errs = append(errs, fmt.Errorf("classify.project_window: %d is not a positive number of words", cl.ProjectWindow))
	}
	projects := map[uint64]bool{}
	for _, p := range cl.OpenStackProjects {
		for _, h := range phraseHashes(p) {
			projects[h] = true
		}
	}
	for i, e := range cl.ProjectExceptions {
		if !slices.ContainsFunc(phraseHashes(e), func(h uint64) bool { return projects[h] }) {
			errs = append(errs, fmt.Errorf("classify.project_exceptions[%d]: %q names no project of openstack_projects", i, e))
		}
	}
	for _, level := range sortedKeys(cl.Seniority) {
		if !slices.Contains(data.SeniorityLevels, level) {
			errs = append(errs, fmt.Errorf("classify.seniority.%s: not a level (want %s)", level, strings.Join(data.SeniorityLevels, ", ")))
		}
	}
	return errs
}

func (r Regions) validate() []error {
	var errs []error
	if len(r) == 0 {
		errs = append(errs, errors.New("regions: none configured"))
	}
	owner := map[string]string{}
	for _, reg := range r {
		if reg.Name == "" || strings.EqualFold(reg.Name, data.RegionUnknown) || reg.Name == data.RegionAll {
			errs = append(errs, fmt.Errorf("regions: %q is not a usable region name", reg.Name))
		}
		for _, cc := range reg.Countries {
			if _, ok := countryByCode[cc]; !ok {
				errs = append(errs, fmt.Errorf("regions.%s: %q is not an ISO 3166-1 alpha-2 code", reg.Name, cc))
			}
			if prev, ok := owner[cc]; ok {
				errs = append(errs, fmt.Errorf("regions.%s: %s is already in region %q", reg.Name, cc, prev))
			}
			owner[cc] = reg.Name
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
