package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// ManifestFile records how an output folder was made.
const ManifestFile = "manifest.json"

// Manifest is the provenance of an output folder: what tool, config and
// inputs made which outputs, so a researcher can rerun and compare.
type Manifest struct {
	Synthetic bool `json:"synthetic"`
	Tool      Tool `json:"tool"`
	// Config is the resolved config, defaults filled in, as YAML, that
	// the latest stage ran with. A stage that ran with another config
	// keeps its own in StageEntry.Config.
	Config    string `json:"config"`
	ConfigSrc string `json:"config_source"`
	// Seed is the seed the analyze stage used; later stages leave it.
	Seed uint64 `json:"seed"`
	// Quarter, From and To are the period flags the analysis was limited
	// to, "" for none.
	Quarter string                 `json:"quarter,omitempty"`
	From    string                 `json:"from,omitempty"`
	To      string                 `json:"to,omitempty"`
	Stages  map[string]*StageEntry `json:"stages"`
}

// Tool identifies the build that ran.
type Tool struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	GoVersion string `json:"go_version"`
}

// StageEntry records one stage's last run.
type StageEntry struct {
	Finished time.Time      `json:"finished"`
	Duration string         `json:"duration"`
	Counts   map[string]int `json:"counts"`
	Inputs   []FileHash     `json:"inputs"`
	Outputs  []FileHash     `json:"outputs"`
	// Config is the resolved config the stage ran with when it is not
	// Manifest.Config: a later stage run with other settings (another
	// --seed, an edited file) moves the earlier stages' config here, so
	// each stage's record stays what it used.
	Config string `json:"config,omitempty"`
}

// stageConfig is the resolved config a recorded stage ran with.
func (m Manifest) stageConfig(stage string) string {
	if st, ok := m.Stages[stage]; ok && st.Config != "" {
		return st.Config
	}
	return m.Config
}

// FileHash names a file and its content hash.
type FileHash struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

func hashFile(path string) (FileHash, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileHash{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileHash{}, fmt.Errorf("hash %s: %w", path, err)
	}
	return FileHash{Path: filepath.ToSlash(path), SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// hashNames hashes files of the output folder, recording their names
// relative to it so a folder can be moved and still verified.
func (e *env) hashNames(names ...string) ([]FileHash, error) {
	out := make([]FileHash, 0, len(names))
	for _, name := range names {
		fh, err := hashFile(e.path(name))
		if err != nil {
			return nil, err
		}
		fh.Path = name
		out = append(out, fh)
	}
	return out, nil
}

// readManifest reads the manifest of an output folder.
func readManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read %s: %w", filepath.Join(dir, ManifestFile), err)
	}
	return m, nil
}

// recordStage writes the stage's entry into the output folder's manifest,
// keeping the entries of other stages.
func (e *env) recordStage(stage string, started time.Time, counts map[string]int, inputs, outputs []FileHash) error {
	path := filepath.Join(e.out, ManifestFile)
	m, err := readManifest(e.out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if m.Stages == nil {
		m.Stages = map[string]*StageEntry{}
	}
	m.Synthetic = e.cfg.Synthetic()
	resolved, err := e.cfg.recorded()
	if err != nil {
		return err
	}
	if m.Config != "" && m.Config != resolved {
		// The stages recorded so far ran with m.Config: they keep it.
		for _, st := range m.Stages {
			if st.Config == "" {
				st.Config = m.Config
			}
		}
	}
	m.Tool, m.Config, m.ConfigSrc = toolInfo(), resolved, e.cfgSrc
	if stage == "analyze" {
		m.Seed = e.cfg.Analysis.Seed
		m.Quarter, m.From, m.To = e.quarter, e.from, e.to
	}
	m.Stages[stage] = &StageEntry{
		Finished: time.Now().UTC().Truncate(time.Second),
		Duration: time.Since(started).Round(time.Millisecond).String(),
		Counts:   counts, Inputs: inputs, Outputs: outputs,
	}
	if err := data.WriteFileAtomic(path, func(f *os.File) error {
		enc := json.NewEncoder(f)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return err
	}
	e.sayWritten(stage, outputs)
	return nil
}

// pageSet collects the pages records came from, one URL and SHA-256 per
// page, for the manifest's digest of a scrape's inputs. A file source is
// one page, whatever its rows (which may carry URLs of their own): its
// SHA-256 is the file's, so the set stays one entry for a table of ten
// million rows.
type pageSet map[string]struct{}

func newPageSet() pageSet { return pageSet{} }

func (p pageSet) add(r *data.RawRecord) {
	if r.PageSHA256 == "" {
		return
	}
	if r.Kind == scrape.KindFile {
		p["file\t"+r.PageSHA256+"\n"] = struct{}{}
		return
	}
	p[r.URL+"\t"+r.PageSHA256+"\n"] = struct{}{}
}

// digest hashes the pages in sorted order, so it does not depend on the
// order records came in.
func (p pageSet) digest(store string) FileHash {
	pairs := slices.Sorted(maps.Keys(p))
	h := sha256.New()
	for _, pair := range pairs {
		io.WriteString(h, pair)
	}
	return FileHash{Path: "pages (" + strconv.Itoa(len(pairs)) + " stored in " + store + ")", SHA256: hex.EncodeToString(h.Sum(nil))}
}
