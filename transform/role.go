package transform

import (
	"strconv"

	"github.com/jobmarket/jobmarket/data"
)

// Kinds of the phrases only the role rule uses, numbered apart from
// phrase.go's.
const (
	phraseTech phraseKind = 64 + iota
	phraseOptional
	phraseVerb
	phraseHeading // id: the section
	phraseListWord
	phraseLead
	phraseYears
	phraseExperience
)

// classifier applies the role rule of a Classify config to a posting.
// Build it once with newClassifier: compiling the word lists for every
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
	definition  string
	coreScore   float64
	weights     [len(sectionNames)]float64
	opening     int
	verbWindow  int
	verbFactor  float64
	optWindow   int
	pairFactor  float64
	listFactor  float64
	projWeight  float64
	seniorYears int
	numbers     map[uint64]int // the hashes of "1" to "60"
}

func newClassifier(c Classify) *classifier {
	cl := &classifier{phrases: newPhraseSet(), seniority: newPhraseSet(), minProjects: c.MinProjects, window: c.ProjectWindow,
		alone:      " (no other project within " + strconv.Itoa(c.ProjectWindow) + " words)",
		definition: c.Definition, coreScore: c.CoreScore, weights: c.Weights.bySection(), opening: c.OpeningWords,
		verbWindow: c.VerbWindow, verbFactor: c.VerbFactor, optWindow: c.OptionalWindow, pairFactor: c.PairFactor,
		listFactor: c.ListFactor, projWeight: c.ProjectWeight, seniorYears: c.SeniorYears, numbers: map[uint64]int{}}
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
	for i, w := range c.Technologies {
		cl.phrases.add(w, phraseTech, i)
	}
	for _, w := range c.OptionalMarkers {
		cl.phrases.add(w, phraseOptional, 0)
	}
	for _, w := range c.WorkVerbs {
		cl.phrases.add(w, phraseVerb, 0)
	}
	for _, w := range c.ListWords {
		cl.phrases.add(w, phraseListWord, 0)
	}
	for sec, heads := range c.Headings.bySection() {
		for _, w := range heads {
			cl.phrases.add(w, phraseHeading, int(sec))
		}
	}
	for _, w := range c.LeadPhrases {
		cl.phrases.add(w, phraseLead, 0)
	}
	for _, w := range c.ExperienceWords {
		cl.phrases.add(w, phraseExperience, 0)
	}
	cl.phrases.add("years", phraseYears, 0)
	cl.phrases.add("yrs", phraseYears, 0)
	for n := 1; n <= 60; n++ {
		cl.numbers[wordHash(strconv.Itoa(n))] = n
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
	// What the evidence says of an exception is made once here, not per
	// posting: a project name lies inside the exception only if its first
	// word is one of the exception's.
	for i := range cl.phrases.entries {
		e := &cl.phrases.entries[i]
		if e.kind != phraseException {
			continue
		}
		e.ignores = make([]string, len(cl.projects))
		for _, p := range cl.phrases.entries {
			if p.kind == phraseProject && containsHash(e.words, p.words[0]) {
				e.ignores[p.id] = p.text + " (in " + strconv.Quote(e.text) + ")"
			}
		}
	}
	return cl
}

func containsHash(hs []uint64, h uint64) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

// isTerm reports whether a word hash starts a technology phrase: the
// words a glued word ("asPython") is split to find.
func (cl *classifier) isTerm(h uint64) bool {
	if !cl.phrases.mayStart(h) {
		return false
	}
	found := false
	cl.phrases.matches([]uint64{h}, 0, func(e *phraseEntry) {
		switch e.kind {
		case phraseOpenStack, phraseProject, phrasePython, phraseTech:
			found = true
		}
	})
	return found
}

// RoleLevels is what the role rule makes of a posting: how central
// OpenStack and Python are to it, its role under the configured
// definition, and the evidence, which says for each technology the rule
// and the words that decided.
type RoleLevels struct {
	OpenStack, Python data.Level
	Role              data.Role
	Evidence          string
}

// Levels reads how central OpenStack and Python are to a posting. A
// technology is core when the title names it (for OpenStack, "OpenStack"
// or one of its projects where OpenStack is in context), or when its
// mentions score at least CoreScore; listed when it is mentioned but
// scores less; none when it is not mentioned.
//
// A mention scores the weight of its section (Weights: the opening, the
// responsibilities, the requirements, nice-to-have...), times VerbFactor
// when a work verb stands just before it ("operate our OpenStack cloud"),
// times PairFactor or ListFactor when it stands in a list with one or
// more other Technologies ("AWS, Azure or OpenStack"), times ProjectWeight
// for an OpenStack project name; an optional mention ("a plus", in the
// nice-to-have section) scores 0. Project names count only in an
// OpenStack context: OpenStack named, or MinProjects different project
// names within ProjectWindow words outside the ProjectExceptions. It
// compiles the rule on every call; New compiles it once.
func (c Classify) Levels(title, description string) RoleLevels {
	var s roleScratch
	return newClassifier(c).levels(&s, title, description)
}

// Classify is the role of a posting under c.Definition; see Levels.
func (c Classify) Classify(title, description string) data.Role {
	return c.Levels(title, description).Role
}

// Match is Classify that also says which rule and words decided, the
// evidence a researcher needs to audit a classification.
func (c Classify) Match(title, description string) (data.Role, string) {
	lv := c.Levels(title, description)
	return lv.Role, lv.Evidence
}
