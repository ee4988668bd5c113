package transform

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Region is a named group of ISO 3166-1 alpha-2 country codes.
type Region struct {
	Name      string
	Countries []string
}

// Regions keeps the config's order, which is the order regions are reported in.
type Regions []Region

// UnmarshalYAML reads a mapping of region name to country list in order.
func (r *Regions) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: regions must be a mapping of region name to country codes", n.Line)
	}
	*r = nil
	for i := 0; i < len(n.Content); i += 2 {
		var countries []string
		if err := n.Content[i+1].Decode(&countries); err != nil {
			return fmt.Errorf("line %d: region %q: %w", n.Content[i+1].Line, n.Content[i].Value, err)
		}
		*r = append(*r, Region{Name: n.Content[i].Value, Countries: countries})
	}
	return nil
}

// MarshalYAML writes regions back as the ordered mapping they were read from.
func (r Regions) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, reg := range r {
		var countries yaml.Node
		if err := countries.Encode(reg.Countries); err != nil {
			return nil, err
		}
		countries.Style = yaml.FlowStyle
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: reg.Name}, &countries)
	}
	return n, nil
}

// DefaultRegions are the regions of the shipped pipeline.yaml, in their
// order: North America, Latin America, Europe, Middle East & Africa,
// Asia-Pacific. Each call returns a new copy.
func DefaultRegions() Regions {
	return Regions{
		{Name: "North America", Countries: []string{"US", "CA"}},
		{Name: "Latin America", Countries: []string{"MX", "BR", "AR"}},
		{Name: "Europe", Countries: []string{"DE", "FR", "GB", "NL", "IE", "ES", "PL", "SE", "CH"}},
		{Name: "Middle East & Africa", Countries: []string{"IL", "AE", "ZA"}},
		{Name: "Asia-Pacific", Countries: []string{"IN", "JP", "AU", "SG"}},
	}
}

// Names lists the region names in config order.
func (r Regions) Names() []string {
	names := make([]string, len(r))
	for i, reg := range r {
		names[i] = reg.Name
	}
	return names
}
