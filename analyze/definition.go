package analyze

import (
	"context"
	"fmt"

	"github.com/jobmarket/jobmarket/data"
)

// otherDefinition is the role definition that is not the configured one:
// the sensitivity check's.
func otherDefinition(configured string) string {
	if configured == data.DefinitionMention {
		return data.DefinitionCore
	}
	return data.DefinitionMention
}

// sensitivity is the sample of the same postings under the other role
// definition: each listing's role made again from its openstack and
// python levels (data.RoleUnder).
type sensitivity struct {
	sample     *Sample
	definition string
	relabeled  data.Listing // scratch: the listing being added
}

// newSensitivity returns the sample under the definition other than
// configured, or nil when configured is "" (Input.Definition unset: no
// sensitivity rows).
func newSensitivity(cfg Config, regions []string, configured string) (*sensitivity, error) {
	if configured == "" {
		return nil, nil
	}
	s, err := NewSample(cfg, regions)
	if err != nil {
		return nil, err
	}
	s.headlineOnly = true // label keeps only the stratified rows
	return &sensitivity{sample: s, definition: otherDefinition(configured)}, nil
}

// add adds a listing with its role under the other definition.
func (s *sensitivity) add(l *data.Listing) {
	if s == nil {
		return
	}
	s.relabeled = *l
	s.relabeled.Role = data.RoleUnder(s.definition, l.OpenStack, l.Python)
	s.sample.Add(&s.relabeled)
}

// label marks rows with the configured definition and appends the
// sensitivity rows: the other definition's rows over all quarters by the
// headline method (stratified), one per region, after every other row.
func (s *sensitivity) label(ctx context.Context, rows []data.Premium, configured string) ([]data.Premium, error) {
	if s == nil {
		return rows, nil
	}
	for i := range rows {
		rows[i].Definition = configured
	}
	res, err := s.sample.Estimate(ctx)
	if err != nil {
		return nil, fmt.Errorf("estimate under definition %s: %w", s.definition, err)
	}
	for _, p := range res.Premiums {
		if p.Quarter == data.QuarterAll && p.Method == data.MethodStratified {
			p.Definition = s.definition
			rows = append(rows, p)
		}
	}
	return rows, nil
}
