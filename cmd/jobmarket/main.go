// Command jobmarket measures the pay premium of OpenStack roles over Python
// roles: it scrapes job boards, normalizes the postings, estimates the
// premium by region and quarter with intervals, and writes a report.
//
//	jobmarket [run|scrape|transform|analyze|report] [-c pipeline.yaml] [-o out]
//
// With no arguments it runs every stage on pipeline.yaml, which by default
// reads the bundled synthetic snapshot, so it works with no network.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2   // bad usage or config
	exitCanceled = 130 // interrupted, as shells report SIGINT
)

var usage = `usage: jobmarket [command] [-c FILE] [-o DIR]

Commands (each stage reads what the one before wrote into the output folder):
  run        scrape, transform, analyze and report (the default)
  scrape     fetch the sources into raw.arrow
  transform  normalize raw.arrow into listings.arrow, listings.parquet, rejects.csv
  analyze    estimate the premium into premium_by_region.csv/.json and analysis.json
  report     write report.html

Flags:
`

// errUsage marks errors that are the caller's to fix: exit code 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process around it, so tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	stages := map[string]func(context.Context, *env) error{
		"run": runAll, "scrape": runScrape, "transform": runTransform, "analyze": runAnalyze, "report": runReport,
	}
	stage, ok := stages[cmd]
	if !ok {
		fmt.Fprintf(stderr, "jobmarket: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	fs := flag.NewFlagSet("jobmarket "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	configPath := fs.String("c", DefaultConfigFile, "pipeline config `FILE`")
	outDir := fs.String("o", "", "output `DIR` (default: the config's output, out)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "jobmarket: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "c" })

	log := slog.New(slog.NewTextHandler(stderr, nil))
	cfg, src, err := loadConfig(*configPath, explicit)
	if err != nil {
		fmt.Fprintf(stderr, "jobmarket: %v\n", err)
		return exitUsage
	}
	e := &env{cfg: cfg, cfgSrc: src, out: cfg.Output, log: log, stdout: stdout}
	if *outDir != "" {
		e.out = *outDir
	}
	if err := os.MkdirAll(e.out, 0o755); err != nil {
		fmt.Fprintf(stderr, "jobmarket: %v\n", err)
		return exitFailed
	}
	err = stage(ctx, e)
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "jobmarket: interrupted; finished outputs are kept, nothing half-written")
		return exitCanceled
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "jobmarket: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "jobmarket: %v\n", err)
		return exitFailed
	}
}

// env is what every stage command works with.
type env struct {
	cfg    Pipeline
	cfgSrc string // where the config came from
	out    string // output folder
	log    *slog.Logger
	stdout io.Writer
}
