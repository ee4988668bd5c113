package data

import "regexp"

// A spreadsheet opening a CSV file runs a cell that starts with '=', '+',
// '-' or '@' as a formula (and some also after a leading tab or carriage
// return), so text from a board or a config could make a researcher's
// spreadsheet fetch a link or run a command (=HYPERLINK(...), DDE). Every
// CSV the tool writes passes its text cells through CSVCell, as OWASP
// recommends for CSV exports: such a cell is written behind a single
// quote, which spreadsheets show as text. ReadCSVCell undoes it, so the
// files still round-trip.

// plainNumber is a decimal number as the tool writes one: such a cell is
// a value, not a formula, and is written as it is ("-0.12", "+3", "1e-05").
var plainNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// formulaStart reports whether a cell starting with c may be read as a
// formula by a spreadsheet.
func formulaStart(c byte) bool {
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
}

// CSVCell is s as a CSV cell a spreadsheet will not run: a value starting
// with '=', '+', '-', '@', a tab or a carriage return gets a single quote
// in front, unless it is a plain decimal number ("-0.12" stays a number).
// A value that already starts with a quote followed by one of those, or
// by another quote, gets one more, so ReadCSVCell gives s back exactly.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	if formulaStart(s[0]) && !plainNumber.MatchString(s) {
		return "'" + s
	}
	if s[0] == '\'' && len(s) > 1 && (formulaStart(s[1]) || s[1] == '\'') {
		return "'" + s
	}
	return s
}

// ReadCSVCell undoes CSVCell: ReadCSVCell(CSVCell(s)) == s for every s.
func ReadCSVCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && (formulaStart(s[1]) || s[1] == '\'') {
		return s[1:]
	}
	return s
}

// CSVRecord applies CSVCell to every cell of a record, in place, and
// returns it.
func CSVRecord(rec []string) []string {
	for i, s := range rec {
		rec[i] = CSVCell(s)
	}
	return rec
}
