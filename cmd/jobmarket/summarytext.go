package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// summaryWidth is the width the run's summary wraps its sentences and
// notes to: an 80-column terminal, less a margin.
const summaryWidth = 78

// plainLegend says in words what the summary's columns are; the methods
// and their names are the report's to give.
func plainLegend(confidence float64, controls []string) string {
	adjusted := "adjusted compares postings alike in " + strings.Join(controls, ", ")
	if len(controls) == 0 {
		adjusted = "adjusted compares all postings alike (analysis.controls is empty)"
	}
	return wrap(fmt.Sprintf("How much more OpenStack roles pay than Python roles: raw compares posted pay within each country, "+
		"weighted by where the OpenStack postings are; %s. In brackets, the range the premium lies in with %g%% confidence, "+
		"allowing for employers that post many similar roles; the report says how each is estimated.",
		adjusted, confidence*100), summaryWidth, "")
}

// noteList numbers the notes of a table's rows: the same note shares its
// number, so a long note is printed once, under the table.
type noteList struct {
	notes []string
}

// mark returns the marker of note for its row ("[2]"), "" for no note.
func (l *noteList) mark(note string) string {
	if note == "" {
		return ""
	}
	for i, n := range l.notes {
		if n == note {
			return fmt.Sprintf("[%d]", i+1)
		}
	}
	l.notes = append(l.notes, note)
	return fmt.Sprintf("[%d]", len(l.notes))
}

// write prints the notes under their markers, each wrapped to width.
func (l *noteList) write(w io.Writer) error {
	for i, n := range l.notes {
		mark := fmt.Sprintf("[%d] ", i+1)
		text := wrap(n, summaryWidth-len(mark), strings.Repeat(" ", len(mark)))
		if _, err := fmt.Fprintf(w, "%s%s\n", mark, text); err != nil {
			return err
		}
	}
	return nil
}

// wrap breaks text into lines of at most width runes between words (a
// longer word keeps its own line), each line after the first starting
// with indent.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		n := len([]rune(word))
		switch {
		case i == 0:
		case line+1+n > width:
			b.WriteString("\n" + indent)
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}

// definitionMeaning says in words which postings a role definition counts
// as OpenStack roles.
func definitionMeaning(definition string) string {
	if definition == data.DefinitionMention {
		return "every posting that mentions OpenStack counts"
	}
	return "only postings whose work centres on OpenStack count"
}
