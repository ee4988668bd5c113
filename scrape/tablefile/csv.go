package tablefile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/jobmarket/jobmarket/data"
)

// delimiters are the separators spreadsheet exports use, most common
// first: a European Excel writes ';', "tab-separated" means '\t'.
var delimiters = []byte{',', ';', '\t', '|'}

func (t *table) readCSV(in io.Reader) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if bom, _ := br.Peek(2); bytes.Equal(bom, []byte{0xFF, 0xFE}) || bytes.Equal(bom, []byte{0xFE, 0xFF}) {
		// UTF-16, as "Unicode text" exports are; they always carry a BOM.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	} else if bom, _ := br.Peek(3); bytes.Equal(bom, utf8BOM) {
		br.Discard(3)
	}
	records := newCSVRecords(br, sniffDelimiter(br))
	header, err := records.next()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: the file is empty (no header row)", ErrMissingColumn)
	}
	if err == nil && header.err != nil {
		err = fmt.Errorf("line %d: %w", header.first, header.err)
	}
	if err != nil {
		return fmt.Errorf("read csv header: %w", err)
	}
	names := make([]string, len(header.fields))
	for i, h := range header.fields {
		names[i] = fixText(h)
	}
	at, err := columnMap(names, t.opts.Columns)
	if err != nil {
		return err
	}
	records.want = len(names)
	// skipped is a run of lines skipped one after another, reported as one
	// reject when a record is read after it or the file ends.
	var skipped *RowError
	flush := func() error {
		if skipped == nil {
			return nil
		}
		err := t.add(data.RawRecord{}, skipped, skipped.Row, skipped.Line)
		skipped = nil
		return err
	}
	for row := 2; ; row++ {
		rec, err := records.next()
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
		if rec.err != nil {
			if skipped != nil {
				skipped.LastLine = rec.last
				row--
			} else {
				skipped = &RowError{Row: row, Line: rec.first, LastLine: rec.last, Err: rec.err}
			}
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		if err := checkFields(rec.fields, len(header.fields)); err != nil {
			if err := t.add(data.RawRecord{}, err, row, rec.first); err != nil {
				return err
			}
			continue
		}
		value := func(field string) string {
			if i, ok := at[field]; ok && i < len(rec.fields) {
				return fixText(rec.fields[i])
			}
			return ""
		}
		if err := t.row(value, row, rec.first); err != nil {
			return err
		}
	}
}

// checkFields rejects a row that is empty or whose field count differs
// from the header's, which usually means an unbalanced quote; trailing
// empty fields, as spreadsheets add, are allowed.
func checkFields(rec []string, want int) error {
	last := len(rec)
	for last > 0 && rec[last-1] == "" {
		last--
	}
	switch {
	case last == 0:
		return ErrEmptyRow
	case len(rec) < want || last > want:
		return fmt.Errorf("%w: %d, the header has %d (an unbalanced quote?)", ErrFieldCount, len(rec), want)
	}
	return nil
}

// sniffDelimiter picks the separator that occurs most often, outside
// quotes, in the header line.
func sniffDelimiter(br *bufio.Reader) byte {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		} else if !quoted {
			counts[c]++
		}
	}
	best := delimiters[0]
	for _, d := range delimiters[1:] {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}
