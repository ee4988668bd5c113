package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// The output folder is the one place a run writes (besides the page
// store), so a command that writes there first makes sure it is one:
// never /, the home folder, the working folder or a folder a source reads
// from; it then takes the folder's lock, so two runs never mix their
// outputs, and removes what a killed run left.

// replacedDirs are the folders of the output folder a run replaces whole.
var replacedDirs = []string{SlidesDir, ListingsDatasetDir}

// leftover matches the names of the temporary files and folders a run
// writes into the output folder (os.CreateTemp's and os.MkdirTemp's
// random digits after the prefixes data.CreateAtomic, the listings
// dataset, the slides and transform's URL spill use): those a killed run
// left are removed at the start of the next.
var leftover = regexp.MustCompile(`^(\.tmp-([a-z]+-)?[0-9]+|\.dedupe-urls-[0-9]+\.tmp)$`)

// ensureOut makes the output folder ready for a command that writes into
// it: checked (checkOutput), created, locked for this process until
// releaseOut, and cleared of a killed run's leftovers.
func (e *env) ensureOut() error {
	if err := checkOutput(e.out, e.cfg); err != nil {
		return fmt.Errorf("%w: %w", err, errUsage)
	}
	if err := os.MkdirAll(e.out, 0o755); err != nil {
		return err
	}
	lock, err := lockFolder(e.out)
	if err != nil {
		return err
	}
	e.lock = lock
	if err := e.clearLeftovers(); err != nil {
		e.releaseOut()
		return err
	}
	return nil
}

// releaseOut lets the next run have the output folder.
func (e *env) releaseOut() {
	if e.lock != nil {
		e.lock.Close()
		e.lock = nil
	}
}

// clearLeftovers removes the temporary files and folders of a killed run,
// finishes a folder replacement a kill interrupted, and refuses to go on
// when a folder the run would replace was not written by this tool (the
// output folder has no manifest.json).
func (e *env) clearLeftovers() error {
	_, err := os.Stat(e.path(ManifestFile))
	ours := err == nil
	for _, name := range replacedDirs {
		dir := e.path(name)
		if _, err := os.Lstat(dir); err == nil && !ours {
			return fmt.Errorf("%s is in the way: it was not written by jobmarket (%s has no %s); move it away or give another output folder: %w",
				dir, e.out, ManifestFile, errUsage)
		}
		if err := data.RecoverDir(dir); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(e.out)
	if err != nil {
		return err
	}
	for _, entry := range entries {
		if leftover.MatchString(entry.Name()) {
			if err := os.RemoveAll(e.path(entry.Name())); err != nil {
				return fmt.Errorf("remove what a killed run left: %w", err)
			}
			e.log.Debug("removed a killed run's leftover", "path", e.path(entry.Name()))
		}
	}
	return nil
}

// checkOutput refuses an output folder a run must not write into: the
// root, the home folder, the working folder, or a folder a file source
// reads (or one holding it). Paths are compared resolved, symbolic links
// followed. The error is a data.FieldError at "output".
func checkOutput(out string, cfg Pipeline) error {
	dir, err := resolvedPath(out)
	if err != nil {
		return data.FieldErrorf("output", "%s: %w", out, err)
	}
	refused := map[string]string{string(filepath.Separator): "the root folder"}
	if home, err := os.UserHomeDir(); err == nil {
		if home, err := resolvedPath(home); err == nil {
			refused[home] = "your home folder"
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if wd, err := resolvedPath(wd); err == nil {
			refused[wd] = "the working folder"
		}
	}
	if what, ok := refused[dir]; ok {
		return data.FieldErrorf("output", "%s is %s: a run replaces folders in its output folder; name a folder of its own, like %s", out, what, DefaultOutput)
	}
	for _, s := range cfg.Sources {
		for _, src := range sourceFolders(s.Path, s.StartURLs) {
			if src, err := resolvedPath(src); err == nil && (src == dir || strings.HasPrefix(src, dir+string(filepath.Separator))) {
				return data.FieldErrorf("output", "%s holds what source %s reads (%s); name a folder of its own, like %s", out, s.Name, src, DefaultOutput)
			}
		}
	}
	return nil
}

// sourceFolders are the folders a source reads from: its table's folder,
// or that of its file:// start URLs.
func sourceFolders(path string, startURLs []string) []string {
	var paths []string
	if path != "" {
		paths = append(paths, path)
	}
	for _, u := range startURLs {
		if parsed, err := url.Parse(u); err == nil && parsed.Scheme == "file" {
			paths = append(paths, parsed.Path)
		}
	}
	folders := make([]string, 0, len(paths))
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			p = filepath.Dir(p)
		}
		folders = append(folders, p)
	}
	return folders
}

// resolvedPath is path made absolute, with the symbolic links of its
// longest existing part followed.
func resolvedPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}
