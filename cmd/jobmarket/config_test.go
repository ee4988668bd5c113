package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/jobmarket/jobmarket/transform"
)

// writeConfig writes text as a config file in a temporary folder.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pipeline.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// minimalConfig is a config with only an output and one file source.
const minimalConfig = `output: o
sources:
  - {name: mine, kind: file, path: data/examples/listings.csv}
`

func TestConfigLeftOutTakesTheDefault(t *testing.T) {
	p, err := parseConfig("minimal", strings.NewReader(minimalConfig))
	if err != nil {
		t.Fatalf("a config with an output and one source: %v", err)
	}
	want := DefaultPipeline()
	want.Output, want.Sources = p.Output, p.Sources
	p.secrets, p.written, want.secrets, want.written = nil, nil, nil, nil
	if !reflect.DeepEqual(p, want) {
		t.Errorf("resolved config is not the defaults:\n got %+v\nwant %+v", p, want)
	}
	if len(p.Regions) == 0 || len(p.Currency.Rates) == 0 || p.Currency.AsOf == "" {
		t.Errorf("defaults lack regions, rates or their date: %d regions, %d rates, as_of %q", len(p.Regions), len(p.Currency.Rates), p.Currency.AsOf)
	}
}

func TestConfigGivenListsAndMapsReplaceTheDefault(t *testing.T) {
	p, err := parseConfig("mine", strings.NewReader(minimalConfig+`regions:
  Nordics: [SE, NO]
currency:
  rates: {NOK: 0.093, SEK: 0.095}
classify:
  python: [python]
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Regions.Names(); !reflect.DeepEqual(got, []string{"Nordics"}) {
		t.Errorf("regions = %v, want only Nordics", got)
	}
	if len(p.Currency.Rates) != 2 {
		t.Errorf("rates = %v, want only the two given", p.Currency.Rates)
	}
	if !reflect.DeepEqual(p.Classify.Python, []string{"python"}) {
		t.Errorf("classify.python = %v", p.Classify.Python)
	}
	if d := DefaultPipeline(); p.Currency.AsOf != d.Currency.AsOf || !reflect.DeepEqual(p.Classify.OpenStack, d.Classify.OpenStack) {
		t.Errorf("keys left out lost their defaults: as_of %q, openstack %v", p.Currency.AsOf, p.Classify.OpenStack)
	}
}

// TestConfigRegionCodes: region codes read quoted or bare, and a bare 009
// keeps its zeros.
func TestConfigRegionCodes(t *testing.T) {
	p, err := parseConfig("mine", strings.NewReader(minimalConfig+`regions:
  Europe: ["150", CY]
  Asia-Pacific: [142, 009]
`))
	if err != nil {
		t.Fatal(err)
	}
	want := transform.Regions{{Name: "Europe", Countries: []string{"150", "CY"}}, {Name: "Asia-Pacific", Countries: []string{"142", "009"}}}
	if !reflect.DeepEqual(p.Regions, want) {
		t.Errorf("regions = %+v, want %+v", p.Regions, want)
	}
}

func TestConfigEnvOnlyInValues(t *testing.T) {
	t.Setenv("JOBMARKET_TEST_UA", "agent\nscrape:\n  robots: false")
	t.Setenv("JOBMARKET_TEST_SEED", "7")
	t.Setenv("JOBMARKET_TEST_TOKEN", "100")
	text := minimalConfig + `# a ${JOBMARKET_TEST_UNSET_IN_COMMENT} in a comment is no reference
scrape:
  user_agent: "${JOBMARKET_TEST_UA}"
analysis:
  seed: ${JOBMARKET_TEST_SEED}
  bootstrap: 100
  min_employers: 3
`
	p, err := parseConfig("env", strings.NewReader(text))
	if err != nil {
		t.Fatalf("%v", err)
	}
	if !p.Scrape.Robots || p.Scrape.UserAgent != "agent\nscrape:\n  robots: false" {
		t.Errorf("a value with newlines rewrote the config: user_agent %q", p.Scrape.UserAgent)
	}
	if p.Analysis.Seed != 7 {
		t.Errorf("seed = %d, want 7 from the environment", p.Analysis.Seed)
	}
	rec, err := p.recorded()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rec, "robots: false") || !strings.Contains(rec, "${JOBMARKET_TEST_UA}") || !strings.Contains(rec, "${JOBMARKET_TEST_SEED}") {
		t.Errorf("recorded config does not put references back:\n%s", rec)
	}
	if strings.Contains(rec, "${JOBMARKET_TEST_TOKEN}") || !strings.Contains(rec, "bootstrap: 100\n") {
		t.Errorf("a value equal to a variable's was masked:\n%s", rec)
	}
}

func TestConfigCommandPrintsWhatIsRecorded(t *testing.T) {
	path := writeConfig(t, minimalConfig)
	code, stdout, stderr := runCmd(t, "config", "-c", path, "--seed", "3")
	if code != exitOK {
		t.Fatalf("config: exit %d, %s", code, stderr)
	}
	var got map[string]any
	if err := yaml.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("config printed no YAML: %v\n%s", err, stdout)
	}
	for _, want := range []string{"seed: 3\n", "min_annual_usd: 5000\n", "bootstrap: 10000\n", "as_of: \"2026-10-01\"\n", "North America:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("resolved config lacks %q:\n%s", want, stdout)
		}
	}
	again, err := parseConfig("printed", strings.NewReader(stdout))
	if err != nil {
		t.Fatalf("the printed config does not read back: %v", err)
	}
	if again.Analysis.Seed != 3 {
		t.Errorf("read back seed %d", again.Analysis.Seed)
	}
}

func TestConfigMergedMaps(t *testing.T) {
	p, err := parseConfig("mine", strings.NewReader(minimalConfig+`pay:
  annualize: {hour: 2000}
classify:
  seniority:
    lead: [lead, architect]
`))
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultPipeline()
	if len(p.Pay.Annualize) != len(d.Pay.Annualize) || p.Pay.Annualize["hour"] != 2000 || p.Pay.Annualize["DAY"] != d.Pay.Annualize["DAY"] {
		t.Errorf("annualize = %v: want hour replaced and the other periods kept", p.Pay.Annualize)
	}
	if !reflect.DeepEqual(p.Classify.Seniority["lead"], []string{"lead", "architect"}) || !reflect.DeepEqual(p.Classify.Seniority["junior"], d.Classify.Seniority["junior"]) {
		t.Errorf("seniority = %v: want lead replaced and the other levels kept", p.Classify.Seniority)
	}
}
