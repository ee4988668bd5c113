package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/spf13/cobra"

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
func newSynthCommand(stdout, stderr io.Writer) *cobra.Command {
	var n int
	var dir string
	var seed uint64
	cmd := &cobra.Command{
		Use:   "synth [-n N] [-o DIR] [--seed S]",
		Short: "Write N synthetic raw records and a config that runs every stage on them",
		Long: `Write N synthetic raw records (Parquet) and a config that reads them as a
file source, for benchmarks and scaling runs: jobmarket run -c DIR/pipeline.yaml
runs every stage on them. Everything it writes is marked synthetic.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n < 0 {
				return fmt.Errorf("synth: -n %d is negative: %w", n, errUsage)
			}
			if code := runSynth(cmd.Context(), n, dir, seed, stdout, stderr); code != exitOK {
				return codeError(code)
			}
			return nil
		},
	}
	cmd.Flags().IntVarP(&n, "n", "n", 100000, "number of raw records to draw")
	cmd.Flags().StringVarP(&dir, "out", "o", "synth", "output `DIR` for "+SynthTableFile+" and "+SynthConfigFile)
	cmd.Flags().Uint64Var(&seed, "seed", 1, "generator seed: the same seed gives the same records")
	return cmd
}

// runSynth writes the records and the config and returns the exit code.
func runSynth(ctx context.Context, n int, dir string, seed uint64, stdout, stderr io.Writer) int {
	started := time.Now()
	if err := writeSynth(ctx, dir, n, seed); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "jobmarket synth: interrupted; nothing half-written")
			return exitCanceled
		}
		fmt.Fprintf(stderr, "jobmarket synth: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "wrote %d synthetic records to %s in %s\nrun the pipeline on them: jobmarket run -c %s\n",
		n, filepath.Join(dir, SynthTableFile), time.Since(started).Round(time.Millisecond), filepath.Join(dir, SynthConfigFile))
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
