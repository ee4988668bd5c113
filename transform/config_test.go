package transform_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// TestValidateFieldPaths checks that every problem comes as a
// data.FieldError at its full pipeline.yaml path, so the config reader
// can name the line without parsing the message.
func TestValidateFieldPaths(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*transform.Config)
		paths  []string
	}{
		{"valid", func(*transform.Config) {}, nil},
		{"lower-case code", func(c *transform.Config) { c.Currency.Rates["euro"] = 1.1 }, []string{"currency.rates.euro"}},
		{"three letters, no currency", func(c *transform.Config) { c.Currency.Rates["XYZ"] = 1.1 }, []string{"currency.rates.XYZ"}},
		{"zero rate", func(c *transform.Config) { c.Currency.Rates["EUR"] = 0 }, []string{"currency.rates.EUR"}},
		{"base", func(c *transform.Config) { c.Currency.Base = "EUR" }, []string{"currency.base"}},
		{"bad date", func(c *transform.Config) { c.Currency.AsOf = "October" }, []string{"currency.as_of"}},
		{"no regions", func(c *transform.Config) { c.Regions = nil }, []string{"regions"}},
		{"unknown country", func(c *transform.Config) { c.Regions[1].Countries = append(c.Regions[1].Countries, "XX") }, []string{"regions.Europe"}},
		{"overlap", func(c *transform.Config) { c.Regions[1].Countries = append(c.Regions[1].Countries, "US") }, []string{"regions.Europe"}},
		{"reserved region name", func(c *transform.Config) { c.Regions[0].Name = data.RegionAll }, []string{"regions." + data.RegionAll}},
		{"anywhere is no region name", func(c *transform.Config) { c.Regions[0].Name = data.RegionAnywhere }, []string{"regions." + data.RegionAnywhere}},
		{"several regions is no region name", func(c *transform.Config) { c.Regions[0].Name = "several REGIONS" }, []string{"regions.several REGIONS"}},
		{"unknown region code", func(c *transform.Config) { c.Regions[1].Countries = append(c.Regions[1].Countries, "830") }, []string{"regions.Europe"}},
		{"M49 code without its zeros", func(c *transform.Config) { c.Regions[1].Countries = append(c.Regions[1].Countries, "9") }, []string{"regions.Europe"}},
		{"not a group", func(c *transform.Config) { c.Regions[1].Countries = append(c.Regions[1].Countries, "ZZ") }, []string{"regions.Europe"}},
		{"one group in two regions", func(c *transform.Config) {
			c.Regions = transform.Regions{{Name: "A", Countries: []string{"150"}}, {Name: "B", Countries: []string{"150"}}}
		}, []string{"regions.B"}},
		{"groups that overlap, neither in the other", func(c *transform.Config) {
			c.Regions = transform.Regions{{Name: "Union", Countries: []string{"EU"}}, {Name: "East", Countries: []string{"151"}}}
		}, []string{"regions.East"}},
		{"a country named in two regions beside groups", func(c *transform.Config) {
			c.Regions = transform.Regions{{Name: "A", Countries: []string{"150", "DE"}}, {Name: "B", Countries: []string{"DE"}}}
		}, []string{"regions.B"}},
		{"a country beats its group", func(c *transform.Config) {
			c.Regions = transform.Regions{{Name: "Europe", Countries: []string{"150"}}, {Name: "Germany", Countries: []string{"DE"}}}
		}, nil},
		{"a narrower group beats a wider", func(c *transform.Config) {
			c.Regions = transform.Regions{{Name: "Asia", Countries: []string{"142"}}, {Name: "Middle East", Countries: []string{"145"}}}
		}, nil},
		{"bad period", func(c *transform.Config) { c.Pay.Annualize = map[string]float64{"fortnight": 26} }, []string{"pay.annualize.fortnight"}},
		{"period twice", func(c *transform.Config) { c.Pay.Annualize = map[string]float64{"hour": 2000, "HOUR": 2080} }, []string{"pay.annualize.hour"}},
		{"zero factor", func(c *transform.Config) { c.Pay.Annualize["HOUR"] = 0 }, []string{"pay.annualize.HOUR"}},
		{"bounds crossed", func(c *transform.Config) { c.Pay.MinAnnualUSD = 2e6 }, []string{"pay.min_annual_usd"}},
		{"bounds zero", func(c *transform.Config) { c.Pay.MinAnnualUSD, c.Pay.MaxAnnualUSD = 0, 0 }, []string{"pay.min_annual_usd"}},
		{"too many projects needed", func(c *transform.Config) { c.Classify.MinProjects = 99 }, []string{"classify.min_projects"}},
		{"no projects needed", func(c *transform.Config) { c.Classify.MinProjects = 0 }, []string{"classify.min_projects"}},
		{"negative window", func(c *transform.Config) { c.Classify.ProjectWindow = -1 }, []string{"classify.project_window"}},
		{"empty keyword", func(c *transform.Config) { c.Classify.Python = []string{"python", "++"} }, []string{"classify.python[1]"}},
		{"empty exception", func(c *transform.Config) { c.Classify.ProjectExceptions = []string{"heat pump", "--"} }, []string{"classify.project_exceptions[1]"}},
		{"unknown level", func(c *transform.Config) { c.Classify.Seniority = map[string][]string{"intern": {"intern"}} }, []string{"classify.seniority.intern"}},
		{"unknown definition", func(c *transform.Config) { c.Classify.Definition = "broad" }, []string{"classify.definition"}},
		{"core score not positive", func(c *transform.Config) { c.Classify.CoreScore = 0 }, []string{"classify.core_score"}},
		{"negative weight", func(c *transform.Config) { c.Classify.Weights.Requirements = -1 }, []string{"classify.weights.requirements"}},
		{"empty heading", func(c *transform.Config) { c.Classify.Headings.Benefits = []string{"--"} }, []string{"classify.headings.benefits[0]"}},
		{"text distance", func(c *transform.Config) { c.Duplicates.MaxTextDistance = 40 }, []string{"duplicates.max_text_distance"}},
		{"negative words", func(c *transform.Config) { c.Duplicates.MinTextWords = -1 }, []string{"duplicates.min_text_words"}},
		{"several at once", func(c *transform.Config) {
			c.Currency.Rates["XYZ"] = -1
			c.Classify.MinProjects = 0
			c.Duplicates.MinTextWords = -1
		}, []string{"classify.min_projects", "currency.rates.XYZ", "currency.rates.XYZ", "duplicates.min_text_words"}},
		// Explicit values that the old "zero means default" read as defaults.
		{"exact text match", func(c *transform.Config) { c.Duplicates.MaxTextDistance = 0 }, nil},
		{"every description compared", func(c *transform.Config) { c.Duplicates.MinTextWords = 0 }, nil},
		{"no lower bound", func(c *transform.Config) { c.Pay.MinAnnualUSD = 0 }, nil},
		// An exception naming no configured project does not apply; it is no error.
		{"exception naming no project", func(c *transform.Config) { c.Classify.ProjectExceptions = []string{"heat pump", "bossa"} }, nil},
		{"fewer projects, default exceptions", func(c *transform.Config) { c.Classify.OpenStackProjects = []string{"nova", "neutron"} }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig()
			tc.mutate(&cfg)
			err := cfg.Validate()
			var paths []string
			for _, fe := range data.FieldErrors(err) {
				paths = append(paths, fe.Path)
				var typed *data.FieldError
				if !errors.As(err, &typed) {
					t.Errorf("%v is not a *data.FieldError", err)
				}
			}
			if !slices.Equal(paths, tc.paths) {
				t.Fatalf("Validate() = %v\nat paths %q, want %q", err, paths, tc.paths)
			}
		})
	}
}

// TestDefaultConfigIsValid checks that DefaultConfig, the defaults a
// user's file is read onto, is a working config whose rates are the
// project's one table.
func TestDefaultConfigIsValid(t *testing.T) {
	if err := transform.DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig() does not validate: %v", err)
	}
	if got, want := transform.DefaultConfig().Currency.Rates, data.DefaultRates(); !reflect.DeepEqual(got, want) {
		t.Errorf("default rates %v, want data.DefaultRates() %v", got, want)
	}
	if got := transform.DefaultConfig().Currency.AsOf; got != data.DefaultRatesAsOf {
		t.Errorf("default as_of %q, want %q", got, data.DefaultRatesAsOf)
	}
}

// TestDefaultConfigIsACopy checks that changing one DefaultConfig changes
// neither the next one nor the Default* values.
func TestDefaultConfigIsACopy(t *testing.T) {
	c := transform.DefaultConfig()
	c.Classify.OpenStack[0] = "changed"
	c.Classify.Seniority["senior"][0] = "changed"
	c.Currency.Rates["EUR"] = 99
	c.Pay.Annualize["HOUR"] = 1
	c.Regions[0].Countries[0] = "XX"
	d := transform.DefaultConfig()
	if d.Classify.OpenStack[0] != "openstack" || transform.DefaultOpenStack[0] != "openstack" ||
		d.Classify.Seniority["senior"][0] != "senior" || transform.DefaultSeniority["senior"][0] != "senior" ||
		d.Currency.Rates["EUR"] != 1.08 || d.Pay.Annualize["HOUR"] != 2080 || d.Regions[0].Countries[0] != "021" {
		t.Errorf("a change to one DefaultConfig reached the next: %+v", d)
	}
}

// TestProjectExceptionsNamingNoProject checks that an exception naming
// none of the configured projects is left out rather than refused, and
// that one naming a configured project still hides it.
func TestProjectExceptionsNamingNoProject(t *testing.T) {
	c := transform.DefaultConfig().Classify
	c.OpenStackProjects = []string{"nova", "neutron"}
	c.ProjectExceptions = append(c.ProjectExceptions, "bossa")
	if got, want := c.Classify("Engineer", "You will run Nova and Neutron at scale"), data.RoleOpenStack; got != want {
		t.Errorf("two projects: %s, want %s", got, want)
	}
	if got, want := c.Classify("Engineer", "Offices in Nova Scotia; we run Neutron"), data.RoleOther; got != want {
		t.Errorf("nova inside the exception \"nova scotia\": %s, want %s", got, want)
	}
}

// TestExactTextMatch checks that max_text_distance 0 is honoured as
// "identical descriptions only", not read as the default 3.
func TestExactTextMatch(t *testing.T) {
	records := []data.RawRecord{
		rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description),
		rec("b", "Python Engineer (Backend)", "Acme", "Berlin", "DE", "", description+" Apply now."),
		rec("c", "Python Engineer (Platform)", "Acme", "Berlin", "DE", "", description),
	}
	for _, tc := range []struct {
		distance int
		want     []string
	}{{transform.DefaultMaxTextDistance, []string{"", "a", "a"}}, {0, []string{"", "", "a"}}} {
		cfg := testConfig()
		cfg.Duplicates.MaxTextDistance = tc.distance
		res, err := transform.Normalize(t.Context(), cfg, records)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range res.Listings {
			got = append(got, l.DuplicateOf)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("max_text_distance %d: duplicate_of %q, want %q", tc.distance, got, tc.want)
		}
	}
}

// TestSeniorityLevelLeftOut checks that a level the config does not name
// keeps its default words, and that one given [] has none.
func TestSeniorityLevelLeftOut(t *testing.T) {
	c := transform.DefaultConfig().Classify
	c.Seniority = map[string][]string{data.SenioritySenior: {"experienced"}, data.SeniorityJunior: {}}
	for title, want := range map[string]string{
		"Experienced Python Engineer": data.SenioritySenior,
		"Senior Python Engineer":      "",
		"Principal Python Engineer":   data.SeniorityPrincipal,
		"Junior Python Engineer":      "",
	} {
		if got := c.SeniorityOf(title); got != want {
			t.Errorf("SeniorityOf(%q) = %q, want %q", title, got, want)
		}
	}
}
