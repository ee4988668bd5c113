package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/scrape"
)

// Files `jobmarket synth` writes into its folder.
const (
	SynthTableFile  = "synthetic.parquet"
	SynthConfigFile = "pipeline.yaml"
)

// runSynthCommand writes a synthetic input of any size, for benchmarks and
// the scaling table of docs/performance.md: N raw records as a Parquet
// table and a config that reads it as a file source, so
// `jobmarket run -c DIR/pipeline.yaml` runs every stage on it, the scrape
// stage included. Everything it writes is marked synthetic.
func runSynthCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jobmarket synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 100000, "number of raw records to draw")
	dir := fs.String("o", "synth", "output `DIR` for "+SynthTableFile+" and "+SynthConfigFile)
	seed := fs.Uint64("seed", 1, "generator seed: the same seed gives the same records")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobmarket synth [-n N] [-o DIR] [--seed S]\n\nWrites N synthetic raw records and a config that runs the pipeline on them.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 || *n < 0 {
		fmt.Fprintf(stderr, "jobmarket synth: want -n N ≥ 0 and no arguments, got -n %d %q\n", *n, fs.Args())
		return exitUsage
	}
	started := time.Now()
	if err := writeSynth(ctx, *dir, *n, *seed); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "jobmarket synth: interrupted; nothing half-written")
			return exitCanceled
		}
		fmt.Fprintf(stderr, "jobmarket synth: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "wrote %d synthetic records to %s in %s\nrun the pipeline on them: jobmarket run -c %s\n",
		*n, filepath.Join(*dir, SynthTableFile), time.Since(started).Round(time.Millisecond), filepath.Join(*dir, SynthConfigFile))
	return exitOK
}

func writeSynth(ctx context.Context, dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	table, err := filepath.Abs(filepath.Join(dir, SynthTableFile))
	if err != nil {
		return err
	}
	err = data.WriteFileAtomic(table, func(f *os.File) error {
		w, err := data.NewRawParquetWriter(f, memory.DefaultAllocator)
		if err != nil {
			return err
		}
		g := synth.New(seed)
		for i := range n {
			if i%65536 == 0 && ctx.Err() != nil {
				w.Close()
				return ctx.Err()
			}
			if err := w.Write(g.Next()); err != nil {
				w.Close()
				return err
			}
		}
		return w.Close()
	})
	if err != nil {
		return err
	}
	cfg, err := parseConfig("built-in "+DefaultConfigFile, bytes.NewReader(data.DefaultPipeline))
	if err != nil {
		return err
	}
	cfg.SyntheticData = true
	cfg.Output = filepath.Join(filepath.Dir(table), "out")
	cfg.Sources = []scrape.Source{{Name: "synthetic", Kind: scrape.KindFile, Path: table, Format: "parquet"}}
	text, err := cfg.recorded()
	if err != nil {
		return err
	}
	header := "# SYNTHETIC: written by `jobmarket synth -n " + strconv.Itoa(n) + " --seed " + strconv.FormatUint(seed, 10) +
		"`; made-up postings for benchmarks, never real data.\n"
	return data.WriteFileAtomic(filepath.Join(dir, SynthConfigFile), func(f *os.File) error {
		_, err := io.WriteString(f, header+text)
		return err
	})
}
