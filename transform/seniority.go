package transform

import "github.com/jobmarket/jobmarket/data"

// SeniorityOf reads the seniority level a title names with the words of
// c.Seniority (DefaultSeniority for levels not given): junior, mid,
// senior, lead or principal, the highest when a title names several
// ("Senior Staff Engineer" is lead), and "" when it names none. A
// mid-level title often names no level at all, so "" is common and is not
// the same as mid. It compiles the words on every call; New compiles them
// once.
func (c Classify) SeniorityOf(title string) string {
	return newClassifier(c).seniorityOf(words(nil, title, true)).String()
}

// seniority is a level as an index into data.SeniorityLevels plus one, 0
// when a title names none: a byte, so that the postings duplicate
// detection keeps hold no pointers.
type seniority uint8

func (s seniority) String() string {
	if s == 0 {
		return ""
	}
	return data.SeniorityLevels[s-1]
}

// seniorityOf reads the seniority level a title names: the highest level
// whose words appear, 0 when none does.
func (cl *classifier) seniorityOf(titleWords []uint64) seniority {
	best := 0
	for i := range titleWords {
		cl.seniority.matches(titleWords, i, func(e *phraseEntry) { best = max(best, e.id+1) })
	}
	return seniority(best)
}
