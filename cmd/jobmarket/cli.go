package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jobmarket/jobmarket/scrape"
)

// The command line is built with spf13/cobra (with spf13/pflag): it gives
// each command its own flag set and help page, `help CMD`, `--version`,
// flags before or after positional arguments, and one-line errors for an
// unknown flag, which the standard flag package would each need by hand.

// flagGroup picks which of the shared flags a command takes.
type flagGroup uint

const (
	flagConfig flagGroup = 1 << iota // -c/--config
	flagOut                          // -o/--out
	flagSeed                         // --seed
	flagPeriod                       // --quarter, --from, --to
	flagSource                       // --only-source
	flagFetch                        // --refresh, --offline
	flagInput                        // --input
	flagOnline                       // --online
)

// stageCommand is a command that reads the config and works in an output
// folder: every stage, run, validate, config and verify. Each is declared
// in its own file.
type stageCommand struct {
	use, short, long string
	flags            flagGroup
	// args checks the positional arguments; nil allows none.
	args cobra.PositionalArgs
	// positional puts the positional arguments into the options.
	positional func(*options, []string)
	// writes is set for commands that write into the output folder.
	writes bool
	run    func(context.Context, *env) error
	// more declares the command's own flags, beside the shared ones.
	more func(*pflag.FlagSet, *options)
}

// logFlags are the flags every command takes, before or after its name.
type logFlags struct {
	quiet, verbose bool
	format         string
}

// command builds the cobra command; logs are the root's flags.
func (c stageCommand) command(logs *logFlags, stdout, stderr io.Writer) *cobra.Command {
	var o options
	args := c.args
	if args == nil {
		args = maxArgs(0)
	}
	cmd := &cobra.Command{
		Use: c.use, Short: c.short, Long: c.long, Args: args,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.explicit = cmd.Flags().Changed("config")
			o.quiet, o.verbose, o.logFormat = logs.quiet, logs.verbose, logs.format
			if c.positional != nil {
				c.positional(&o, args)
			}
			e, err := newEnv(o, stdout, stderr)
			if err != nil {
				return fmt.Errorf("%w: %w", err, errUsage)
			}
			if c.writes {
				if err := e.ensureOut(); err != nil {
					return e.mask.Error(err)
				}
				defer e.releaseOut()
			}
			return e.mask.Error(c.run(cmd.Context(), e))
		},
	}
	fs := cmd.Flags()
	if c.flags&flagConfig != 0 {
		fs.StringVarP(&o.config, "config", "c", DefaultConfigFile, "pipeline config `FILE` (without -c and without ./pipeline.yaml: the built-in demo config)")
	}
	if c.flags&flagOut != 0 {
		fs.StringVarP(&o.out, "out", "o", "", "output `DIR` (default: the config's output)")
	}
	if c.flags&flagSeed != 0 {
		fs.StringVar(&o.seed, "seed", "", "use seed `N` instead of analysis.seed")
	}
	if c.flags&flagPeriod != 0 {
		fs.StringVar(&o.quarter, "quarter", "", "only postings of `QUARTER`, like 2026Q3, compared with the quarter before")
		fs.StringVar(&o.from, "from", "", "only postings from `DATE` (2006-01-02) on")
		fs.StringVar(&o.to, "to", "", "only postings up to `DATE` (2006-01-02), inclusive")
	}
	if c.flags&flagSource != 0 {
		fs.StringVar(&o.onlySource, "only-source", "", "only the source `NAME`")
	}
	if c.flags&flagFetch != 0 {
		fs.BoolVar(&o.refresh, "refresh", false, "fetch every page again instead of reusing the page store")
		fs.BoolVar(&o.offline, "offline", false, "re-read the page store, fetch nothing (to re-apply a parser fix)")
	}
	if c.flags&flagOnline != 0 {
		fs.BoolVar(&o.online, "online", false, "also ask each start URL, sitemap and feed whether it answers (robots.txt respected)")
	}
	if c.flags&flagInput != 0 {
		fs.StringArrayVar(&o.inputs, "input", nil, "read raw.arrow from `DIR` instead of the output folder; repeat to merge scrape workers that shared a queue")
	}
	if c.more != nil {
		c.more(fs, &o)
	}
	return cmd
}

// stageCommands are the commands that take a config, in help order.
var stageCommands = []stageCommand{
	runCommand, scrapeCommand, transformCommand, analyzeCommand, reportCommand,
	validateCommand, configCommand, schemaCommand, verifyCommand,
	exportCommand, sourcesCommand, cleanCommand,
}

// newRoot builds the jobmarket command and its subcommands.
func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var logs logFlags
	root := &cobra.Command{
		Use:   "jobmarket",
		Short: "Measure the pay premium of OpenStack roles over Python roles",
		Long: `jobmarket scrapes job boards, normalizes the postings, estimates the pay
premium of OpenStack roles over Python roles by region and quarter with
intervals, and writes a report. With no command it runs every stage.

Exit codes: 0 ok, 1 failed, 2 bad usage or config, 3 some sources failed,
130 interrupted.`,
		Version:       toolInfo().String(),
		Args:          cobra.MinimumNArgs(1),
		RunE:          unknownCommand,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage: %w", err, cmd.CommandPath(), errUsage)
	})
	pf := root.PersistentFlags()
	pf.BoolVarP(&logs.quiet, "quiet", "q", false, "log only warnings and errors, no progress")
	pf.BoolVarP(&logs.verbose, "verbose", "v", false, "log debug detail")
	pf.StringVar(&logs.format, "log-format", "text", "log lines as `text` or json")
	for _, c := range stageCommands {
		root.AddCommand(c.command(&logs, stdout, stderr))
	}
	root.AddCommand(newPayCommand(stdin, stdout, stderr), newSynthCommand(stdout, stderr), newVersionCommand(stdout), newInitCommand(stdout))
	return root
}

// withDefaultCommand puts "run" where the command name would stand when
// the arguments name none: `jobmarket`, `jobmarket -c boards.yaml`,
// `jobmarket -q --quarter 2026Q3`. Flags every command takes may come
// first either way.
func withDefaultCommand(args []string) []string {
	i := 0
	for i < len(args) {
		a := args[i]
		switch {
		case a == "-q" || a == "--quiet" || a == "-v" || a == "--verbose" || strings.HasPrefix(a, "--log-format="):
			i++
			continue
		case a == "--log-format":
			i += 2
			continue
		}
		break
	}
	if i < len(args) {
		a := args[i]
		if slices.Contains([]string{"-h", "--help", "--version", "help", "__complete"}, a) {
			return args
		}
		if !strings.HasPrefix(a, "-") {
			return args // a command name, or an unknown one cobra names
		}
	}
	return slices.Insert(slices.Clone(args), min(i, len(args)), "run")
}

// codeError carries an exit code from a command that has already told the
// user what went wrong.
type codeError int

func (c codeError) Error() string { return fmt.Sprintf("exit code %d", int(c)) }

// run is main without the process around it, so tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWithInput(ctx, args, nil, stdout, stderr)
}

func runWithInput(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(withDefaultCommand(args))
	err := root.ExecuteContext(ctx)
	var code codeError
	exit := exitFailed
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	case ctx.Err() != nil:
		err, exit = errors.New("interrupted; finished outputs are kept, nothing half-written"), exitCanceled
	case errors.Is(err, errUsage):
		exit = exitUsage
	case errors.Is(err, scrape.ErrPartial):
		exit = exitPartial
	}
	if f := root.PersistentFlags().Lookup("log-format"); f != nil && f.Value.String() == "json" {
		// With JSON logs, stderr holds JSON lines only: the error too.
		slog.New(slog.NewJSONHandler(stderr, nil)).Error(message(err), "exit_code", exit)
		return exit
	}
	fmt.Fprintf(stderr, "jobmarket: %s\n", message(err))
	return exit
}

// maxArgs allows at most n positional arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		if n == 0 {
			return fmt.Errorf("%s takes no arguments, got %q\nRun '%s --help' for usage: %w", cmd.CommandPath(), args, cmd.CommandPath(), errUsage)
		}
		return fmt.Errorf("%s takes at most %d argument(s), got %q\nRun '%s --help' for usage: %w", cmd.CommandPath(), n, args, cmd.CommandPath(), errUsage)
	}
}

// unknownCommand is the root's own action: reached only when the first
// argument names no command.
func unknownCommand(cmd *cobra.Command, args []string) error {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return fmt.Errorf("unknown command %q (commands: %s)\nRun 'jobmarket help' for usage: %w", args[0], strings.Join(names, ", "), errUsage)
}
