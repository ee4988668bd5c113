package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// stageOrder is the order stages run and are verified in.
var stageOrder = []string{"scrape", "transform", "analyze", "report"}

// runVerify checks an output folder against its manifest: every recorded
// output still has its hash (intact), every stage's inputs are the outputs
// the folder holds now (not stale), and rerunning the analysis with the
// config, seed and period analyze recorded gives every table analyze
// wrote, byte for byte (reproducible); where a table differs it names the
// line and column.
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
	problems = append(problems, verifyStore(e, m, say)...)
	if st, ok := m.Stages["analyze"]; ok && inputsIntact(e, st) {
		// Rerun even when outputs changed: the rerun names what differs.
		seed, tables, diffs, err := reproduce(ctx, e, m)
		switch {
		case err != nil:
			problems = append(problems, "cannot rerun analyze: "+err.Error())
		case len(diffs) > 0:
			problems = append(problems, diffs...)
		default:
			say("reproducible: rerunning analyze with the recorded config and seed %d gives the same %s", seed, strings.Join(tables, ", "))
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

// inputsIntact reports whether the inputs a stage recorded are in the
// folder as they were, so rerunning it means something.
func inputsIntact(e *env, st *StageEntry) bool {
	for _, in := range st.Inputs {
		if got, err := hashFile(e.path(in.Path)); err != nil || got.SHA256 != in.SHA256 {
			return false
		}
	}
	return true
}

// reproduce reruns the analysis of the folder in memory, through the same
// call as the analyze command, with the config and period flags analyze
// recorded, and compares every table analyze writes (premium_by_region,
// the trend and previous period of a limited analysis, analysis.json)
// with the manifest's record of it and with the file. It returns the seed
// used, the tables compared, and one problem per table that differs,
// naming the first line and column that do.
func reproduce(ctx context.Context, e *env, m Manifest) (uint64, []string, []string, error) {
	cfg, err := readConfig("config recorded in "+ManifestFile, strings.NewReader(m.stageConfig("analyze")), true)
	if err != nil {
		return 0, nil, nil, err
	}
	span, err := spanFlags(m.Quarter, m.From, m.To)
	if err != nil {
		return 0, nil, nil, err
	}
	rf, err := os.Open(e.path(RejectsFile))
	if err != nil {
		return 0, nil, nil, err
	}
	defer rf.Close()
	rejects, err := data.ReadRejectsCSV(rf)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("%s: %w", e.path(RejectsFile), err)
	}
	work := e.startWork("verify", "listings", e.listingCount(), "estimating again")
	out, err := runAnalysis(ctx, cfg, span, e.path(ListingsArrowFile), rejects, work)
	work.end()
	if err != nil {
		return 0, nil, nil, err
	}
	tables, err := analysisTables(cfg, out)
	if err != nil {
		return 0, nil, nil, err
	}
	recorded := map[string]FileHash{}
	for _, o := range m.Stages["analyze"].Outputs {
		recorded[o.Path] = o
	}
	var names, diffs []string
	for _, t := range tables {
		names = append(names, t.name)
		sum := sha256.Sum256(t.body)
		rec, ok := recorded[t.name]
		delete(recorded, t.name)
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("not reproducible: rerunning analyze writes %s, which the manifest does not record", t.name))
			continue
		case rec.SHA256 == hex.EncodeToString(sum[:]):
			if file, err := os.ReadFile(e.path(t.name)); err == nil && !bytes.Equal(file, t.body) {
				diffs = append(diffs, fmt.Sprintf("%s was edited: %s", t.name, firstDifference(t.name, file, t.body)))
			}
			continue
		}
		what := "a different " + t.name
		if file, err := os.ReadFile(e.path(t.name)); err == nil && !bytes.Equal(file, t.body) {
			what += ": " + firstDifference(t.name, file, t.body)
		}
		diffs = append(diffs, "not reproducible: rerunning analyze gives "+what)
	}
	for _, name := range slices.Sorted(maps.Keys(recorded)) {
		diffs = append(diffs, fmt.Sprintf("not reproducible: rerunning analyze writes no %s, which the manifest records", name))
	}
	return cfg.Analysis.Seed, names, diffs, nil
}

// firstDifference names where a table in the folder first differs from
// the rerun's: the line, and for a CSV table the row (region, quarter,
// method) and the column.
func firstDifference(name string, file, rerun []byte) string {
	fileLines, rerunLines := strings.Split(string(file), "\n"), strings.Split(string(rerun), "\n")
	var header []string
	if strings.HasSuffix(name, ".csv") && len(rerunLines) > 0 {
		header, _ = csv.NewReader(strings.NewReader(rerunLines[0])).Read()
	}
	for i := 0; i < max(len(fileLines), len(rerunLines)); i++ {
		var f, r string
		if i < len(fileLines) {
			f = fileLines[i]
		}
		if i < len(rerunLines) {
			r = rerunLines[i]
		}
		if f == r {
			continue
		}
		if header != nil {
			fr, err1 := csv.NewReader(strings.NewReader(f)).Read()
			rr, err2 := csv.NewReader(strings.NewReader(r)).Read()
			if err1 == nil && err2 == nil && len(fr) == len(header) && len(rr) == len(header) {
				for c := range header {
					if fr[c] != rr[c] {
						return fmt.Sprintf("line %d (%s): %s is %q in the file, %q when rerun", i+1, rowName(header, rr), header[c], fr[c], rr[c])
					}
				}
			}
		}
		return fmt.Sprintf("line %d is %q in the file, %q when rerun", i+1, clip(strings.TrimSpace(f)), clip(strings.TrimSpace(r)))
	}
	return "the bytes differ"
}

// rowName is a premium row's region, quarter and method, for a message.
func rowName(header, rec []string) string {
	var parts []string
	for _, col := range []string{"region", "quarter", "method"} {
		if i := slices.Index(header, col); i >= 0 {
			parts = append(parts, rec[i])
		}
	}
	return strings.Join(parts, ", ")
}

// clip shortens a line for a message.
func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
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
