package charts

import (
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// definitionPhrases say in plain words what counts as a role under each
// role definition, for the headline.
var definitionPhrases = map[string]string{
	data.DefinitionCore:    "roles counted by what the job is about: OpenStack or Python at its core, not one technology listed among others",
	data.DefinitionMention: "roles counted by mention: every posting that mentions OpenStack is an OpenStack role",
}

// sensitivityLeads open the sentence on the estimate under the other
// definition, by that definition.
var sensitivityLeads = map[string]string{
	data.DefinitionMention: "If every posting that mentions OpenStack counted",
	data.DefinitionCore:    "If only postings with OpenStack at their core counted",
}

// SplitDefinitions splits the rows of premium_by_region into those of the
// definition the analysis was configured with (the first row's) and the
// sensitivity rows under the other definition, for Report.Premiums and
// Report.Sensitivity.
func SplitDefinitions(rows []data.Premium) (main, sensitivity []data.Premium) {
	if len(rows) == 0 {
		return rows, nil
	}
	for _, p := range rows {
		if p.Definition == rows[0].Definition {
			main = append(main, p)
		} else {
			sensitivity = append(sensitivity, p)
		}
	}
	return main, sensitivity
}

// definitionClause names the definition of the headline row, "" for rows
// from before definitions.
func definitionClause(p data.Premium) string {
	if s, ok := definitionPhrases[p.Definition]; ok {
		return " (" + s + ")"
	}
	return ""
}

// sensitivitySentence is the line beside the headline giving the overall
// estimate under the other definition; none without sensitivity rows.
func sensitivitySentence(r Report) []string {
	s, ok := overallRow(r.Sensitivity)
	lead, known := sensitivityLeads[s.Definition]
	if !ok || !known {
		return nil
	}
	if isWithheld(s) {
		reason := strings.TrimSpace(strings.TrimPrefix(s.Note, "withheld:"))
		return []string{lead + ", the premium would be withheld (" + reason + ")."}
	}
	return []string{fmt.Sprintf("%s: %s (%s), from %s OpenStack and %s Python postings with pay.", lead,
		signedWholePercent(s.Premium), wholeInterval(s, r.Method), count(s.NOpenStack), count(s.NPython))}
}
