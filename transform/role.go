package transform

import (
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// classifier applies the role rule of a Classify config to word hashes.
// Build it once with newClassifier: compiling the keyword lists for every
// posting would cost more than classifying it.
type classifier struct {
	evidence    map[evidenceKey]string // evidence strings made so far: most postings repeat a few
	phrases     *phraseSet
	projects    []string // project names by id, as configured
	minProjects int
	window      int
	seniority   *phraseSet
}

func newClassifier(c Classify) *classifier {
	cl := &classifier{phrases: newPhraseSet(), seniority: newPhraseSet(), minProjects: c.MinProjects, window: c.ProjectWindow,
		evidence: map[evidenceKey]string{}}
	for _, w := range c.OpenStack {
		cl.phrases.add(w, phraseOpenStack, 0)
	}
	for i, w := range c.OpenStackProjects {
		cl.phrases.add(w, phraseProject, i)
		cl.projects = append(cl.projects, w)
	}
	for _, w := range c.ProjectExceptions {
		cl.phrases.add(w, phraseException, 0)
	}
	for _, w := range c.Python {
		cl.phrases.add(w, phrasePython, 0)
	}
	for level, name := range data.SeniorityLevels {
		for _, w := range c.Seniority[name] {
			cl.seniority.add(w, phraseSeniority, level)
		}
	}
	return cl
}

// Classify decides the role of a posting from its title and description:
// OpenStack when an OpenStack keyword appears, or when at least
// MinProjects different OpenStack project names stand within ProjectWindow
// words of each other outside the ProjectExceptions phrases (project names
// alone are ordinary words: Swift, Heat, Glance, Nova Scotia); Python when
// a Python keyword appears and the posting is not OpenStack; Other
// otherwise. It compiles the rule on every call; Run compiles it once.
func (c Classify) Classify(title, description string) data.Role {
	role, _ := c.Match(title, description)
	return role
}

// Match is Classify that also says which rule and words decided the role,
// the evidence a researcher needs to audit a classification.
func (c Classify) Match(title, description string) (data.Role, string) {
	cfg := Config{Classify: c}
	cfg.applyDefaults()
	cl := newClassifier(cfg.Classify)
	ws := words(nil, title, true)
	n := len(ws)
	ws = words(ws, description, true)
	return cl.classify(ws, n)
}

// projectHit is one project name found in the text.
type projectHit struct{ pos, id int }

// exceptionSpan is a project exception phrase found in the text.
type exceptionSpan struct {
	start, end int
	text       string
}

// exceptionAt returns the exception phrase covering word pos, or "".
func exceptionAt(spans []exceptionSpan, pos int) string {
	for _, s := range spans {
		if s.start <= pos && pos < s.end {
			return s.text
		}
	}
	return ""
}

// classify applies the rule to the words of title and description;
// the first titleLen words are the title's.
func (cl *classifier) classify(ws []uint64, titleLen int) (data.Role, string) {
	var (
		openstack, python     *phraseEntry
		openstackAt, pythonAt int
		hitsBuf               [16]projectHit
		hits                  = hitsBuf[:0]
		exceptions            []exceptionSpan
		ignored               []string
	)
	for i, w := range ws {
		if !cl.phrases.mayStart(w) {
			continue
		}
		cl.phrases.matches(ws, i, func(e *phraseEntry) {
			switch e.kind {
			case phraseOpenStack:
				if openstack == nil {
					openstack, openstackAt = e, i
				}
			case phrasePython:
				if python == nil {
					python, pythonAt = e, i
				}
			case phraseException:
				exceptions = append(exceptions, exceptionSpan{i, i + len(e.words), e.text})
			case phraseProject:
				hits = append(hits, projectHit{i, e.id})
			}
		})
	}
	// Drop project names inside an exception phrase.
	kept := hits[:0]
	for _, h := range hits {
		if phrase := exceptionAt(exceptions, h.pos); phrase != "" {
			ignored = append(ignored, cl.projects[h.id]+" (in "+strconv.Quote(phrase)+")")
			continue
		}
		kept = append(kept, h)
	}
	where := func(pos int) string {
		if pos < titleLen {
			return "title"
		}
		return "description"
	}
	if openstack != nil {
		return data.RoleOpenStack, withIgnored(cl.keywordEvidence("openstack: ", openstack, openstackAt < titleLen), ignored)
	}
	if names, at := cl.projectCluster(kept); names != nil {
		return data.RoleOpenStack, withIgnored("openstack_projects: "+strings.Join(names, ", ")+" ("+where(at)+")", ignored)
	}
	for _, h := range kept {
		ignored = append(ignored, cl.projects[h.id]+" (no other project within "+strconv.Itoa(cl.window)+" words)")
	}
	if python != nil {
		return data.RolePython, withIgnored(cl.keywordEvidence("python: ", python, pythonAt < titleLen), ignored)
	}
	return data.RoleOther, withIgnored("", ignored)
}

type evidenceKey struct {
	entry   *phraseEntry
	inTitle bool
}

// keywordEvidence is "rule: keyword (title)", made once per keyword and
// place.
func (cl *classifier) keywordEvidence(rule string, e *phraseEntry, inTitle bool) string {
	k := evidenceKey{e, inTitle}
	if s, ok := cl.evidence[k]; ok {
		return s
	}
	where := " (description)"
	if inTitle {
		where = " (title)"
	}
	s := rule + e.text + where
	cl.evidence[k] = s
	return s
}

// projectCluster finds MinProjects different project names within Window
// words of each other, and returns them in text order with where the
// cluster starts; nil when there is none.
func (cl *classifier) projectCluster(hits []projectHit) ([]string, int) {
	for a := range hits {
		var ids []int
		for b := a; b < len(hits) && hits[b].pos-hits[a].pos <= cl.window; b++ {
			seen := false
			for _, id := range ids {
				seen = seen || id == hits[b].id
			}
			if !seen {
				ids = append(ids, hits[b].id)
			}
		}
		if len(ids) >= cl.minProjects {
			names := make([]string, len(ids))
			for i, id := range ids {
				names[i] = cl.projects[id]
			}
			return names, hits[a].pos
		}
	}
	return nil, 0
}

func withIgnored(evidence string, ignored []string) string {
	if len(ignored) == 0 {
		return evidence
	}
	if evidence == "" {
		evidence = "other"
	}
	return evidence + "; ignored: " + strings.Join(ignored, ", ")
}
