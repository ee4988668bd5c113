package transform

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// roleScratch holds the buffers the role rule reuses from posting to
// posting; a worker owns one.
type roleScratch struct {
	tokens   []roleToken
	hashes   []uint64
	hits     []phraseHit
	clauses  []int32
	sections []section
	listWord []bool
	items    []listItem
	scores   []mentionScore
	ignored  []string
	titleLen int
}

// phraseHit is a phrase found at words [pos, end).
type phraseHit struct {
	pos, end int
	e        *phraseEntry
}

// techGroup is what a list item names.
type techGroup uint8

const (
	groupOpenStack techGroup = iota
	groupPython
	groupOther
)

// listItem is a technology named in the text, a possible item of a list.
type listItem struct {
	pos, end int
	group    techGroup
	entry    *phraseEntry
}

// mentionScore is what one mention of a technology adds to its score.
type mentionScore struct {
	pos      int
	text     string
	section  section
	verb     bool
	optional bool
	project  bool
	others   int // other technologies in its list
	score    float64
}

// levels applies the rule to a posting.
func (cl *classifier) levels(s *roleScratch, title, description string) RoleLevels {
	cl.scan(s, title, description)
	cl.markSections(s)
	// Project names inside an exception phrase do not count.
	var exceptions, projects []phraseHit
	openstackNamed := false
	for _, h := range s.hits {
		switch h.e.kind {
		case phraseException:
			exceptions = append(exceptions, h)
		case phraseOpenStack:
			openstackNamed = true
		}
	}
	s.ignored = s.ignored[:0]
	var kept []projectHit
	for _, h := range s.hits {
		if h.e.kind != phraseProject {
			continue
		}
		if ex := hitAt(exceptions, h.pos); ex != nil {
			s.ignored = append(s.ignored, ex.e.ignores[h.e.id])
			continue
		}
		projects = append(projects, h)
		kept = append(kept, projectHit{h.pos, h.e.id})
	}
	if !openstackNamed && cl.projectCluster(kept, s.titleLen) == "" {
		for _, h := range projects {
			s.ignored = append(s.ignored, h.e.text+cl.alone)
		}
		projects = nil
	}
	s.items = s.items[:0]
	for _, h := range s.hits {
		switch h.e.kind {
		case phraseOpenStack:
			s.items = append(s.items, listItem{h.pos, h.end, groupOpenStack, h.e})
		case phraseProject:
			if slices.ContainsFunc(projects, func(p phraseHit) bool { return p.pos == h.pos && p.e == h.e }) {
				s.items = append(s.items, listItem{h.pos, h.end, groupOpenStack, h.e})
			}
		case phrasePython:
			s.items = append(s.items, listItem{h.pos, h.end, groupPython, h.e})
		case phraseTech:
			s.items = append(s.items, listItem{h.pos, h.end, groupOther, h.e})
		}
	}
	os, osEvidence := cl.level(s, groupOpenStack, "openstack")
	py, pyEvidence := cl.level(s, groupPython, "python")
	evidence := osEvidence + "; " + pyEvidence
	if len(s.ignored) > 0 {
		evidence += "; ignored: " + strings.Join(s.ignored, ", ")
	}
	return RoleLevels{OpenStack: os, Python: py, Role: data.RoleUnder(cl.definition, os, py), Evidence: evidence}
}

// scan splits title and description into words and finds every phrase.
func (cl *classifier) scan(s *roleScratch, title, description string) {
	s.tokens = roleTokens(s.tokens[:0], title, cl.isTerm)
	s.titleLen = len(s.tokens)
	s.tokens = roleTokens(s.tokens, description, cl.isTerm)
	s.hashes = s.hashes[:0]
	for _, t := range s.tokens {
		s.hashes = append(s.hashes, t.hash)
	}
	s.hits = s.hits[:0]
	s.listWord = append(s.listWord[:0], make([]bool, len(s.tokens))...)
	for i := range s.hashes {
		cl.phrases.matches(s.hashes, i, func(e *phraseEntry) {
			if e.kind == phraseListWord && len(e.words) == 1 {
				s.listWord[i] = true
			}
			s.hits = append(s.hits, phraseHit{i, i + len(e.words), e})
		})
	}
}

// markSections gives every word its section and clause. A heading counts
// in the description where it starts with a capital or a colon or line
// end follows it; the longest at a place wins, and it starts a clause, as
// does the word after it.
func (cl *classifier) markSections(s *roleScratch) {
	n := len(s.tokens)
	s.sections = append(s.sections[:0], make([]section, n)...)
	s.clauses = append(s.clauses[:0], make([]int32, n)...)
	heads := make([]phraseHit, 0, 8)
	for _, h := range s.hits {
		if h.e.kind != phraseHeading || h.pos < s.titleLen || !(s.tokens[h.pos].capital || s.tokens[h.end-1].headEnd) {
			continue
		}
		if k := len(heads); k > 0 && h.pos < heads[k-1].end {
			if h.pos == heads[k-1].pos && h.end > heads[k-1].end {
				heads[k-1] = h
			}
			continue
		}
		heads = append(heads, h)
	}
	clause, cur, next := int32(0), sectionOpening, 0
	for i := range s.tokens {
		if s.tokens[i].brk == breakClause || i == s.titleLen {
			clause++
		}
		if next < len(heads) && i == heads[next].pos {
			clause++
			cur = section(heads[next].e.id)
		}
		if next < len(heads) && i == heads[next].end {
			clause++
			next++
		}
		switch {
		case i < s.titleLen:
			s.sections[i] = sectionTitle
		case cur == sectionOpening && i-s.titleLen >= cl.opening:
			cur = sectionBody
			s.sections[i] = cur
		default:
			s.sections[i] = cur
		}
		s.clauses[i] = clause
	}
}

// hitAt returns the hit covering word pos, or nil.
func hitAt(hits []phraseHit, pos int) *phraseHit {
	for i := range hits {
		if hits[i].pos <= pos && pos < hits[i].end {
			return &hits[i]
		}
	}
	return nil
}

// level decides a technology's level and says why.
func (cl *classifier) level(s *roleScratch, g techGroup, name string) (data.Level, string) {
	s.scores = s.scores[:0]
	total := 0.0
	for i, it := range s.items {
		if it.group != g {
			continue
		}
		if it.pos < s.titleLen {
			return data.LevelCore, name + " core: the title names " + it.entry.text
		}
		m := mentionScore{pos: it.pos, text: it.entry.text, section: s.sections[it.pos], project: it.entry.kind == phraseProject}
		m.others = cl.listOthers(s, i)
		m.verb = cl.near(s, it, phraseVerb, cl.verbWindow, false)
		m.optional = m.section == sectionNiceToHave || cl.near(s, it, phraseOptional, cl.optWindow, true)
		m.score = cl.weights[m.section]
		if m.project {
			m.score *= cl.projWeight
		}
		if m.verb {
			m.score *= cl.verbFactor
		}
		switch {
		case m.others == 1:
			m.score *= cl.pairFactor
		case m.others > 1:
			m.score *= cl.listFactor
		}
		if m.optional {
			m.score = 0
		}
		total += m.score
		s.scores = append(s.scores, m)
	}
	if len(s.scores) == 0 {
		return data.LevelNone, name + " none"
	}
	level, cmp := data.LevelListed, " < "
	if total >= cl.coreScore {
		level, cmp = data.LevelCore, " ≥ "
	}
	var b strings.Builder
	b.WriteString(name + " " + string(level) + ": score " + roundText(total) + cmp + roundText(cl.coreScore) + " from ")
	slices.SortStableFunc(s.scores, func(a, b mentionScore) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	const shown = 3
	for i, m := range s.scores[:min(shown, len(s.scores))] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(m.describe())
	}
	if len(s.scores) > shown {
		b.WriteString(", +" + strconv.Itoa(len(s.scores)-shown) + " more")
	}
	return level, b.String()
}

// describe says what one mention added: `openstack (responsibilities,
// verb, list of 3) 0.56`.
func (m mentionScore) describe() string {
	var b strings.Builder
	b.WriteString(m.text + " (" + m.section.String())
	if m.project {
		b.WriteString(", project")
	}
	if m.verb {
		b.WriteString(", verb")
	}
	if m.others > 0 {
		b.WriteString(", listed with " + strconv.Itoa(m.others))
	}
	if m.optional {
		b.WriteString(", optional")
	}
	b.WriteString(") " + roundText(m.score))
	return b.String()
}

func roundText(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// near reports whether a phrase of kind stands within window words before
// the item (or, with after set, after it too) in the item's clause.
func (cl *classifier) near(s *roleScratch, it listItem, kind phraseKind, window int, after bool) bool {
	clause := s.clauses[it.pos]
	for _, h := range s.hits {
		if h.e.kind != kind || s.clauses[h.pos] != clause || h.pos >= it.pos && h.pos < it.end {
			continue
		}
		if h.end <= it.pos && it.pos-h.end <= window || after && h.pos >= it.end && h.pos-it.end <= window {
			return true
		}
	}
	return false
}

// listOthers counts the distinct technologies of other groups in the list
// item i stands in: the run of items around it that only separators and
// list words ("and", "or", "such as") join.
func (cl *classifier) listOthers(s *roleScratch, i int) int {
	first, last := i, i
	for first > 0 && cl.joined(s, s.items[first-1], s.items[first]) {
		first--
	}
	for last+1 < len(s.items) && cl.joined(s, s.items[last], s.items[last+1]) {
		last++
	}
	var seen []*phraseEntry
	for _, it := range s.items[first : last+1] {
		if it.group != s.items[i].group && !slices.Contains(seen, it.entry) {
			seen = append(seen, it.entry)
		}
	}
	return len(seen)
}

// joined reports whether two items in text order stand in one list: in
// one clause, with at most three words between them that are list words,
// or one other word beside a list separator ("Spring Boot, Kafka").
func (cl *classifier) joined(s *roleScratch, a, b listItem) bool {
	if b.pos < a.end {
		return true
	}
	if s.clauses[a.pos] != s.clauses[b.pos] {
		return false
	}
	gap := b.pos - a.end
	if gap == 0 {
		return s.tokens[b.pos].brk != breakJoin
	}
	if gap > 3 {
		return false
	}
	others, separated := 0, s.tokens[b.pos].brk == breakList
	for k := a.end; k < b.pos; k++ {
		separated = separated || s.tokens[k].brk == breakList
		if !s.listWord[k] {
			others++
		}
	}
	return others == 0 || others == 1 && separated
}
