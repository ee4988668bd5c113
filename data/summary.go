package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Summary is analysis.json: what the analyze stage read and used beside
// the premium rows, so the report states what analyze did (its seed, its
// period) rather than what the config says at report time.
type Summary struct {
	// Synthetic is true when the postings are made up (the demo).
	Synthetic bool `json:"synthetic"`
	// DataFrom and DataTo are the first and last posting dates in the
	// estimate, "2006-01-02".
	DataFrom string   `json:"data_from"`
	DataTo   string   `json:"data_to"`
	Funnel   []Funnel `json:"funnel"` // one per source
	// Settings are the analysis settings the estimates were made with.
	// Nil in files written before they were recorded.
	Settings *AnalysisSettings `json:"settings,omitempty"`
	// Regions are the regions estimated, in config order, then
	// RegionAnywhere when it has rows of its own.
	Regions []string `json:"regions,omitempty"`
	// Period is the period the analysis was limited to, closed; nil for
	// every posting. The trend and the previous period (premium_trend,
	// premium_previous) are written only for a period.
	Period *Span `json:"period,omitempty"`
	// Previous is the period before Period, compared with it.
	Previous *PreviousSpan `json:"previous,omitempty"`
}

// PreviousSpan is the period a limited analysis is compared with.
type PreviousSpan struct {
	Span
	// Note says why there are no estimates to compare with, such as "no
	// postings in 2026Q2"; "" when premium_previous holds them.
	Note string `json:"note,omitempty"`
}

// AnalysisSettings are the settings an analysis used, as the analysis
// section of pipeline.yaml names them.
type AnalysisSettings struct {
	Confidence            float64  `json:"confidence"`
	Bootstrap             int      `json:"bootstrap"`
	Seed                  uint64   `json:"seed"`
	MinGroupSize          int      `json:"min_group_size"`
	IncludeBoardEstimates bool     `json:"include_board_estimates"`
	Controls              []string `json:"controls"`
	MinEmployers          int      `json:"min_employers"`
	// RegionsIncludeAnywhere: postings open anywhere are pooled into All
	// regions. Left out of the file when false, as files written before
	// the setting existed read.
	RegionsIncludeAnywhere bool `json:"regions_include_anywhere,omitempty"`
	// IndependentRows: the raw_bca and raw_percentile comparison rows
	// were computed. Left out of the file when false, as files written
	// before the setting existed read.
	IndependentRows bool `json:"independent_rows,omitempty"`
}

// ErrNoSettings is returned by ReadSummary for an analysis.json written
// before the settings were recorded: the analysis must be run again.
var ErrNoSettings = errors.New("no analysis settings recorded (written by an older jobmarket)")

// WriteSummary writes s as indented JSON, with region and source names
// as written ("&", not "\u0026").
func WriteSummary(w io.Writer, s Summary) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// ReadSummary reads what WriteSummary wrote. A file without settings reads
// with ErrNoSettings, and the summary it holds.
func ReadSummary(r io.Reader) (Summary, error) {
	var s Summary
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return Summary{}, fmt.Errorf("read analysis summary: %w", err)
	}
	if s.Settings == nil {
		return s, ErrNoSettings
	}
	return s, nil
}
