package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// stageOrder is the order stages run and are verified in.
var stageOrder = []string{"scrape", "transform", "analyze", "report"}

// runVerify checks an output folder against its manifest: every recorded
// output still has its hash (intact), every stage's inputs are the outputs
// the folder holds now (not stale), and rerunning the analysis with the
// recorded config and seed gives the same premium table (reproducible).
func runVerify(ctx context.Context, e *env) error {
	m, err := readManifest(e.out)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s has no %s: not an output folder of jobmarket: %w", e.out, ManifestFile, errUsage)
	}
	if err != nil {
		return err
	}
	var problems []string
	say := func(format string, args ...any) { fmt.Fprintf(e.stdout, format+"\n", args...) }
	for _, stage := range stageOrder {
		st, ok := m.Stages[stage]
		if !ok {
			continue
		}
		for _, want := range st.Outputs {
			if got, err := hashFile(e.path(want.Path)); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s is missing", stage, want.Path))
			} else if got.SHA256 != want.SHA256 {
				problems = append(problems, fmt.Sprintf("%s: %s changed since it was written (sha256 %s, recorded %s)", stage, want.Path, got.SHA256[:12], want.SHA256[:12]))
			}
		}
		for _, in := range st.Inputs {
			if strings.HasPrefix(in.Path, "pages (") {
				continue
			}
			if got, err := hashFile(e.path(in.Path)); err == nil && got.SHA256 != in.SHA256 {
				problems = append(problems, fmt.Sprintf("%s: made from an older %s; rerun `jobmarket %s`", stage, in.Path, stage))
			}
		}
	}
	if len(problems) == 0 {
		say("intact: every output matches %s", ManifestFile)
	}
	if _, ok := m.Stages["analyze"]; ok && len(problems) == 0 {
		if err := reproduce(ctx, e, m); err != nil {
			problems = append(problems, err.Error())
		} else {
			say("reproducible: rerunning analyze with the recorded config and seed %d gives the same %s", m.Seed, PremiumCSVFile)
		}
	}
	for _, p := range problems {
		say("problem: %s", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s is not intact (%d problems)", e.out, len(problems))
	}
	return nil
}

// reproduce reruns the analysis of the folder in memory with the config
// recorded in its manifest and compares the premium table byte for byte.
func reproduce(ctx context.Context, e *env, m Manifest) error {
	cfg, err := parseConfig("config recorded in "+ManifestFile, strings.NewReader(m.Config))
	if err != nil {
		return err
	}
	rf, err := os.Open(e.path(RejectsFile))
	if err != nil {
		return err
	}
	defer rf.Close()
	rejects, err := data.ReadRejectsCSV(rf)
	if err != nil {
		return fmt.Errorf("%s: %w", e.path(RejectsFile), err)
	}
	res, err := estimate(ctx, cfg, m.Quarter, m.From, m.To, listingsFile(e.path(ListingsArrowFile)), rejects)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := data.WritePremiumsCSV(&buf, res.Premiums); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	for _, out := range m.Stages["analyze"].Outputs {
		if out.Path == PremiumCSVFile && out.SHA256 != hex.EncodeToString(sum[:]) {
			return fmt.Errorf("not reproducible: rerunning analyze gives a different %s", PremiumCSVFile)
		}
	}
	return nil
}

// verifyCommand is `jobmarket verify [DIR]`.
var verifyCommand = stageCommand{
	use:   "verify [DIR]",
	short: "Check an output folder: intact, current, and reproducible",
	long: `Recompute the hashes of an output folder (DIR, else -o, else the config's
output) and rerun its analysis from the config and seed its manifest
records: are the files intact and the numbers reproducible?`,
	flags: flagConfig | flagOut,
	args:  maxArgs(1),
	positional: func(o *options, args []string) {
		if len(args) == 1 {
			o.out = args[0]
		}
	},
	run: runVerify,
}
