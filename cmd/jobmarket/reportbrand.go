package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/jobmarket/jobmarket/charts"
	"github.com/jobmarket/jobmarket/data"
)

// brandReport sets the report's title, subtitle, organization, accent and
// logo from the report: section of the config. The logo file is read here
// (charts reads no files) and checked by charts.LogoURI; a logo that
// cannot be read or is not an image of the allowed types and size is a
// data.FieldError at report.logo.
func brandReport(cfg charts.Config, r *charts.Report) error {
	r.Title, r.Subtitle, r.Organization, r.Accent = cfg.Title, cfg.Subtitle, cfg.Organization, cfg.Accent
	if cfg.Logo == "" {
		return nil
	}
	var err error
	r.Logo, err = readLogo(cfg.Logo)
	return err
}

// readLogo reads the logo file at path and checks it with charts.LogoURI:
// what the report shows, and what validate checks before a run. A file
// that cannot be read, or is not an image of the allowed types and size,
// is a data.FieldError at report.logo.
func readLogo(path string) (template.URL, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", data.FieldErrorf("report.logo", "%w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, charts.MaxLogoBytes+1)) // one byte over is enough to refuse it
	if err != nil {
		return "", data.FieldErrorf("report.logo", "read %s: %w", path, err)
	}
	uri, err := charts.LogoURI(b)
	if err != nil {
		return "", data.FieldErrorf("report.logo", "%s: %w", path, err)
	}
	return uri, nil
}

// reportCitation is what the report's citation line names: this build of
// jobmarket, and the resolved config the analysis ran with as manifest.json
// records it (the config now when no manifest records the analysis), by
// the first 12 hex digits of its SHA-256; `jq -j .config manifest.json |
// sha256sum` gives the same digits when the stages ran with one config.
func reportCitation(e *env) (charts.Citation, error) {
	tool := toolInfo()
	c := charts.Citation{Version: tool.Version, Commit: shortCommit(tool.Commit)}
	m, err := readManifest(e.out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c, err
	}
	config := m.stageConfig("analyze")
	if config == "" {
		if config, err = e.cfg.recorded(); err != nil {
			return c, err
		}
	}
	sum := sha256.Sum256([]byte(config))
	c.ConfigSHA256 = hex.EncodeToString(sum[:])[:12]
	return c, nil
}

// shortCommit is a commit as git abbreviates it, 12 hex digits, keeping a
// "+modified" mark.
func shortCommit(commit string) string {
	hash, mark, _ := strings.Cut(commit, "+")
	if len(hash) > 12 {
		hash = hash[:12]
	}
	if mark != "" {
		return fmt.Sprintf("%s+%s", hash, mark)
	}
	return hash
}
