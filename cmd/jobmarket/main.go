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
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/jobmarket/jobmarket/data"
)

// Exit codes, documented in the README.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2   // bad usage or config
	exitPartial  = 3   // finished, but some sources failed
	exitCanceled = 130 // interrupted, as shells report SIGINT
)

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
	os.Exit(runWithInput(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// options are the command-line flags of a command that reads the config;
// each command takes the ones it declares.
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
	online     bool     // --online
	own        ownFlags // flags only one command takes
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
	online  bool     // --online: validate asks the network too
	refresh bool     // --refresh
	offline bool     // --offline
	inputs  []string // --input folders, for transform
	log     *slog.Logger
	mask    *data.Masker // the config's secrets; nil when it has none
	lock    *os.File     // the output folder's lock, held by ensureOut
	stdout  io.Writer
	stderr  io.Writer
	own     ownFlags // flags only one command takes
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
		handler = slog.NewTextHandler(logWriter(stderr), &slog.HandlerOptions{Level: level})
	case "json":
		handler = slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level, ReplaceAttr: secondsAttr})
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
	mask := cfg.masker()
	if mask != nil {
		handler = maskHandler{next: handler, mask: mask}
		stdout, stderr = maskWriter{w: stdout, mask: mask}, maskWriter{w: stderr, mask: mask}
	}
	e := &env{cfg: cfg, cfgSrc: src, mask: mask, out: cfg.Output, quarter: o.quarter, from: o.from, to: o.to, quiet: o.quiet, refresh: o.refresh, offline: o.offline, online: o.online, inputs: o.inputs, own: o.own, log: slog.New(handler), stdout: stdout, stderr: stderr}
	if o.out != "" {
		e.out = o.out
	}
	return e, nil
}

// message is an error as the user reads it: the errUsage marker, which
// only picks the exit code, is not part of the sentence.
func message(err error) string {
	msg := err.Error()
	for strings.HasSuffix(msg, ": "+errUsage.Error()) {
		msg = strings.TrimSuffix(msg, ": "+errUsage.Error())
	}
	return msg
}
