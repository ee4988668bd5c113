package transform_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// description is a posting text of a realistic length: SimHash is stable
// under small edits only on texts of a hundred words or more.
const description = "Acme builds the storage layer of a large private cloud. You will write Python services " +
	"that schedule backups across thousands of volumes, review code, and share on-call with six other engineers. " +
	"We value small changes, careful reviews and written design notes. Our stack is Python, PostgreSQL, Ceph and " +
	"Kubernetes; we deploy many times a day behind feature flags and measure what we ship. In your first month you " +
	"will pair with a mentor, fix a real bug and ship it to production. Later you will own a service end to end, " +
	"from the design note to the dashboards and the pager. We offer a yearly learning budget, a conference trip, " +
	"flexible hours and a quiet office near the main station, and we answer every application within two weeks."

func TestDuplicates(t *testing.T) {
	tests := []struct {
		name     string
		a, b     data.RawRecord
		repeat   bool
		noteWant string
	}{
		{"same key", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "€60k–70k", ""),
			rec("b", "Python Engineer", "Acme", "Berlin, Germany", "", "60.000 - 70.000 EUR", ""), true, ""},
		{"legal suffix and case", rec("a", "Python Engineer", "Acme GmbH", "Berlin", "DE", "", ""),
			rec("b", "python engineer", "ACME", "Berlin", "DE", "", ""), true, ""},
		{"gender marker", rec("a", "Python Engineer (m/w/d)", "Acme", "Berlin", "DE", "", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "", ""), true, ""},
		{"abbreviation", rec("a", "Sr. Python Engineer", "Acme", "Berlin", "DE", "", ""),
			rec("b", "Senior Python Engineer", "Acme", "Berlin", "DE", "", ""), true, ""},
		{"pay on one copy only", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "€60k–70k", ""), true, ""},
		{"same open-ended pay", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "up to €70k", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "up to €70,000", ""), true, ""},
		{"same figures in another currency", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "€60k–70k", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "£60k–70k", ""), false, ""},
		{"same figures per another period", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "€60–70 per hour", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "€60–70 per day", ""), false, ""},
		{"different pay is another opening", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "€60k–70k", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "€80k–90k", ""), false, ""},
		{"different country", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", ""),
			rec("b", "Python Engineer", "Acme", "London", "GB", "", ""), false, ""},
		{"team suffix tells jobs apart", rec("a", "Python Engineer, R&D", "Acme", "Berlin", "DE", "", ""),
			rec("b", "Python Engineer", "Acme", "Berlin", "DE", "", ""), false, ""},
		{"near-duplicate text, new title", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description),
			rec("b", "Python Engineer (Backend)", "Acme", "Berlin", "DE", "", description+" Apply now."), true, "near-duplicate description"},
		{"near-duplicate text, other company name", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description),
			rec("b", "Python Engineer", "Acme Cloud", "Berlin", "DE", "", description+" Apply now."), true, "near-duplicate description"},
		{"one boilerplate, two jobs", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description),
			rec("b", "Java Developer", "Acme", "Berlin", "DE", "", description), false, ""},
		{"near-duplicate text, other seniority", rec("a", "Junior Python Engineer", "Acme", "Berlin", "DE", "", description),
			rec("b", "Senior Backend Developer", "Acme", "Berlin", "DE", "", description), false, ""},
		{"same text, other employer and title", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description),
			rec("b", "Backend Developer", "Bluefin", "Berlin", "DE", "", description), false, ""},
		{"short texts are not compared", rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", "Apply on our site."),
			rec("b", "Backend Developer", "Acme", "Berlin", "DE", "", "Apply on our site."), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := transform.Normalize(t.Context(), testConfig(), []data.RawRecord{tc.a, tc.b})
			if err != nil {
				t.Fatal(err)
			}
			first, second := res.Listings[0], res.Listings[1]
			if first.DuplicateOf != "" {
				t.Errorf("the first copy is marked as a repeat of %q", first.DuplicateOf)
			}
			if got := second.DuplicateOf == first.URL; got != tc.repeat {
				t.Errorf("second listing duplicate_of = %q, want repeat %v", second.DuplicateOf, tc.repeat)
			}
			if !strings.Contains(second.Notes, tc.noteWant) {
				t.Errorf("notes %q lack %q", second.Notes, tc.noteWant)
			}
		})
	}
}

// TestDuplicatesTextDistanceOff checks that max_text_distance -1 turns the
// text rule off and leaves the key rule on.
func TestDuplicatesTextDistanceOff(t *testing.T) {
	cfg := testConfig()
	cfg.Duplicates.MaxTextDistance = -1
	records := []data.RawRecord{
		rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description),
		rec("b", "Python Engineer (Backend)", "Acme", "Berlin", "DE", "", description),
		rec("c", "Python Engineer", "Acme", "Berlin", "DE", "", ""),
	}
	res, err := transform.Normalize(t.Context(), cfg, records)
	if err != nil {
		t.Fatal(err)
	}
	if res.Listings[1].DuplicateOf != "" || res.Listings[2].DuplicateOf != "a" {
		t.Errorf("duplicate_of = %q, %q; want \"\", \"a\"", res.Listings[1].DuplicateOf, res.Listings[2].DuplicateOf)
	}
}

// TestDuplicatesTextWindow checks that the text rule compares a posting
// with the latest 128 of its scope and no further back, also once the
// scope has seen many more: a repeat under another company name is found
// with 127 postings of the same title in between, and missed with 128.
func TestDuplicatesTextWindow(t *testing.T) {
	vocabulary := strings.Fields(description)
	r := rand.New(rand.NewPCG(1, 2))
	// others are postings of other employers under the same title: the
	// same words in another order, dozens of SimHash bits away.
	others := func(prefix string, n int) []data.RawRecord {
		var out []data.RawRecord
		for i := range n {
			r.Shuffle(len(vocabulary), func(i, j int) { vocabulary[i], vocabulary[j] = vocabulary[j], vocabulary[i] })
			out = append(out, rec(fmt.Sprint(prefix, i), "Python Engineer", fmt.Sprint("Company ", prefix, i), "Berlin", "DE",
				"", strings.Join(vocabulary, " ")))
		}
		return out
	}
	for _, tc := range []struct {
		before, between int
		repeat          bool
	}{{0, 0, true}, {0, 127, true}, {0, 128, false}, {0, 300, false}, {200, 50, true}, {200, 127, true}, {200, 128, false}} {
		t.Run(fmt.Sprintf("%d before, %d between", tc.before, tc.between), func(t *testing.T) {
			records := others("x", tc.before)
			records = append(records, rec("a", "Python Engineer", "Acme", "Berlin", "DE", "", description))
			records = append(records, others("y", tc.between)...)
			records = append(records, rec("b", "Python Engineer", "Acme Cloud", "Berlin", "DE", "", description+" Apply now."))
			res, err := transform.Normalize(t.Context(), testConfig(), records)
			if err != nil {
				t.Fatal(err)
			}
			if res.Stats.Duplicates > 1 {
				t.Fatalf("%d duplicates among postings of other employers", res.Stats.Duplicates)
			}
			if got := res.Listings[len(records)-1].DuplicateOf == "a"; got != tc.repeat {
				t.Errorf("b is a repeat of a: %v, want %v", got, tc.repeat)
			}
		})
	}
}

func rec(url, title, company, location, country, payText, desc string) data.RawRecord {
	r := raw(url, title, company, location, country)
	r.PayText, r.Description = payText, desc
	return r
}
