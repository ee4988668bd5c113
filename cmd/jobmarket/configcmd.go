package main

import (
	"context"
	"io"
)

// runConfig prints the resolved config: the file read onto the defaults,
// with the flags applied, exactly as manifest.json records it.
func runConfig(_ context.Context, e *env) error {
	text, err := e.cfg.recorded()
	if err != nil {
		return err
	}
	_, err = io.WriteString(e.stdout, text)
	return err
}

// configCommand is `jobmarket config`.
var configCommand = stageCommand{
	use:   "config",
	short: "Print the resolved config: defaults filled in, as a run records it",
	long: `Print the config as a run would use and record it in manifest.json: every
field left out of the file filled in with its default, --seed and
--only-source applied, values from the environment shown as ${NAME}.`,
	flags: flagConfig | flagSeed | flagSource,
	run:   runConfig,
}
