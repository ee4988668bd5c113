package transform

// phraseSet finds configured words and phrases ("openstack", "entry
// level", "nova scotia") in a text given as word hashes. Phrases are
// indexed by their first word; a small bit filter on that word lets most
// words of a description through with one AND, and the rest find their
// phrases in a hashIndex, which costs less than a map for every "python"
// and "at" of every description.
type phraseSet struct {
	filter  [16]uint64 // for every first word: word hash>>60 picks the word, bits 54-59 the bit
	byFirst hashIndex  // first word → index into starting
	// starting holds, per first word, the indexes into entries of the
	// phrases it starts.
	starting [][]int32
	entries  []phraseEntry
}

// phraseEntry is one phrase and what it stands for.
type phraseEntry struct {
	words []uint64
	text  string // as configured, for evidence
	kind  phraseKind
	id    int // project number or seniority level
	// ignores, for a project exception, is by project id what the
	// evidence says of a project name inside it: `heat (in "heat map")`.
	ignores []string
}

type phraseKind uint8

const (
	phraseOpenStack phraseKind = iota + 1
	phraseProject
	phraseException
	phrasePython
	phraseSeniority
	phraseHiddenPay
	phraseNoSalary
	phraseNoSalaryAnywhere
	phraseBoardEstimate
	phraseEmployerEstimate
	phraseRemote
)

func newPhraseSet() *phraseSet { return &phraseSet{} }

// add registers a phrase; one with no words is ignored (Validate reports it).
func (s *phraseSet) add(text string, kind phraseKind, id int) {
	ws := phraseHashes(text)
	if len(ws) == 0 {
		return
	}
	s.filter[ws[0]>>60] |= 1 << (ws[0] >> 54 & 63)
	first, ok := s.byFirst.get(ws[0])
	if !ok {
		first = int32(len(s.starting))
		s.byFirst.set(ws[0], first)
		s.starting = append(s.starting, nil)
	}
	s.starting[first] = append(s.starting[first], int32(len(s.entries)))
	s.entries = append(s.entries, phraseEntry{words: ws, text: text, kind: kind, id: id})
}

// mayStart reports whether some phrase may start with word w: false for
// most words, with one AND.
func (s *phraseSet) mayStart(w uint64) bool { return s.filter[w>>60]&(1<<(w>>54&63)) != 0 }

// matches calls yield for every phrase that starts at words[i].
func (s *phraseSet) matches(words []uint64, i int, yield func(e *phraseEntry)) {
	w := words[i]
	if !s.mayStart(w) {
		return
	}
	first, ok := s.byFirst.get(w)
	if !ok {
		return
	}
	for _, idx := range s.starting[first] {
		e := &s.entries[idx]
		if i+len(e.words) > len(words) {
			continue
		}
		match := true
		for k := 1; k < len(e.words); k++ {
			if words[i+k] != e.words[k] {
				match = false
				break
			}
		}
		if match {
			yield(e)
		}
	}
}
