package tablefile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// maxRecordBytes bounds one CSV record, quoted newlines and all: 1 MiB, a
// few dozen times a spreadsheet cell's 32,767 characters. A quoted field
// still open past it is taken for an unbalanced quote, and a record is
// never held in memory beyond it.
const maxRecordBytes = 1 << 20

// csvRecords reads a CSV text a record at a time by the rules
// encoding/csv follows with LazyQuotes (a quote inside a field is text;
// a quoted field may run over newlines; "\r\n" reads as "\n"; blank
// lines between records are skipped), and recovers from a quote that
// never closes: when a quoted field runs to the end of the file or past
// maxRecordBytes, or a record that ran over several lines ends with the
// wrong number of fields, its first line is skipped and the lines it ran
// over are read again, each as a record of its own, so one stray quote
// costs its line rather than the rest of the file.
type csvRecords struct {
	br    *bufio.Reader
	comma byte
	want  int // fields a record has, once the header is read; 0 while reading it
	read  int // physical lines read from br
	eof   bool
	// held are lines read but not yet taken into a record, after a record
	// that ran over them failed; each is read again on its own.
	held []heldLine
	scan fieldScan
	buf  []byte // the line being read, reused
}

type heldLine struct {
	num  int
	text []byte
}

// csvRecord is one record, or a run of lines skipped.
type csvRecord struct {
	fields      []string
	first, last int   // its lines
	err         error // set for skipped lines: why
}

// errBrokenLine: a line of a record an unbalanced quote broke that does
// not read as a record of its own either.
var errBrokenLine = errors.New("skipped: a line inside a record an unbalanced quote broke, with the wrong number of fields")

func newCSVRecords(br *bufio.Reader, comma byte) *csvRecords {
	return &csvRecords{br: br, comma: comma, scan: fieldScan{comma: comma}}
}

// next returns the next record or run of skipped lines; io.EOF at the end.
func (c *csvRecords) next() (csvRecord, error) {
	if rec, ok := c.heldRecord(); ok {
		return rec, nil
	}
	var start int
	for {
		line, err := c.line()
		if err != nil {
			return csvRecord{}, err
		}
		if line.text == nil {
			return csvRecord{}, io.EOF
		}
		start = line.num
		switch {
		case len(line.text) == 0:
			continue // a blank line between records
		case len(line.text) > maxRecordBytes:
			return csvRecord{first: start, last: start, err: ErrLongRecord}, nil
		}
		c.scan.reset()
		if !c.scan.line(line.text) {
			return csvRecord{fields: c.scan.record(), first: start, last: start}, nil
		}
		// A quoted field runs over the line end: keep the lines, in case
		// the record turns out broken and they must be read again.
		line.text = bytes.Clone(line.text)
		c.held = append(c.held[:0], line)
		break
	}
	size := len(c.held[0].text)
	for {
		line, err := c.line()
		if err != nil {
			return csvRecord{}, err
		}
		if line.text == nil {
			return c.broken(ErrUnclosedQuote), nil
		}
		line.text = bytes.Clone(line.text)
		c.held = append(c.held, line)
		if size += len(line.text) + 1; size > maxRecordBytes {
			return c.broken(ErrLongRecord), nil
		}
		if !c.scan.line(line.text) {
			fields := c.scan.record()
			if c.want > 0 && errors.Is(checkFields(fields, c.want), ErrFieldCount) {
				return c.broken(fmt.Errorf("%w: the record it starts runs to line %d and has %d fields, the header %d",
					ErrUnclosedQuote, line.num, len(fields), c.want)), nil
			}
			c.held = c.held[:0]
			return csvRecord{fields: fields, first: start, last: line.num}, nil
		}
	}
}

// broken skips the first held line, whose quote opened the failed record;
// the lines after it are read again one by one.
func (c *csvRecords) broken(why error) csvRecord {
	first := c.held[0].num
	c.held = c.held[1:]
	return csvRecord{first: first, last: first, err: why}
}

// heldRecord reads the first held line that is not blank as a record of
// its own; a quote left open at its end, or the wrong number of fields,
// makes it a skipped line too. ok is false when no line is held.
func (c *csvRecords) heldRecord() (rec csvRecord, ok bool) {
	for len(c.held) > 0 {
		line := c.held[0]
		c.held = c.held[1:]
		if len(c.held) == 0 {
			c.held = nil // let the lines' memory go
		}
		switch {
		case len(line.text) == 0:
			continue
		case len(line.text) > maxRecordBytes:
			return csvRecord{first: line.num, last: line.num, err: ErrLongRecord}, true
		}
		c.scan.reset()
		if c.scan.line(line.text) {
			return csvRecord{first: line.num, last: line.num, err: ErrUnclosedQuote}, true
		}
		fields := c.scan.record()
		if errors.Is(checkFields(fields, c.want), ErrFieldCount) {
			return csvRecord{first: line.num, last: line.num, err: errBrokenLine}, true
		}
		return csvRecord{fields: fields, first: line.num, last: line.num}, true
	}
	return csvRecord{}, false
}

// line reads one physical line without its end ("\n" or "\r\n"); text
// is nil at the end of the input. A line over maxRecordBytes is cut there
// and the rest of it discarded.
func (c *csvRecords) line() (heldLine, error) {
	if c.eof {
		return heldLine{}, nil
	}
	text := c.buf[:0]
	for {
		chunk, err := c.br.ReadSlice('\n')
		if len(text) <= maxRecordBytes {
			text = append(text, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			c.eof = true
			if len(text) == 0 {
				return heldLine{}, nil
			}
		} else if err != nil {
			return heldLine{}, fmt.Errorf("read csv line %d: %w", c.read+1, err)
		}
		break
	}
	c.buf = text
	c.read++
	text = bytes.TrimSuffix(text, []byte{'\n'})
	text = bytes.TrimSuffix(text, []byte{'\r'})
	return heldLine{num: c.read, text: text}, nil
}

// fieldScan splits the lines of one record into fields.
type fieldScan struct {
	comma  byte
	text   []byte // the record's fields, end to end
	ends   []int  // where each field ends in text
	quoted bool   // inside a quoted field
}

func (s *fieldScan) reset() {
	s.text, s.ends, s.quoted = s.text[:0], s.ends[:0], false
}

// line reads one line of the record and reports whether a quoted field is
// still open at its end, the record going on to the next line.
func (s *fieldScan) line(b []byte) (open bool) {
	i := 0
	for {
		if !s.quoted {
			// The start of a field.
			if i < len(b) && b[i] == '"' {
				s.quoted = true
				i++
			} else {
				j := bytes.IndexByte(b[i:], s.comma)
				if j < 0 {
					s.text = append(s.text, b[i:]...)
					s.ends = append(s.ends, len(s.text))
					return false
				}
				s.text = append(s.text, b[i:i+j]...)
				s.ends = append(s.ends, len(s.text))
				i += j + 1
				continue
			}
		}
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			s.text = append(s.text, b[i:]...)
			s.text = append(s.text, '\n')
			return true
		}
		s.text = append(s.text, b[i:i+j]...)
		i += j + 1
		switch {
		case i == len(b):
			s.quoted = false
			s.ends = append(s.ends, len(s.text))
			return false
		case b[i] == '"':
			s.text = append(s.text, '"') // an escaped quote
			i++
		case b[i] == s.comma:
			s.quoted = false
			s.ends = append(s.ends, len(s.text))
			i++
		default:
			s.text = append(s.text, '"') // a bare quote, text as LazyQuotes has it
		}
	}
}

// record returns the fields read, in one string's memory.
func (s *fieldScan) record() []string {
	all := string(s.text)
	fields := make([]string, len(s.ends))
	from := 0
	for i, end := range s.ends {
		fields[i] = all[from:end]
		from = end
	}
	return fields
}
