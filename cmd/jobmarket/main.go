// Command jobmarket measures the pay premium of OpenStack roles over Python
// roles: it scrapes job boards, normalizes the postings, estimates the
// premium by region and quarter with intervals, and writes a report.
//
//	jobmarket [command] [flags]
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
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/jobmarket/jobmarket/scrape"
)

// Exit codes, documented in the README.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2   // bad usage or config
	exitPartial  = 3   // finished, but some sources failed
	exitCanceled = 130 // interrupted, as shells report SIGINT
)

var usage = `usage: jobmarket [command] [flags]

Commands (each stage reads what the one before wrote into the output folder):
  run        scrape, transform, analyze and report (the default)
  scrape     fetch the sources into raw.arrow
  transform  normalize raw.arrow into listings.arrow, listings.parquet, rejects.csv
  analyze    estimate the premium into premium_by_region.csv/.json and analysis.json
  report     write report.html and slides/
  validate   check the config and exit
  schema     print a JSON Schema of pipeline.yaml, for editors
  verify     recompute the hashes of an output folder and rerun its analysis
  pay        show how pay text is read: jobmarket pay [--country CC] [TEXT...]
  synth      write N synthetic records and a config to run on them: jobmarket synth -n N -o DIR

Exit codes: 0 ok, 1 failed, 2 bad usage or config, 3 some sources failed,
130 interrupted.

Flags:
`

// errUsage marks errors that are the caller's to fix: exit code 2.
var errUsage = errors.New("usage")

// memoryLimit is the soft heap limit a run sets unless GOMEMLIMIT is given:
// streaming keeps what a stage holds small, and the limit makes the
// collector return garbage before the heap doubles past it, so a run on
// ten million listings stays under 2 GB of resident memory.
const memoryLimit = 1536 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line flags shared by every command.
type options struct {
	config     string
	explicit   bool // -c was given
	out        string
	seed       string
	quarter    string
	from, to   string
	onlySource string
	logFormat  string
	quiet      bool
	verbose    bool
	refresh    bool
	offline    bool
	inputs     []string // --input, repeatable
}

// run is main without the process around it, so tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "pay":
		return runPayCommand(ctx, args, os.Stdin, stdout, stderr)
	case "synth":
		return runSynthCommand(ctx, args, stdout, stderr)
	}
	commands := map[string]func(context.Context, *env) error{
		"run": runAll, "scrape": runScrape, "transform": runTransform, "analyze": runAnalyze, "report": runReport,
		"validate": runValidate, "schema": runSchema, "verify": runVerify,
	}
	command, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "jobmarket: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	var o options
	fs := flag.NewFlagSet("jobmarket "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	fs.StringVar(&o.config, "c", DefaultConfigFile, "pipeline config `FILE`")
	fs.StringVar(&o.out, "o", "", "output `DIR` (default: the config's output)")
	fs.StringVar(&o.seed, "seed", "", "override analysis.seed with `N`")
	fs.StringVar(&o.quarter, "quarter", "", "analyze and report only postings of `QUARTER`, like 2026Q3")
	fs.StringVar(&o.from, "from", "", "analyze and report only postings from `DATE` (2006-01-02) on")
	fs.StringVar(&o.to, "to", "", "analyze and report only postings up to `DATE` (2006-01-02), inclusive")
	fs.StringVar(&o.onlySource, "only-source", "", "scrape and transform only the source `NAME`")
	fs.StringVar(&o.logFormat, "log-format", "text", "log lines as `text` or json")
	fs.BoolVar(&o.quiet, "q", false, "log only warnings and errors, no progress")
	fs.BoolVar(&o.refresh, "refresh", false, "scrape: fetch every page again instead of reusing the page store")
	fs.BoolVar(&o.offline, "offline", false, "scrape: re-read the page store, fetch nothing (to re-apply a parser fix)")
	fs.BoolVar(&o.verbose, "v", false, "log debug detail")
	fs.Func("input", "transform: read raw.arrow from `DIR` instead of the output folder; repeat to merge scrape workers that shared a queue", func(dir string) error {
		o.inputs = append(o.inputs, dir)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if cmd == "verify" && fs.NArg() == 1 {
		o.out = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "jobmarket: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	fs.Visit(func(f *flag.Flag) { o.explicit = o.explicit || f.Name == "c" })
	if len(o.inputs) > 0 && cmd != "transform" {
		fmt.Fprintf(stderr, "jobmarket: --input is for transform (merging scrape workers' raw.arrow), not %s\n", cmd)
		return exitUsage
	}

	e, err := newEnv(o, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "jobmarket: %s\n", message(err))
		return exitUsage
	}
	if cmd != "validate" && cmd != "schema" && cmd != "verify" {
		if err := e.ensureOut(); err != nil {
			fmt.Fprintf(stderr, "jobmarket: %s\n", message(err))
			return exitFailed
		}
	}
	err = command(ctx, e)
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "jobmarket: interrupted; finished outputs are kept, nothing half-written")
		return exitCanceled
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "jobmarket: %s\n", message(err))
		return exitUsage
	case errors.Is(err, scrape.ErrPartial):
		fmt.Fprintf(stderr, "jobmarket: %s\n", message(err))
		return exitPartial
	default:
		fmt.Fprintf(stderr, "jobmarket: %s\n", message(err))
		return exitFailed
	}
}

// env is what every command works with.
type env struct {
	cfg     Pipeline
	cfgSrc  string   // where the config came from
	out     string   // output folder
	quarter string   // --quarter, "" for all
	from    string   // --from, "" for no bound
	to      string   // --to, "" for no bound
	quiet   bool     // -q: no progress, no summary tables on stderr
	refresh bool     // --refresh
	offline bool     // --offline
	inputs  []string // --input folders, for transform
	log     *slog.Logger
	stdout  io.Writer
	stderr  io.Writer
}

func newEnv(o options, stdout, stderr io.Writer) (*env, error) {
	level := slog.LevelInfo
	switch {
	case o.quiet && o.verbose:
		return nil, errors.New("-q and -v contradict each other")
	case o.refresh && o.offline:
		return nil, errors.New("--refresh and --offline contradict each other")
	case o.quiet:
		level = slog.LevelWarn
	case o.verbose:
		level = slog.LevelDebug
	}
	var handler slog.Handler
	switch o.logFormat {
	case "text":
		handler = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})
	case "json":
		handler = slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level})
	default:
		return nil, fmt.Errorf("--log-format: %q is not text or json", o.logFormat)
	}
	if o.quarter != "" {
		if _, err := spanFlags(o.quarter, "", ""); err != nil {
			return nil, err
		}
	}
	cfg, src, err := loadConfig(o.config, o.explicit)
	if err != nil {
		return nil, err
	}
	if err := cfg.override(o); err != nil {
		return nil, err
	}
	e := &env{cfg: cfg, cfgSrc: src, out: cfg.Output, quarter: o.quarter, from: o.from, to: o.to, quiet: o.quiet, refresh: o.refresh, offline: o.offline, inputs: o.inputs, log: slog.New(handler), stdout: stdout, stderr: stderr}
	if o.out != "" {
		e.out = o.out
	}
	return e, nil
}

// ensureOut creates the output folder for commands that write into it.
func (e *env) ensureOut() error {
	return os.MkdirAll(e.out, 0o755)
}

// message is an error as the user reads it: the errUsage marker, which
// only picks the exit code, is not part of the sentence.
func message(err error) string {
	return strings.TrimSuffix(err.Error(), ": "+errUsage.Error())
}
