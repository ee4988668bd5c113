package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
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
	Output string `yaml:"output"`
	// SyntheticData marks made-up data (examples, simulations): every
	// output then says so. The bundled snapshot is always synthetic.
	SyntheticData bool               `yaml:"synthetic"`
	Sources       []scrape.Source    `yaml:"sources"`
	Scrape        scrape.Config      `yaml:"scrape"`
	Classify      transform.Classify `yaml:"classify"`
	Currency      transform.Currency `yaml:"currency"`
	Regions       transform.Regions  `yaml:"regions"`
	Pay           transform.PayRules `yaml:"pay"`
	// Duplicates tunes how repeated postings are found.
	Duplicates transform.Duplicates `yaml:"duplicates"`
	Analysis   analyze.Config       `yaml:"analysis"`

	secrets map[string]string // values taken from the environment, by name
}

func (p Pipeline) transformConfig() transform.Config {
	return transform.Config{Classify: p.Classify, Currency: p.Currency, Regions: p.Regions, Pay: p.Pay, Duplicates: p.Duplicates}
}

// Synthetic reports whether the run reads made-up postings — the bundled
// demo snapshot, or data the config marks synthetic: every output then
// says so.
func (p Pipeline) Synthetic() bool {
	if p.SyntheticData {
		return true
	}
	for _, s := range p.Sources {
		for _, u := range s.StartURLs {
			if strings.HasPrefix(u, scrape.BundledScheme+"://") {
				return true
			}
		}
	}
	return false
}

// envRef is a reference to an environment variable in the config, for
// secrets such as API keys that must not sit in the file.
var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${NAME} references with their values. It returns the
// values it put in, so they can be masked again wherever the config is
// recorded, and an error naming every variable that is not set.
func expandEnv(name string, raw []byte) ([]byte, map[string]string, error) {
	secrets := map[string]string{}
	var missing []error
	out := envRef.ReplaceAllFunc(raw, func(ref []byte) []byte {
		key := string(envRef.FindSubmatch(ref)[1])
		v, ok := os.LookupEnv(key)
		if !ok {
			line := 1 + bytes.Count(raw[:bytes.Index(raw, ref)], []byte("\n"))
			missing = append(missing, fmt.Errorf("%s:%d: environment variable %s is not set", name, line, key))
			return ref
		}
		secrets[key] = v
		return []byte(v)
	})
	return out, secrets, errors.Join(missing...)
}

// parseConfig reads a pipeline config strictly: an unknown key or a value
// of the wrong type is an error naming the file, the line and the field,
// and every semantic problem is reported at once, each with its line.
// name labels messages.
func parseConfig(name string, r io.Reader) (Pipeline, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Pipeline{}, fmt.Errorf("read %s: %w", name, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return Pipeline{}, fmt.Errorf("%s: %w", name, err)
	}
	lines := newConfigLines(&doc)
	expanded, secrets, err := expandEnv(name, raw)
	if err != nil {
		return Pipeline{}, err
	}
	t := transform.DefaultConfig()
	p := Pipeline{Output: DefaultOutput, Scrape: scrape.DefaultConfig(), Classify: t.Classify, Currency: t.Currency,
		Regions: t.Regions, Pay: t.Pay, Duplicates: t.Duplicates, Analysis: analyze.DefaultConfig(), secrets: secrets}
	dec := yaml.NewDecoder(bytes.NewReader(expanded))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return Pipeline{}, lines.explainDecode(name, err)
	}
	if err := p.validate(); err != nil {
		return Pipeline{}, lines.explainInvalid(name, err)
	}
	return p, nil
}

// recorded is the resolved config as YAML, defaults filled in, with every
// value that came from the environment masked back to its ${NAME}.
func (p Pipeline) recorded() (string, error) {
	out, err := yaml.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("record config: %w", err)
	}
	s := string(out)
	for _, key := range slices.Sorted(maps.Keys(p.secrets)) {
		if v := p.secrets[key]; v != "" {
			s = strings.ReplaceAll(s, v, "${"+key+"}")
		}
	}
	return s, nil
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
	if parsed, err := url.Parse(p.Scrape.Queue); err == nil && parsed.User != nil {
		if pw, ok := parsed.User.Password(); ok && pw != "" && !slices.Contains(slices.Collect(maps.Values(p.secrets)), pw) {
			errs = append(errs, errors.New("scrape.queue: a password written into the config would be copied into manifest.json; write it as ${REDIS_PASSWORD} (any environment variable) instead"))
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

// override applies the command-line flags that change the config, so the
// manifest records what actually ran.
func (p *Pipeline) override(o options) error {
	if o.seed != "" {
		seed, err := strconv.ParseUint(o.seed, 10, 64)
		if err != nil {
			return fmt.Errorf("--seed: %q is not a whole number of zero or more", o.seed)
		}
		p.Analysis.Seed = seed
	}
	if o.onlySource != "" {
		i := slices.IndexFunc(p.Sources, func(s scrape.Source) bool { return s.Name == o.onlySource })
		if i < 0 {
			names := make([]string, len(p.Sources))
			for j, s := range p.Sources {
				names[j] = s.Name
			}
			return fmt.Errorf("--only-source: no source named %q (sources: %s)", o.onlySource, strings.Join(names, ", "))
		}
		p.Sources = p.Sources[i : i+1]
	}
	return nil
}
