package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/transform"
)

// DefaultConfigFile is read when -c is not given.
const DefaultConfigFile = "pipeline.yaml"

// DefaultOutput is the output folder when neither the config nor -o names one.
const DefaultOutput = "out"

// Pipeline is pipeline.yaml: the stage configs composed into one file.
// docs/config.md documents every field.
type Pipeline struct {
	Output   string             `yaml:"output"`
	Sources  []scrape.Source    `yaml:"sources"`
	Scrape   scrape.Config      `yaml:"scrape"`
	Classify transform.Classify `yaml:"classify"`
	Currency transform.Currency `yaml:"currency"`
	Regions  transform.Regions  `yaml:"regions"`
	Pay      transform.PayRules `yaml:"pay"`
	Analysis analyze.Config     `yaml:"analysis"`
}

func (p Pipeline) transformConfig() transform.Config {
	return transform.Config{Classify: p.Classify, Currency: p.Currency, Regions: p.Regions, Pay: p.Pay}
}

// Synthetic reports whether the run reads the bundled demo snapshot, whose
// postings are generated: every output then says so.
func (p Pipeline) Synthetic() bool {
	for _, s := range p.Sources {
		for _, u := range s.StartURLs {
			if strings.HasPrefix(u, scrape.BundledScheme+"://") {
				return true
			}
		}
	}
	return false
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

// parseConfig reads a pipeline config strictly: an unknown key or a value
// of the wrong type is an error naming the file and line, and every
// semantic problem is reported at once. name labels messages.
func parseConfig(name string, r io.Reader) (Pipeline, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Pipeline{}, fmt.Errorf("read %s: %w", name, err)
	}
	p := Pipeline{Output: DefaultOutput, Scrape: scrape.DefaultConfig(), Analysis: analyze.DefaultConfig()}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			msgs := make([]string, len(te.Errors))
			for i, m := range te.Errors {
				msgs[i] = name + ":" + strings.TrimPrefix(yamlLine.ReplaceAllString(m, "$1: "), "line ")
			}
			return Pipeline{}, errors.New(strings.Join(msgs, "\n"))
		}
		return Pipeline{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := p.validate(); err != nil {
		return Pipeline{}, fmt.Errorf("%s:\n%w", name, err)
	}
	return p, nil
}

func (p Pipeline) validate() error {
	errs := []error{
		p.Scrape.Validate(p.Sources),
		p.transformConfig().Validate(),
		p.Analysis.Validate(),
	}
	if p.Output == "" {
		errs = append(errs, errors.New("output: empty (name an output folder)"))
	}
	for i, s := range p.Sources {
		for j, u := range s.StartURLs {
			if parsed, err := url.Parse(u); err == nil && parsed.User != nil {
				errs = append(errs, fmt.Errorf("sources[%d].start_urls[%d]: credentials in a URL would be written to outputs; use an environment variable in a header instead", i, j))
			}
		}
	}
	return errors.Join(errs...)
}

// loadConfig reads the config at path. With no -c and no pipeline.yaml in
// the working folder it falls back to the default config built into the
// binary, so an installed jobmarket runs the demo anywhere.
func loadConfig(path string, explicit bool) (Pipeline, string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		p, err := parseConfig("built-in "+DefaultConfigFile, bytes.NewReader(data.DefaultPipeline))
		return p, "built-in " + DefaultConfigFile, err
	}
	if err != nil {
		return Pipeline{}, path, fmt.Errorf("open config: %w", err)
	}
	defer f.Close()
	p, err := parseConfig(path, f)
	return p, path, err
}
