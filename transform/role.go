package transform

import (
	"strings"
	"unicode"

	"github.com/jobmarket/jobmarket/data"
)

// Classify decides the role of a posting from its title and description:
// OpenStack when an OpenStack keyword appears, or at least MinProjects
// different OpenStack project names (project names alone are ordinary
// words: Swift, Heat, Glance); Python when a Python keyword appears and
// the posting is not OpenStack; Other otherwise.
func (c Classify) Classify(title, description string) data.Role {
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title+" "+description), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		seen[w] = true
	}
	has := func(words []string) int {
		n := 0
		for _, w := range words {
			if seen[strings.ToLower(w)] {
				n++
			}
		}
		return n
	}
	minProjects := c.MinProjects
	if minProjects == 0 {
		minProjects = DefaultMinProjects
	}
	switch {
	case has(c.OpenStack) > 0, has(c.OpenStackProjects) >= minProjects:
		return data.RoleOpenStack
	case has(c.Python) > 0:
		return data.RolePython
	}
	return data.RoleOther
}
