package charts

import (
	"math"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestDefinitionSentences checks that the headline names the definition
// and that the sensitivity line gives the other definition's estimate.
func TestDefinitionSentences(t *testing.T) {
	row := func(def string, premium float64, nOS int) data.Premium {
		return data.Premium{Region: data.RegionAll, Quarter: data.QuarterAll, Method: data.MethodStratified, Definition: def,
			Premium: premium, CILow: premium - 0.04, CIHigh: premium + 0.04, Confidence: 0.95, NOpenStack: nOS, NPython: 400}
	}
	rows := []data.Premium{row(data.DefinitionCore, 0.14, 120), row(data.DefinitionMention, 0.06, 300)}
	main, sens := SplitDefinitions(rows)
	if len(main) != 1 || len(sens) != 1 || sens[0].Definition != data.DefinitionMention {
		t.Fatalf("SplitDefinitions = %d, %d rows", len(main), len(sens))
	}
	m := Method{Confidence: 0.95}
	if h := headline(main, m, ""); !strings.Contains(h, "what the job is about") {
		t.Errorf("headline does not name the definition: %q", h)
	}
	got := sensitivitySentence(Report{Premiums: main, Sensitivity: sens, Method: m})
	want := "If every posting that mentions OpenStack counted: +6%"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], "300 OpenStack and 400 Python") {
		t.Errorf("sensitivity = %q, want it to start %q", got, want)
	}
	withheld := row(data.DefinitionMention, math.NaN(), 3)
	withheld.Note = "withheld: fewer than 30 OpenStack postings"
	if got := sensitivitySentence(Report{Sensitivity: []data.Premium{withheld}, Method: m}); len(got) != 1 ||
		!strings.Contains(got[0], "would be withheld (fewer than 30 OpenStack postings)") {
		t.Errorf("withheld sensitivity = %q", got)
	}
	if got := sensitivitySentence(Report{Method: m}); got != nil {
		t.Errorf("no sensitivity rows: %q", got)
	}
}
