package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Names of the files in the output folder: a contract that later tools and
// checks rely on.
const (
	RawFile             = "raw.arrow"
	ListingsArrowFile   = "listings.arrow"
	ListingsParquetFile = "listings.parquet"
	RejectsFile         = "rejects.csv"
	PremiumCSVFile      = "premium_by_region.csv"
	PremiumJSONFile     = "premium_by_region.json"
	AnalysisFile        = "analysis.json"
	ReportFile          = "report.html"
)

func (e *env) path(name string) string { return filepath.Join(e.out, name) }

// openInput opens a file an earlier stage wrote, saying which stage to run
// when it is missing.
func (e *env) openInput(name, stage string) (*os.File, error) {
	f, err := os.Open(e.path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s not found: run `jobmarket %s` first (or `jobmarket run`) with -o %s: %w", e.path(name), stage, e.out, errUsage)
	}
	return f, err
}
