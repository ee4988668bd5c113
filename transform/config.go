package transform

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/jobmarket/jobmarket/data"
)

// Defaults for normalization, gathered by DefaultConfig. Each can be
// overridden in pipeline.yaml; a field left out keeps its default.
const (
	// DefaultBase is the currency of every converted figure, and the only
	// one supported.
	DefaultBase = "USD"
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

// Config is how raw records are normalized. Start from DefaultConfig: a
// zero field means zero, not the default.
type Config struct {
	Classify   Classify   `yaml:"classify"`
	Currency   Currency   `yaml:"currency"`
	Regions    Regions    `yaml:"regions"`
	Pay        PayRules   `yaml:"pay"`
	Duplicates Duplicates `yaml:"duplicates"`
	// DateOrders maps a source name to how that source writes numeric
	// dates whose day and month could be swapped: data.DateOrderDMY or
	// data.DateOrderMDY. A source not named (or named with another value)
	// reads only unambiguous ones ("19/07/2026") and counts the others as
	// unreadable. It is no section of pipeline.yaml: the program fills it
	// from each source's date_order.
	DateOrders map[string]string `yaml:"-"`
	// SourcePay maps a source name to its pay settings (which pay field
	// values to ignore, whether the description is read first). A source
	// not named has none. Like DateOrders it is no section of
	// pipeline.yaml: the program fills it from each source's pay block.
	SourcePay map[string]data.PaySettings `yaml:"-"`
}

// PayRules holds how stated pay becomes USD per year.
type PayRules struct {
	// Annualize maps HOUR, DAY, WEEK, MONTH (keys in any case) to periods
	// per year. Default {HOUR: 2080, DAY: 260, WEEK: 52, MONTH: 12}; a
	// period not named keeps its DefaultAnnualize factor, and YEAR is 1.
	Annualize map[string]float64 `yaml:"annualize"`
	// MinAnnualUSD and MaxAnnualUSD bound plausible annual pay in USD;
	// outside them pay is an outlier. Defaults 5,000 and 1,000,000; the
	// minimum must be below the maximum.
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
	// MinProjects is how many different project names mark an OpenStack
	// role, between 1 and len(OpenStackProjects). Default 2.
	MinProjects int `yaml:"min_projects"`
	// ProjectWindow is how many words apart those names may stand. Default
	// 10, at least 1.
	ProjectWindow int `yaml:"project_window"`
	// ProjectExceptions are phrases in which a project name does not count
	// ("nova scotia", "heat pump"). Default DefaultProjectExceptions; [] turns
	// them off. A phrase that names none of OpenStackProjects does not
	// apply: it is no error, so trimming openstack_projects needs no
	// trimming of the exceptions.
	ProjectExceptions []string `yaml:"project_exceptions"`
	// Python words mark a Python role when the posting is not OpenStack.
	// Default DefaultPython.
	Python []string `yaml:"python"`
	// Seniority maps junior, mid, senior, lead and principal to the title
	// words that name each. Default DefaultSeniority; a level not named
	// keeps its DefaultSeniority words, a level given [] has none. When a
	// title names several levels, the highest wins.
	Seniority map[string][]string `yaml:"seniority"`

	// Definition is what makes a posting an OpenStack or a Python role:
	// data.DefinitionCore (the default) or data.DefinitionMention. The
	// listings keep both levels, so the analysis also writes the estimate
	// under the other definition.
	Definition string `yaml:"definition"`
	// CoreScore is the score at which a mentioned technology is core; see
	// Levels. Default 2.
	CoreScore float64 `yaml:"core_score"`
	// Weights weigh a mention by where it stands. Default DefaultWeights.
	Weights Weights `yaml:"weights"`
	// Headings are the section headings, by section. Default
	// DefaultHeadings.
	Headings Headings `yaml:"headings"`
	// OpeningWords is how many words of the description, before any
	// heading, are its opening. Default 40.
	OpeningWords int `yaml:"opening_words"`
	// WorkVerbs, at most VerbWindow words before a mention in its clause,
	// multiply it by VerbFactor. Defaults DefaultWorkVerbs, 4 and 1.5.
	WorkVerbs  []string `yaml:"work_verbs"`
	VerbWindow int      `yaml:"verb_window"`
	VerbFactor float64  `yaml:"verb_factor"`
	// Technologies are the other technologies a mention may be listed
	// with. Listed with one, a mention is multiplied by PairFactor; with
	// two or more, by ListFactor. Defaults DefaultTechnologies, 0.5 and
	// 0.25.
	Technologies []string `yaml:"technologies"`
	PairFactor   float64  `yaml:"pair_factor"`
	ListFactor   float64  `yaml:"list_factor"`
	// OptionalMarkers make the mentions of their clause optional: they
	// count 0. Default DefaultOptionalMarkers.
	OptionalMarkers []string `yaml:"optional_markers"`
	// OptionalWindow is how many words before or after a mention, in its
	// clause, an optional marker may stand. Default 8.
	OptionalWindow int `yaml:"optional_window"`
	// ListWords may stand between the items of a list besides commas and
	// slashes ("AWS, Azure or OpenStack", "such as"). Default
	// DefaultListWords.
	ListWords []string `yaml:"list_words"`
	// ProjectWeight multiplies a mention of an OpenStack project name.
	// Default 0.5.
	ProjectWeight float64 `yaml:"project_weight"`
	// SeniorYears of experience asked for ("5+ years") make a title that
	// names no level senior; 0 turns it off. Default 5.
	SeniorYears int `yaml:"senior_years"`
	// ExperienceWords must follow "years" for the years to count as
	// experience asked for. Default DefaultExperienceWords.
	ExperienceWords []string `yaml:"experience_words"`
	// LeadPhrases make a title that names no level lead. Default
	// DefaultLeadPhrases.
	LeadPhrases []string `yaml:"lead_phrases"`
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
	// Base is the currency of all converted figures; only USD (the
	// default) is supported.
	Base string `yaml:"base"`
	// AsOf is the date the rates were read, "2006-01-02". Default
	// data.DefaultRatesAsOf.
	AsOf string `yaml:"as_of"`
	// Rates gives the value of one unit of each currency in Base, keyed by
	// ISO 4217 code (EUR); a code ISO 4217 does not know is an error. Default
	// data.DefaultRates(). Pay in a currency without a rate has no annual
	// USD figure (salary_code no_rate).
	Rates map[string]float64 `yaml:"rates"`
	// RatesByQuarter gives rates for single quarters, keyed by quarter
	// ("2026Q2") and then by ISO 4217 code, in the units of Rates. Pay of a
	// listing posted in a quarter named here is converted with that
	// quarter's rate; a listing without a quarter, in a quarter not named,
	// or in a currency its quarter does not list, takes Rates. Default none.
	RatesByQuarter map[string]map[string]float64 `yaml:"rates_by_quarter"`
}

// DefaultConfig is the normalization config with every default: the
// values of the shipped pipeline.yaml. The pipeline config decodes the
// user's file on top of it, so a key left out keeps its value here; every
// value in it is used as it stands (a zero is a zero, not "the default").
func DefaultConfig() Config {
	return Config{
		Classify: Classify{
			OpenStack:         slices.Clone(DefaultOpenStack),
			OpenStackProjects: slices.Clone(DefaultOpenStackProjects),
			MinProjects:       DefaultMinProjects,
			ProjectWindow:     DefaultProjectWindow,
			ProjectExceptions: slices.Clone(DefaultProjectExceptions),
			Python:            slices.Clone(DefaultPython),
			Seniority:         defaultSeniority(),
			Definition:        DefaultDefinition,
			CoreScore:         DefaultCoreScore,
			Weights:           DefaultWeights,
			Headings:          defaultHeadings(),
			OpeningWords:      DefaultOpeningWords,
			WorkVerbs:         slices.Clone(DefaultWorkVerbs),
			VerbWindow:        DefaultVerbWindow,
			VerbFactor:        DefaultVerbFactor,
			Technologies:      slices.Clone(DefaultTechnologies),
			PairFactor:        DefaultPairFactor,
			ListFactor:        DefaultListFactor,
			OptionalMarkers:   slices.Clone(DefaultOptionalMarkers),
			OptionalWindow:    DefaultOptionalWindow,
			ListWords:         slices.Clone(DefaultListWords),
			ProjectWeight:     DefaultProjectWeight,
			SeniorYears:       DefaultSeniorYears,
			ExperienceWords:   slices.Clone(DefaultExperienceWords),
			LeadPhrases:       slices.Clone(DefaultLeadPhrases),
		},
		Currency: Currency{Base: DefaultBase, AsOf: data.DefaultRatesAsOf, Rates: data.DefaultRates()},
		Regions:  DefaultRegions(),
		Pay: PayRules{
			Annualize: map[string]float64{
				string(data.PeriodHour): DefaultAnnualize[data.PeriodHour], string(data.PeriodDay): DefaultAnnualize[data.PeriodDay],
				string(data.PeriodWeek): DefaultAnnualize[data.PeriodWeek], string(data.PeriodMonth): DefaultAnnualize[data.PeriodMonth],
			},
			MinAnnualUSD: DefaultMinAnnualUSD,
			MaxAnnualUSD: DefaultMaxAnnualUSD,
		},
		Duplicates: Duplicates{MaxTextDistance: DefaultMaxTextDistance, MinTextWords: DefaultMinTextWords},
	}
}

// defaultSeniority is a deep copy of DefaultSeniority, so that a caller
// changing the config cannot change the defaults.
func defaultSeniority() map[string][]string {
	m := make(map[string][]string, len(DefaultSeniority))
	for level, words := range DefaultSeniority {
		m[level] = slices.Clone(words)
	}
	return m
}

// Validate reports every problem in the normalization settings at once,
// each a *data.FieldError whose path is the field's place in
// pipeline.yaml ("currency.rates.XYZ", "regions.Europe",
// "pay.annualize.HOUR"), joined with errors.Join. It checks the values as
// they stand: a zero is not read as a default.
func (c Config) Validate() error {
	errs := c.Classify.validate()
	if c.Currency.Base != DefaultBase {
		errs = append(errs, data.FieldErrorf("currency.base", "%q is not supported (only USD)", c.Currency.Base))
	}
	if _, err := time.Parse(time.DateOnly, c.Currency.AsOf); err != nil {
		errs = append(errs, data.FieldErrorf("currency.as_of", "%q is not a date (want 2006-01-02)", c.Currency.AsOf))
	}
	errs = append(errs, validateRates("currency.rates", c.Currency.Rates)...)
	errs = append(errs, c.Currency.validateByQuarter()...)
	seen := map[data.Period]string{}
	for _, p := range sortedKeys(c.Pay.Annualize) {
		path := "pay.annualize." + p
		period, err := data.ParsePeriod(p)
		switch {
		case err != nil:
			errs = append(errs, &data.FieldError{Path: path, Err: err})
		case seen[period] != "":
			errs = append(errs, data.FieldErrorf(path, "%s is already given as %s", period, seen[period]))
		case !(c.Pay.Annualize[p] > 0):
			errs = append(errs, data.FieldErrorf(path, "%v is not positive", c.Pay.Annualize[p]))
		}
		seen[period] = p
	}
	for _, name := range sortedKeys(c.SourcePay) {
		if err := data.WithinField("sources."+name+".pay", errors.Join(c.SourcePay[name].Validate()...)); err != nil {
			errs = append(errs, err)
		}
	}
	if !(c.Pay.MinAnnualUSD < c.Pay.MaxAnnualUSD) {
		errs = append(errs, data.FieldErrorf("pay.min_annual_usd", "%v must be below pay.max_annual_usd (%v)", c.Pay.MinAnnualUSD, c.Pay.MaxAnnualUSD))
	}
	if d := c.Duplicates.MaxTextDistance; d < -1 || d > MaxTextDistanceLimit {
		errs = append(errs, data.FieldErrorf("duplicates.max_text_distance", "%d is not between 0 and %d (or -1 for off)", d, MaxTextDistanceLimit))
	}
	if c.Duplicates.MinTextWords < 0 {
		errs = append(errs, data.FieldErrorf("duplicates.min_text_words", "%d is negative", c.Duplicates.MinTextWords))
	}
	errs = append(errs, c.Regions.validate()...)
	return errors.Join(errs...)
}

// isISOCurrency reports whether code is a currency code of ISO 4217 as
// written in currency.rates: three capital letters naming a real currency.
func isISOCurrency(code string) bool {
	if len(code) != 3 || strings.ToUpper(code) != code {
		return false
	}
	_, err := currency.ParseISO(code)
	return err == nil
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
				errs = append(errs, data.FieldErrorf(fmt.Sprintf("classify.%s[%d]", list.key, i), "%q has no letters or digits", w))
			}
		}
	}
	if cl.MinProjects < 1 || cl.MinProjects > len(cl.OpenStackProjects) {
		errs = append(errs, data.FieldErrorf("classify.min_projects", "%d is not between 1 and the %d openstack_projects", cl.MinProjects, len(cl.OpenStackProjects)))
	}
	if cl.ProjectWindow < 1 {
		errs = append(errs, data.FieldErrorf("classify.project_window", "%d is not a positive number of words", cl.ProjectWindow))
	}
	for _, level := range sortedKeys(cl.Seniority) {
		if !slices.Contains(data.SeniorityLevels, level) {
			errs = append(errs, data.FieldErrorf("classify.seniority."+level, "not a level (want %s)", strings.Join(data.SeniorityLevels, ", ")))
		}
	}
	return append(errs, cl.validateLevels()...)
}

// appliedExceptions returns the phrases of cl.ProjectExceptions that name
// one of cl.OpenStackProjects: only those can hide a project name, so the
// others do not apply (a user who trims openstack_projects keeps the
// default exceptions without having to trim them too).
func (cl Classify) appliedExceptions() []string {
	projects := map[uint64]bool{}
	for _, p := range cl.OpenStackProjects {
		for _, h := range phraseHashes(p) {
			projects[h] = true
		}
	}
	var applied []string
	for _, e := range cl.ProjectExceptions {
		if slices.ContainsFunc(phraseHashes(e), func(h uint64) bool { return projects[h] }) {
			applied = append(applied, e)
		}
	}
	return applied
}

func (r Regions) validate() []error {
	_, errs := r.assign()
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
