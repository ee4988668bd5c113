package analyze

import (
	"errors"
	"fmt"
)

// Defaults for the estimates.
const (
	DefaultConfidence = 0.95
	// DefaultBootstrap resamples keep the Monte-Carlo error of a 95%
	// percentile bound well below a tenth of a percentage point.
	DefaultBootstrap = 10_000
	DefaultSeed      = 1
	// DefaultMinGroupSize: under 30 postings per group a regional gap is
	// mostly noise and its bootstrap interval under-covers.
	DefaultMinGroupSize = 30
)

// Config holds the estimation settings (the analysis block of pipeline.yaml).
type Config struct {
	// Confidence of every interval, in (0, 1). Default 0.95.
	Confidence float64 `yaml:"confidence"`
	// Bootstrap is the number of resamples. Default 10,000; at least 100.
	Bootstrap int `yaml:"bootstrap"`
	// Seed makes every interval reproducible to the digit. Default 1.
	Seed uint64 `yaml:"seed"`
	// MinGroupSize is the fewest OpenStack and Python postings a row needs
	// for an estimate; smaller rows are withheld with a note. Default 30.
	MinGroupSize int `yaml:"min_group_size"`
	// IncludeBoardEstimates lets pay a board estimated (not the employer)
	// into the estimates. Default false: mixing them in silently biases
	// the result toward the board's model.
	IncludeBoardEstimates bool `yaml:"include_board_estimates"`
}

// DefaultConfig returns the settings used when the config names none.
func DefaultConfig() Config {
	return Config{Confidence: DefaultConfidence, Bootstrap: DefaultBootstrap, Seed: DefaultSeed, MinGroupSize: DefaultMinGroupSize}
}

// Validate reports every problem with the settings at once.
func (c Config) Validate() error {
	var errs []error
	if !(c.Confidence > 0 && c.Confidence < 1) {
		errs = append(errs, fmt.Errorf("analysis.confidence: %v is not between 0 and 1", c.Confidence))
	}
	if c.Bootstrap < 100 {
		errs = append(errs, fmt.Errorf("analysis.bootstrap: %d resamples are too few (at least 100)", c.Bootstrap))
	}
	if c.MinGroupSize < 2 {
		errs = append(errs, fmt.Errorf("analysis.min_group_size: %d is below 2", c.MinGroupSize))
	}
	return errors.Join(errs...)
}
