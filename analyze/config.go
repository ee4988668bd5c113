package analyze

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Defaults for the estimates.
const (
	DefaultConfidence = 0.95
	// DefaultBootstrap resamples keep the Monte-Carlo error of a 95%
	// percentile bound well below a tenth of a percentage point; BCa needs
	// at least a few thousand to place its adjusted percentiles.
	DefaultBootstrap = 10_000
	DefaultSeed      = 1
	// DefaultMinGroupSize: the clustered t interval of the raw gap holds
	// its level down to 10 postings a group (see the coverage table in
	// docs/methods.md); below that a regional gap is mostly noise.
	DefaultMinGroupSize = 10
	// DefaultMinEmployers: with postings from fewer employers than this on
	// either side, the employer-clustered intervals have too few clusters
	// to measure how much employers differ (coverage table in
	// docs/methods.md), so the row is withheld.
	DefaultMinEmployers = 5
	// DefaultIncludeBoardEstimates keeps pay a board estimated out of the
	// estimates: mixing it in biases the result toward the board's model.
	DefaultIncludeBoardEstimates = false
	// DefaultRegionsIncludeAnywhere keeps postings open anywhere (region
	// data.RegionAnywhere) out of All regions: their pay is set for no one
	// labour market, often at one global rate or at the employer's home
	// rate, so pooling them in would move the regions' mix with the share
	// of remote work. They get rows of their own instead.
	DefaultRegionsIncludeAnywhere = false
	// DefaultIndependentRows leaves out the raw_bca and raw_percentile
	// rows: their intervals resample postings as if independent, too
	// narrow when an employer's postings pay alike, and no published
	// interval may (issue 17); their 10,000 resamples per row were also a
	// tenth of the analysis's time.
	DefaultIndependentRows = false
)

// Controls the adjusted premium can hold constant; each is categorical.
const (
	ControlSeniority = "seniority" // junior, mid, senior, lead, principal, or unknown
	ControlCountry   = "country"   // ISO code, or unknown
	ControlRemote    = "remote"    // remote or not
	ControlQuarter   = "quarter"   // calendar quarter of the posting date, or unknown
	ControlSource    = "source"    // the board the posting came from
	ControlCompany   = "company"   // the employer (company fixed effects)
)

var knownControls = []string{ControlSeniority, ControlCountry, ControlRemote, ControlQuarter, ControlSource, ControlCompany}

// DefaultControls are the differences between OpenStack and Python postings
// that are not the skill itself: OpenStack roles skew senior, toward some
// countries and toward on-site work, and pay moves over time.
func DefaultControls() []string {
	return []string{ControlSeniority, ControlCountry, ControlRemote, ControlQuarter}
}

// Config holds the estimation settings (the analysis block of pipeline.yaml).
type Config struct {
	// Confidence of every interval, in (0, 1). Default 0.95.
	Confidence float64 `yaml:"confidence"`
	// Bootstrap is the number of resamples. Default 10,000; at least 100.
	Bootstrap int `yaml:"bootstrap"`
	// Seed makes every interval and p-value reproducible to the digit.
	// Default 1.
	Seed uint64 `yaml:"seed"`
	// MinGroupSize is the fewest OpenStack and Python postings a row needs
	// for its raw, median and adjusted estimates; smaller rows are withheld
	// with a note (the partially pooled row still gives an answer).
	// Default 10.
	MinGroupSize int `yaml:"min_group_size"`
	// IncludeBoardEstimates lets pay a board estimated (not the employer)
	// into the estimates. Default false: mixing them in silently biases
	// the result toward the board's model.
	IncludeBoardEstimates bool `yaml:"include_board_estimates"`
	// Controls are what the adjusted premium holds constant, any of
	// seniority, country, remote, quarter, source and company. Default
	// [seniority, country, remote, quarter]; an empty list gives the raw gap
	// with regression standard errors. An unknown value (empty seniority,
	// unresolved country) is a level of its own.
	Controls []string `yaml:"controls"`
	// MinEmployers is the fewest employers the OpenStack and the Python
	// postings of a row must each come from (a posting without a company
	// counts as one) for its raw, median and adjusted estimates; rows with
	// fewer are withheld with a note. Default 5, at least 2.
	MinEmployers int `yaml:"min_employers"`
	// RegionsIncludeAnywhere pools the postings open anywhere into All
	// regions. Default false: their pay is set for no one labour market.
	// Either way they are estimated in rows of their own
	// (data.RegionAnywhere), after the configured regions, when both
	// groups have MinGroupSize of them.
	RegionsIncludeAnywhere bool `yaml:"regions_include_anywhere"`
	// IndependentRows adds, for comparison, the raw_bca and raw_percentile
	// rows: the raw premium with bootstrap intervals that resample
	// postings as if independent. Default false: those intervals are too
	// narrow when an employer's postings pay alike.
	IndependentRows bool `yaml:"independent_rows"`
}

// DefaultConfig returns every default: the analysis section of the
// bundled pipeline.yaml holds the same values (a test checks), and a
// user's file is decoded on top of it.
func DefaultConfig() Config {
	return Config{Confidence: DefaultConfidence, Bootstrap: DefaultBootstrap, Seed: DefaultSeed,
		MinGroupSize: DefaultMinGroupSize, IncludeBoardEstimates: DefaultIncludeBoardEstimates,
		Controls: DefaultControls(), MinEmployers: DefaultMinEmployers,
		RegionsIncludeAnywhere: DefaultRegionsIncludeAnywhere, IndependentRows: DefaultIndependentRows}
}

// Settings are the settings as analysis.json records them.
func (c Config) Settings() data.AnalysisSettings {
	return data.AnalysisSettings{Confidence: c.Confidence, Bootstrap: c.Bootstrap, Seed: c.Seed,
		MinGroupSize: c.MinGroupSize, IncludeBoardEstimates: c.IncludeBoardEstimates,
		Controls: slices.Clone(c.Controls), MinEmployers: c.MinEmployers,
		RegionsIncludeAnywhere: c.RegionsIncludeAnywhere, IndependentRows: c.IndependentRows}
}

// Validate reports every problem with the settings at once, each a
// *data.FieldError whose Path is the field's full place in pipeline.yaml
// ("analysis.bootstrap", "analysis.controls[2]"). A value is taken as
// given: an explicit 0 is 0, never the default (a seed of 0 is a seed;
// 0 resamples are too few).
func (c Config) Validate() error {
	var errs []error
	if !(c.Confidence > 0 && c.Confidence < 1) {
		errs = append(errs, data.FieldErrorf("analysis.confidence", "%v is not between 0 and 1", c.Confidence))
	}
	if c.Bootstrap < 100 {
		errs = append(errs, data.FieldErrorf("analysis.bootstrap", "%d resamples are too few (at least 100)", c.Bootstrap))
	}
	if c.MinGroupSize < 2 {
		errs = append(errs, data.FieldErrorf("analysis.min_group_size", "%d is below 2", c.MinGroupSize))
	}
	if c.MinEmployers < 2 {
		errs = append(errs, data.FieldErrorf("analysis.min_employers", "%d is below 2", c.MinEmployers))
	}
	for i, name := range c.Controls {
		path := fmt.Sprintf("analysis.controls[%d]", i)
		switch {
		case !slices.Contains(knownControls, name):
			errs = append(errs, data.FieldErrorf(path, "unknown control %q (want one of %s)", name, strings.Join(knownControls, ", ")))
		case slices.Index(c.Controls, name) < i:
			errs = append(errs, data.FieldErrorf(path, "%q is listed twice", name))
		}
	}
	return errors.Join(errs...)
}
