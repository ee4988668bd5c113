package main

import (
	"strings"
	"time"
)

// board is one of the three synthetic boards, in the pipeline config's
// order: a posting on a later board that repeats one on an earlier board
// is the duplicate.
type board int

const (
	boardNone board = iota
	boardCloud
	boardLever
	boardPy
)

// name is the board's source name in the pipeline config and truth.json.
func (b board) name() string {
	switch b {
	case boardCloud:
		return "cloudjobs"
	case boardLever:
		return "lever"
	case boardPy:
		return "pyjobs"
	}
	return "none"
}

// host is the board's directory under the output folder.
func (b board) host() string {
	switch b {
	case boardCloud:
		return "cloudjobs.example"
	case boardLever:
		return "api.lever.example"
	case boardPy:
		return "pyjobs.example"
	}
	return ""
}

// special marks the few postings that exercise a rejection or exclusion.
type special int

const (
	specialNone          special = iota
	specialTrailingComma         // cloudjobs page whose JSON-LD has a trailing comma
	specialTruncated             // cloudjobs page whose JSON-LD is cut short
	specialNoJSONLD              // cloudjobs page without JSON-LD
	specialOutlierLow            // "$1 - $2" a year
	specialOutlierHigh           // 5,000,000 USD a year
	specialOneTime               // Lever "one-time" amount
	specialUnknownPlace          // pyjobs place no gazetteer knows
)

// broken says whether the posting's page cannot be read as a posting.
func (s special) broken() bool {
	return s == specialTrailingComma || s == specialTruncated || s == specialNoJSONLD
}

// posting is one distinct job posting. It is published on board and, when
// copyOn is set, cross-posted to a later board with the same company,
// title, country, date and stated pay.
type posting struct {
	seq     int
	board   board
	copyOn  board
	special special

	company *company
	title   string
	role    role // under the default definition: the technology at the posting's core
	// listsOpenStack and listsPython: the description also names the
	// technology among others or as optional (listedOpenStack,
	// listedPython), which makes it listed, not core.
	listsOpenStack, listsPython bool
	country                     *country // nil for an unknown place
	place                       string   // the unknown place's name when country is nil
	city                        city
	remote                      bool
	date                        time.Time
	// paragraphs of plain-text sentences; boards escape them as needed.
	paragraphs [][]string
	pay        *pay // nil when no pay is stated

	// style seeds the per-board formatting choices (templates, casing), so
	// rendering stays a pure function of the posting.
	style uint64

	cloudID int    // page number on cloudjobs, 0 if not published there
	pyID    int    // page number on pyjobs, 0 if not published there
	leverID string // Lever posting id, "" if not published there
}

// on says whether the posting appears on b, as original or copy.
func (p *posting) on(b board) bool { return p.board == b || p.copyOn == b }

// countryCode is the ISO code, "" for an unknown place.
func (p *posting) countryCode() string {
	if p.country == nil {
		return ""
	}
	return p.country.code
}

// mentionRole is the posting's role under classify.definition "mention":
// OpenStack when it names OpenStack at all, else Python when it names
// Python at all.
func (p *posting) mentionRole() role {
	switch {
	case p.role == roleOpenStack || p.listsOpenStack:
		return roleOpenStack
	case p.role == rolePython || p.listsPython:
		return rolePython
	}
	return roleOther
}

// day is the posting date as "2006-01-02".
func (p *posting) day() string { return p.date.Format(time.DateOnly) }

// text is everything the role rule reads: title and description.
func (p *posting) text() string {
	var b strings.Builder
	b.WriteString(p.title)
	for _, para := range p.paragraphs {
		for _, s := range para {
			b.WriteString(" ")
			b.WriteString(s)
		}
	}
	return b.String()
}

// plainDescription is the description as plain text, one paragraph a line.
func (p *posting) plainDescription() string {
	lines := make([]string, len(p.paragraphs))
	for i, para := range p.paragraphs {
		lines[i] = strings.Join(para, " ")
	}
	return strings.Join(lines, "\n")
}

// quarter names the calendar quarter of a date: 2026-07-14 → "2026Q3".
func quarter(t time.Time) string {
	return t.Format("2006") + "Q" + string(rune('1'+(int(t.Month())-1)/3))
}
