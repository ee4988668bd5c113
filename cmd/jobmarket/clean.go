package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"
)

// storeFiles lists the page store's WARC files in dir and their total
// size; a store never written is none.
func storeFiles(dir string) ([]string, int64, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.warc"))
	if err != nil {
		return nil, 0, fmt.Errorf("page store %s: %w", dir, err)
	}
	var total int64
	for _, name := range names {
		fi, err := os.Stat(name)
		if err != nil {
			return nil, 0, fmt.Errorf("page store: %w", err)
		}
		total += fi.Size()
	}
	return names, total, nil
}

// humanBytes writes a size the way people read it: 532 B, 14.2 kB, 3.1 MB.
func humanBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, prefix := float64(n)/unit, "kMGTPE"
	i := 0
	for v >= unit && i < len(prefix)-1 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %cB", v, prefix[i])
}

// runClean removes the page store (scrape.store): its WARC files, then
// the folder if nothing else is in it. Only the WARC files the store
// writes are removed, so a store set to a folder that holds other things
// loses nothing else. Without --yes it only says what it would remove.
func runClean(_ context.Context, e *env) error {
	dir := e.cfg.Scrape.Store
	names, total, err := storeFiles(dir)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		_, err := fmt.Fprintf(e.stdout, "page store %s: empty, nothing to remove\n", dir)
		return err
	}
	if !e.own.yes {
		_, err := fmt.Fprintf(e.stdout, "page store %s: %d files, %s; nothing removed: give --yes to remove them\n",
			dir, len(names), humanBytes(total))
		return err
	}
	for _, name := range names {
		if err := os.Remove(name); err != nil {
			return fmt.Errorf("clean: %w", err)
		}
	}
	// The folder goes too when the store was all it held.
	if entries, err := os.ReadDir(dir); err == nil && len(entries) == 0 {
		if err := os.Remove(dir); err != nil {
			return fmt.Errorf("clean: %w", err)
		}
	}
	_, err = fmt.Fprintf(e.stdout, "page store %s: removed %d files, %s; the next scrape fetches every page again\n",
		dir, len(names), humanBytes(total))
	return err
}

// cleanCommand is `jobmarket clean`.
var cleanCommand = stageCommand{
	use:   "clean",
	short: "Remove the page store (with --yes), saying how large it is",
	long: `Say how large the page store (scrape.store) is and, with --yes, remove it:
the next scrape then fetches every page again. Only the store's WARC files
are removed, and its folder when nothing else is in it. The output folder
is left as it is.`,
	flags: flagConfig,
	more: func(fs *pflag.FlagSet, o *options) {
		fs.BoolVar(&o.own.yes, "yes", false, "remove the store; without it, only say what would be removed")
	},
	run: runClean,
}
