package transform

import "strings"

// projectHit is one project name found in the text.
type projectHit struct{ pos, id int }

// projectCluster finds MinProjects different project names within Window
// words of each other and returns the evidence, the names in text order
// and where the cluster starts: "openstack_projects: nova, neutron
// (description)"; "" when there is none. A cluster puts the project names
// of a posting that never says "OpenStack" in an OpenStack context.
func (cl *classifier) projectCluster(hits []projectHit, titleLen int) string {
	for a := range hits {
		var idsBuf [16]int
		ids := idsBuf[:0]
		for b := a; b < len(hits) && hits[b].pos-hits[a].pos <= cl.window; b++ {
			seen := false
			for _, id := range ids {
				seen = seen || id == hits[b].id
			}
			if !seen {
				ids = append(ids, hits[b].id)
			}
		}
		if len(ids) < cl.minProjects {
			continue
		}
		where := " (description)"
		if hits[a].pos < titleLen {
			where = " (title)"
		}
		var b strings.Builder
		b.WriteString("openstack_projects: ")
		for i, id := range ids {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(cl.projects[id])
		}
		b.WriteString(where)
		return b.String()
	}
	return ""
}
