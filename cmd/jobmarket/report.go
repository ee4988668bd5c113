package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

// runReport writes report.html from the analyze stage's outputs.
func runReport(_ context.Context, e *env) error {
	started := time.Now()
	pf, err := e.openInput(PremiumJSONFile, "analyze")
	if err != nil {
		return err
	}
	premiums, err := data.ReadPremiumsJSON(pf)
	pf.Close()
	if err != nil {
		return err
	}
	af, err := e.openInput(AnalysisFile, "analyze")
	if err != nil {
		return err
	}
	var summary analysisSummary
	err = json.NewDecoder(af).Decode(&summary)
	af.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", e.path(AnalysisFile), err)
	}
	r := charts.Report{
		Title:     "OpenStack vs Python pay premium",
		Synthetic: summary.Synthetic,
		Premiums:  premiums,
		Funnel:    summary.Funnel,
		Method: charts.Method{
			Confidence: e.cfg.Analysis.Confidence, Bootstrap: e.cfg.Analysis.Bootstrap, Seed: e.cfg.Analysis.Seed,
			MinGroupSize: e.cfg.Analysis.MinGroupSize, DataFrom: summary.DataFrom, DataTo: summary.DataTo,
			RatesAsOf: e.cfg.Currency.AsOf, Description: methodDescription,
		},
	}
	for _, s := range e.cfg.Sources {
		r.Sources = append(r.Sources, charts.Source{Name: s.Name, Kind: s.Kind, URLs: s.StartURLs})
	}
	if err := data.WriteFileAtomic(e.path(ReportFile), func(f *os.File) error { return charts.Render(f, r) }); err != nil {
		return err
	}
	inputs, err := e.hashNames(PremiumJSONFile, AnalysisFile)
	if err != nil {
		return err
	}
	outputs, err := e.hashNames(ReportFile)
	if err != nil {
		return err
	}
	return e.recordStage("report", started, map[string]int{"rows": len(premiums)}, inputs, outputs)
}

// methodDescription explains the estimate to a reader who is not a
// statistician; docs/methods.md has the details.
const methodDescription = "Each posting's advertised pay is read as stated by the employer (board estimates are left out), " +
	"taken at the midpoint of its range, turned into pay per year (hourly × 2080, daily × 260, weekly × 52, monthly × 12) " +
	"and converted to US dollars with the dated rates table of the config. A posting counts once even when several boards carry it. " +
	"OpenStack roles mention OpenStack (or two OpenStack projects); Python roles mention Python and not OpenStack. " +
	"The premium compares typical pay: the geometric mean of OpenStack pay over that of Python pay, minus one. " +
	"The interval comes from resampling the postings of each group many times with a fixed seed, so anyone can reproduce it to the digit. " +
	"It shows sampling uncertainty only: it says nothing about which boards or employers advertise pay, nor about seniority or location within a region. " +
	"Regions with too few postings in either group get no estimate."
