package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/analyze"
	"github.com/jobmarket/jobmarket/charts"
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
	// Report titles and brands report.html.
	Report charts.Config `yaml:"report"`

	secrets map[string]string // values taken from the environment, by variable name
	written map[string]string // values as written where ${NAME} was expanded, by field path
}

func (p Pipeline) transformConfig() transform.Config {
	orders := map[string]string{}
	pay := map[string]data.PaySettings{}
	for _, s := range p.Sources {
		if s.DateOrder != "" {
			orders[s.Name] = s.DateOrder
		}
		if !s.Pay.IsZero() {
			pay[s.Name] = s.Pay
		}
	}
	return transform.Config{Classify: p.Classify, Currency: p.Currency, Regions: p.Regions, Pay: p.Pay, Duplicates: p.Duplicates,
		DateOrders: orders, SourcePay: pay}
}

// sourceNames are the names of the sources, in config order.
func (p Pipeline) sourceNames() []string {
	names := make([]string, len(p.Sources))
	for i, s := range p.Sources {
		names[i] = s.Name
	}
	return names
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

// DefaultPipeline is the config a file is read onto: every stage's
// DefaultConfig, the default output folder, and no sources. It is the one
// place defaults come from; docs/config.md shows it, and a test keeps the
// two equal.
func DefaultPipeline() Pipeline {
	t := transform.DefaultConfig()
	return Pipeline{
		Output:     DefaultOutput,
		Scrape:     scrape.DefaultConfig(),
		Classify:   t.Classify,
		Currency:   t.Currency,
		Regions:    t.Regions,
		Pay:        t.Pay,
		Duplicates: t.Duplicates,
		Analysis:   analyze.DefaultConfig(),
		Report:     charts.DefaultConfig(),
	}
}

// parseConfig reads a pipeline config onto DefaultPipeline strictly: a key
// left out takes the default, a list or map given replaces the default
// one, an unknown key or a value of the wrong type is an error, and every
// problem is reported at once as "name:line: path: what is wrong". name
// labels messages.
func parseConfig(name string, r io.Reader) (Pipeline, error) {
	return readConfig(name, r, false)
}

// readConfig is parseConfig; with keepMissingEnv, a ${NAME} whose variable
// is not set stays as written instead of being an error, for rereading a
// recorded config whose secrets are masked.
func readConfig(name string, r io.Reader, keepMissingEnv bool) (Pipeline, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Pipeline{}, fmt.Errorf("read %s: %w", name, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return Pipeline{}, fmt.Errorf("%s: %w", name, err)
	}
	lines := newConfigLines(&doc)
	p := DefaultPipeline()
	secrets, written, err := expandEnv(&doc, keepMissingEnv)
	if err != nil {
		return Pipeline{}, lines.explain(name, err)
	}
	p.secrets, p.written = secrets, written
	// A message quotes values, which now hold the secrets.
	mask := p.masker()
	if errs := checkTree(&doc, reflect.ValueOf(&p).Elem(), ""); len(errs) > 0 {
		return Pipeline{}, mask.Error(lines.explain(name, errors.Join(errs...)))
	}
	if len(doc.Content) > 0 {
		if err := doc.Decode(&p); err != nil {
			// checkTree has vetted every value yaml.v3 reads itself; what
			// is left are the messages of types that read their own.
			return Pipeline{}, mask.Error(fmt.Errorf("%s: %w", name, err))
		}
	}
	if err := p.validate(); err != nil {
		return Pipeline{}, mask.Error(lines.explain(name, err))
	}
	return p, nil
}

// recorded is the resolved config as YAML, defaults filled in, with every
// value that came from the environment put back as it was written
// (${NAME}), so a recorded config reruns to the same numbers and holds no
// secret.
func (p Pipeline) recorded() (string, error) {
	var n yaml.Node
	if err := n.Encode(p); err != nil {
		return "", fmt.Errorf("record config: %w", err)
	}
	walkScalars(&n, "", func(s *yaml.Node, path string) {
		if written, ok := p.written[path]; ok {
			s.Value, s.Tag, s.Style = written, "!!str", yaml.DoubleQuotedStyle
		}
	})
	flowScalarLists(&n)
	var out strings.Builder
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return "", fmt.Errorf("record config: %w", err)
	}
	if err := enc.Close(); err != nil {
		return "", fmt.Errorf("record config: %w", err)
	}
	return out.String(), nil
}

// flowScalarLists writes every list of short plain values on one line
// ([nova, neutron, ...]), so the recorded config reads like the file a
// user writes; lists holding long values (URLs) keep one per line.
func flowScalarLists(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode && !slices.ContainsFunc(n.Content, func(c *yaml.Node) bool { return c.Kind != yaml.ScalarNode }) {
		if !slices.ContainsFunc(n.Content, func(c *yaml.Node) bool { return len(c.Value) > 40 }) {
			n.Style = yaml.FlowStyle
		}
		return
	}
	for _, c := range n.Content {
		flowScalarLists(c)
	}
}

func (p Pipeline) validate() error {
	errs := []error{
		p.Scrape.Validate(p.Sources),
		p.transformConfig().Validate(),
		p.Analysis.Validate(),
		p.Report.Validate(),
	}
	if p.Output == "" {
		errs = append(errs, data.FieldErrorf("output", "empty (name an output folder)"))
	}
	for i, s := range p.Sources {
		for j, u := range s.StartURLs {
			if parsed, err := url.Parse(u); err == nil && parsed.User != nil {
				errs = append(errs, data.FieldErrorf(fmt.Sprintf("sources[%d].start_urls[%d]", i, j), "credentials in a URL would be written to outputs; use an environment variable in a header instead"))
			}
		}
	}
	if parsed, err := url.Parse(p.Scrape.Queue); err == nil && parsed.User != nil {
		if pw, ok := parsed.User.Password(); ok && pw != "" && !p.fromEnvironment(pw) {
			errs = append(errs, data.FieldErrorf("scrape.queue", "a password written into the config would be copied into manifest.json; write it as ${REDIS_PASSWORD} (any environment variable) instead"))
		}
	}
	return errors.Join(errs...)
}

// fromEnvironment reports whether a password read from a URL came from
// the environment: as the variable holds it, or URL-encoded there (a
// password with '@', '/' or '#' must be, to stand in a URL).
func (p Pipeline) fromEnvironment(pw string) bool {
	for _, v := range p.secrets {
		if plain, err := url.PathUnescape(v); v == pw || err == nil && plain == pw {
			return true
		}
	}
	return false
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
	p.resolvePaths(filepath.Dir(path))
	return p, path, err
}

// resolvePaths makes the path of every file source, and of the report's
// logo, that is relative to the config file's folder dir usable from the
// working folder, as the resolved config records it.
func (p *Pipeline) resolvePaths(dir string) {
	for i, s := range p.Sources {
		if s.Path != "" && !filepath.IsAbs(s.Path) {
			p.Sources[i].Path = filepath.Join(dir, s.Path)
		}
	}
	if p.Report.Logo != "" && !filepath.IsAbs(p.Report.Logo) {
		p.Report.Logo = filepath.Join(dir, p.Report.Logo)
	}
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
		// The one source kept is sources[0] now: so are the paths of
		// its values from the environment.
		from := fmt.Sprintf("sources[%d]", i)
		written := map[string]string{}
		for path, v := range p.written {
			if rest, ok := strings.CutPrefix(path, from); ok {
				written["sources[0]"+rest] = v
			} else if !strings.HasPrefix(path, "sources[") {
				written[path] = v
			}
		}
		p.written = written
	}
	return nil
}
