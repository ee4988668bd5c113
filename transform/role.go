package transform

import (
	"slices"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// classifier applies the role rule of a Classify config to word hashes.
// Build it once with newClassifier: compiling the keyword lists for every
// posting would cost more than classifying it.
//
// A classifier is read-only once built, so goroutines share one.
type classifier struct {
	phrases     *phraseSet
	projects    []string // project names by id, as configured
	minProjects int
	window      int
	seniority   *phraseSet
	alone       string // evidence of a project name with no other near it: " (no other project within 10 words)"
}

func newClassifier(c Classify) *classifier {
	cl := &classifier{phrases: newPhraseSet(), seniority: newPhraseSet(), minProjects: c.MinProjects, window: c.ProjectWindow,
		alone: " (no other project within " + strconv.Itoa(c.ProjectWindow) + " words)"}
	for _, w := range c.OpenStack {
		cl.phrases.add(w, phraseOpenStack, 0)
	}
	for i, w := range c.OpenStackProjects {
		cl.phrases.add(w, phraseProject, i)
		cl.projects = append(cl.projects, w)
	}
	for _, w := range c.appliedExceptions() {
		cl.phrases.add(w, phraseException, 0)
	}
	for _, w := range c.Python {
		cl.phrases.add(w, phrasePython, 0)
	}
	for level, name := range data.SeniorityLevels {
		levelWords, ok := c.Seniority[name]
		if !ok {
			levelWords = DefaultSeniority[name]
		}
		for _, w := range levelWords {
			cl.seniority.add(w, phraseSeniority, level)
		}
	}
	// The evidence strings are made once here, not per posting.
	for i := range cl.phrases.entries {
		e := &cl.phrases.entries[i]
		switch e.kind {
		case phraseOpenStack:
			e.evidence = [2]string{"openstack: " + e.text + " (description)", "openstack: " + e.text + " (title)"}
		case phrasePython:
			e.evidence = [2]string{"python: " + e.text + " (description)", "python: " + e.text + " (title)"}
		case phraseException:
			// A project name lies inside the exception only if its first
			// word is one of the exception's.
			e.ignores = make([]string, len(cl.projects))
			for _, p := range cl.phrases.entries {
				if p.kind == phraseProject && slices.Contains(e.words, p.words[0]) {
					e.ignores[p.id] = p.text + " (in " + strconv.Quote(e.text) + ")"
				}
			}
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
// otherwise. It compiles the rule on every call; New compiles it once.
func (c Classify) Classify(title, description string) data.Role {
	role, _ := c.Match(title, description)
	return role
}

// Match is Classify that also says which rule and words decided the role,
// the evidence a researcher needs to audit a classification.
func (c Classify) Match(title, description string) (data.Role, string) {
	cl := newClassifier(c)
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
	phrase     *phraseEntry
}

// exceptionAt returns the exception phrase covering word pos, or nil.
func exceptionAt(spans []exceptionSpan, pos int) *phraseEntry {
	for _, s := range spans {
		if s.start <= pos && pos < s.end {
			return s.phrase
		}
	}
	return nil
}

// classify applies the rule to the words of title and description;
// the first titleLen words are the title's.
func (cl *classifier) classify(ws []uint64, titleLen int) (data.Role, string) {
	var (
		openstack, python     *phraseEntry
		openstackAt, pythonAt int
		hitsBuf               [16]projectHit
		hits                  = hitsBuf[:0]
		exceptionsBuf         [4]exceptionSpan
		exceptions            = exceptionsBuf[:0]
		ignoredBuf            [4]string
		ignored               = ignoredBuf[:0]
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
				exceptions = append(exceptions, exceptionSpan{i, i + len(e.words), e})
			case phraseProject:
				hits = append(hits, projectHit{i, e.id})
			}
		})
	}
	// Drop project names inside an exception phrase.
	kept := hits[:0]
	for _, h := range hits {
		if phrase := exceptionAt(exceptions, h.pos); phrase != nil {
			ignored = append(ignored, phrase.ignores[h.id])
			continue
		}
		kept = append(kept, h)
	}
	if openstack != nil {
		return data.RoleOpenStack, withIgnored(openstack.where(openstackAt < titleLen), ignored)
	}
	if evidence := cl.projectCluster(kept, titleLen); evidence != "" {
		return data.RoleOpenStack, withIgnored(evidence, ignored)
	}
	for _, h := range kept {
		ignored = append(ignored, cl.projects[h.id]+cl.alone)
	}
	if python != nil {
		return data.RolePython, withIgnored(python.where(pythonAt < titleLen), ignored)
	}
	return data.RoleOther, withIgnored("", ignored)
}

// projectCluster finds MinProjects different project names within Window
// words of each other and returns the evidence, the names in text order
// and where the cluster starts: "openstack_projects: nova, neutron
// (description)"; "" when there is none.
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

// withIgnored appends to a rule's evidence the project names that did not
// count, in one allocation: every posting has evidence.
func withIgnored(evidence string, ignored []string) string {
	if len(ignored) == 0 {
		return evidence
	}
	if evidence == "" {
		evidence = "other"
	}
	const intro, sep = "; ignored: ", ", "
	size := len(evidence) + len(intro) + len(sep)*(len(ignored)-1)
	for _, s := range ignored {
		size += len(s)
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(evidence)
	b.WriteString(intro)
	for i, s := range ignored {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}
