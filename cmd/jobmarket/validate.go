package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/jobmarket/jobmarket/scrape"
)

// runValidate reports that the config is sound: loading it already
// checked every key and value, so what is left is the world the config
// points at. The output folder must be one a run may write into
// (checkOutput), the report's logo a readable image of the allowed types
// and size (readLogo), and the table of every file source must exist;
// with --online, every start URL, sitemap and feed must answer (see
// scrape.Prober). Each problem is one line on stderr, and any makes exit
// code 2.
func runValidate(ctx context.Context, e *env) error {
	var problems []error
	if err := checkOutput(e.out, e.cfg); err != nil {
		problems = append(problems, err)
	}
	if e.cfg.Report.Logo != "" {
		if _, err := readLogo(e.cfg.Report.Logo); err != nil {
			problems = append(problems, err)
		}
	}
	for i, s := range e.cfg.Sources {
		if s.Path == "" {
			continue
		}
		if _, err := os.Stat(s.Path); err != nil {
			problems = append(problems, fmt.Errorf("sources[%d] (%s): path %s: %w", i, s.Name, s.Path, errors.Unwrap(err)))
		}
	}
	if e.online {
		problems = append(problems, (scrape.Prober{Config: e.cfg.Scrape}).Probe(ctx, e.cfg.Sources)...)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			if e.jsonLogs() {
				e.log.Error("config problem", "config", e.cfgSrc, "problem", p.Error())
			} else {
				fmt.Fprintf(e.stderr, "%s: %v\n", e.cfgSrc, p)
			}
		}
		noun := "problems"
		if len(problems) == 1 {
			noun = "problem"
		}
		return fmt.Errorf("%s: %d %s: %w", e.cfgSrc, len(problems), noun, errUsage)
	}
	online := ""
	if e.online {
		online = ", every URL answers"
	}
	_, err := fmt.Fprintf(e.stdout, "%s: ok (%d sources, %d regions, output %s%s)\n",
		e.cfgSrc, len(e.cfg.Sources), len(e.cfg.Regions), e.out, online)
	return err
}

// validateCommand is `jobmarket validate`.
var validateCommand = stageCommand{
	use:   "validate",
	short: "Check the config and exit",
	long: `Read the config and report every problem at once, each with its line and
field; then check that the output folder is one a run may write into (not
/, the home or working folder, nor a folder a source reads), that the
report's logo is a readable PNG, JPEG, GIF, WebP or SVG within the size cap,
and that the table of every file source exists (a path is relative to the
config file's folder). With --online, also ask each start
URL, sitemap and feed whether it answers: a HEAD (or GET) with the
configured user agent, robots.txt respected, a short timeout.`,
	flags: flagConfig | flagOnline,
	run:   runValidate,
}
