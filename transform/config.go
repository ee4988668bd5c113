package transform

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"gopkg.in/yaml.v3"
)

// Defaults for normalization. Each can be overridden in pipeline.yaml.
const (
	// DefaultMinAnnualUSD and DefaultMaxAnnualUSD bound plausible annual
	// pay; outside them a figure is almost always a misread (a monthly
	// figure labelled yearly, a typo) and is kept but left out of estimates.
	DefaultMinAnnualUSD = 5_000
	DefaultMaxAnnualUSD = 1_000_000
	// DefaultMinProjects: OpenStack project names (nova, swift, heat...) are
	// ordinary words; only two or more together signal OpenStack.
	DefaultMinProjects = 2
)

// DefaultAnnualize holds the working time in one year for each period:
// 40 hours × 52 weeks, 5 days × 52 weeks, 52 weeks, 12 months.
var DefaultAnnualize = map[data.Period]float64{
	data.PeriodHour: 2080, data.PeriodDay: 260, data.PeriodWeek: 52, data.PeriodMonth: 12, data.PeriodYear: 1,
}

// Config is how raw records are normalized.
type Config struct {
	Classify Classify `yaml:"classify"`
	Currency Currency `yaml:"currency"`
	Regions  Regions  `yaml:"regions"`
	Pay      PayRules `yaml:"pay"`
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

// Classify holds the keywords that decide a posting's role. Matching is on
// whole words, case-insensitive, over title and description.
type Classify struct {
	// OpenStack words that mark an OpenStack role on their own.
	OpenStack []string `yaml:"openstack"`
	// OpenStackProjects are project names that mark an OpenStack role only
	// when at least MinProjects different ones appear.
	OpenStackProjects []string `yaml:"openstack_projects"`
	MinProjects       int      `yaml:"min_projects"`
	// Python words mark a Python role when no OpenStack mark is present.
	Python []string `yaml:"python"`
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

// Region is a named group of ISO 3166-1 alpha-2 country codes.
type Region struct {
	Name      string
	Countries []string
}

// Regions keeps the config's order, which is the order regions are reported in.
type Regions []Region

// UnmarshalYAML reads a mapping of region name to country list in order.
func (r *Regions) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: regions must be a mapping of region name to country codes", n.Line)
	}
	*r = nil
	for i := 0; i < len(n.Content); i += 2 {
		var countries []string
		if err := n.Content[i+1].Decode(&countries); err != nil {
			return fmt.Errorf("line %d: region %q: %w", n.Content[i+1].Line, n.Content[i].Value, err)
		}
		*r = append(*r, Region{Name: n.Content[i].Value, Countries: countries})
	}
	return nil
}

// MarshalYAML writes regions back as the ordered mapping they were read from.
func (r Regions) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, reg := range r {
		var countries yaml.Node
		if err := countries.Encode(reg.Countries); err != nil {
			return nil, err
		}
		countries.Style = yaml.FlowStyle
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: reg.Name}, &countries)
	}
	return n, nil
}

// Names lists the region names in config order.
func (r Regions) Names() []string {
	names := make([]string, len(r))
	for i, reg := range r {
		names[i] = reg.Name
	}
	return names
}

func (c *Config) applyDefaults() {
	if c.Pay.MinAnnualUSD == 0 {
		c.Pay.MinAnnualUSD = DefaultMinAnnualUSD
	}
	if c.Pay.MaxAnnualUSD == 0 {
		c.Pay.MaxAnnualUSD = DefaultMaxAnnualUSD
	}
	if c.Classify.MinProjects == 0 {
		c.Classify.MinProjects = DefaultMinProjects
	}
	if c.Currency.Base == "" {
		c.Currency.Base = "USD"
	}
}

var isoCurrency = regexp.MustCompile(`^[A-Z]{3}$`)

// Validate reports every problem in the normalization settings at once.
func (c Config) Validate() error {
	c.applyDefaults()
	var errs []error
	if len(c.Classify.OpenStack) == 0 {
		errs = append(errs, errors.New("classify.openstack: no keywords"))
	}
	if len(c.Classify.Python) == 0 {
		errs = append(errs, errors.New("classify.python: no keywords"))
	}
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
	for _, p := range sortedKeys(c.Pay.Annualize) {
		if _, err := data.ParsePeriod(p); err != nil {
			errs = append(errs, fmt.Errorf("pay.annualize.%s: %w", p, err))
		} else if c.Pay.Annualize[p] <= 0 {
			errs = append(errs, fmt.Errorf("pay.annualize.%s: %v is not positive", p, c.Pay.Annualize[p]))
		}
	}
	if c.Pay.MinAnnualUSD >= c.Pay.MaxAnnualUSD {
		errs = append(errs, fmt.Errorf("pay.min_annual_usd (%v) must be below pay.max_annual_usd (%v)", c.Pay.MinAnnualUSD, c.Pay.MaxAnnualUSD))
	}
	if len(c.Regions) == 0 {
		errs = append(errs, errors.New("regions: none configured"))
	}
	owner := map[string]string{}
	for _, r := range c.Regions {
		if r.Name == "" || strings.EqualFold(r.Name, data.RegionUnknown) || r.Name == data.RegionAll {
			errs = append(errs, fmt.Errorf("regions: %q is not a usable region name", r.Name))
		}
		for _, cc := range r.Countries {
			if _, ok := countryByCode[cc]; !ok {
				errs = append(errs, fmt.Errorf("regions.%s: %q is not an ISO 3166-1 alpha-2 code", r.Name, cc))
			}
			if prev, ok := owner[cc]; ok {
				errs = append(errs, fmt.Errorf("regions.%s: %s is already in region %q", r.Name, cc, prev))
			}
			owner[cc] = r.Name
		}
	}
	return errors.Join(errs...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
