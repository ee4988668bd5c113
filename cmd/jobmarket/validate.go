package main

import (
	"context"
	"fmt"
)

// runValidate reports that the config is sound; loading it already checked
// everything, and a bad config never reaches this point.
func runValidate(_ context.Context, e *env) error {
	_, err := fmt.Fprintf(e.stdout, "%s: ok (%d sources, %d regions, output %s)\n",
		e.cfgSrc, len(e.cfg.Sources), len(e.cfg.Regions), e.out)
	return err
}

// validateCommand is `jobmarket validate`.
var validateCommand = stageCommand{
	use:   "validate",
	short: "Check the config and exit",
	long:  "Read the config and report every problem at once, each with its line and field.",
	flags: flagConfig,
	run:   runValidate,
}
