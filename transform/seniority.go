package transform

import (
	"slices"
	"strconv"

	"github.com/jobmarket/jobmarket/data"
)

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

// SeniorityFrom reads the seniority of a posting: the title's level (see
// SeniorityOf) or, when the title names none, the level its text asks for,
// with a note saying so: lead when it names one of LeadPhrases ("lead a
// team"), senior when it asks for SeniorYears or more years of experience
// ("5+ years of", "3-5 years in" counts 3; "years" must be followed by one
// of ExperienceWords). It returns "" and no note when
// neither says. It compiles the rule on every call; New compiles it once.
func (c Classify) SeniorityFrom(title, description string) (level, note string) {
	cl := newClassifier(c)
	var s roleScratch
	cl.scan(&s, title, description)
	if sen := cl.seniorityOf(words(nil, title, true)); sen != 0 {
		return sen.String(), ""
	}
	sen, note := cl.textSeniority(&s)
	return sen.String(), note
}

// textSeniority reads the level the description of a scanned posting
// asks for, and the note that says so.
func (cl *classifier) textSeniority(s *roleScratch) (seniority, string) {
	lead := seniority(slices.Index(data.SeniorityLevels, data.SeniorityLead) + 1)
	senior := seniority(slices.Index(data.SeniorityLevels, data.SenioritySenior) + 1)
	years := 0
	for _, h := range s.hits {
		if h.pos < s.titleLen {
			continue
		}
		switch h.e.kind {
		case phraseLead:
			return lead, "seniority lead from the text: " + strconv.Quote(h.e.text)
		case phraseYears:
			if !cl.experienceAfter(s, h.end) {
				continue
			}
			if n := cl.yearsBefore(s, h.pos); n > years {
				years = n
			}
		}
	}
	if cl.seniorYears > 0 && years >= cl.seniorYears {
		return senior, "seniority senior from the text: " + strconv.Itoa(years) + "+ years"
	}
	return 0, ""
}

// experienceAfter reports whether one of ExperienceWords starts at word
// pos, in the clause of the word before.
func (cl *classifier) experienceAfter(s *roleScratch, pos int) bool {
	if pos >= len(s.tokens) || s.tokens[pos].brk == breakClause {
		return false
	}
	for _, h := range s.hits {
		if h.pos == pos && h.e.kind == phraseExperience {
			return true
		}
	}
	return false
}

// yearsBefore reads the number of years before word pos ("5+ years",
// "3-5 years" is 3), 0 when none stands there.
func (cl *classifier) yearsBefore(s *roleScratch, pos int) int {
	if pos == 0 || s.tokens[pos].brk == breakClause {
		return 0
	}
	n, ok := cl.numbers[s.hashes[pos-1]]
	if !ok {
		return 0
	}
	if pos >= 2 && s.tokens[pos-1].brk == breakJoin {
		if low, ok := cl.numbers[s.hashes[pos-2]]; ok {
			return low
		}
	}
	return n
}
