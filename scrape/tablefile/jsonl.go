package tablefile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

func (t *table) readJSONL(in io.Reader) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, utf8BOM) {
		br.Discard(3)
	}
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			if err := t.jsonLine(b, line); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read jsonl line %d: %w", line, err)
		}
	}
}

// jsonLine reads one line, a JSON object whose keys are matched to our
// fields without case. JSON Lines has no header, so a mapped key that a
// line lacks is an empty value, not a table error.
func (t *table) jsonLine(b []byte, line int) error {
	dec := json.NewDecoder(bytes.NewReader(fixLine(b)))
	dec.UseNumber() // keep "85000.00" as written
	var obj map[string]any
	err := dec.Decode(&obj)
	if err == nil && dec.More() {
		err = errors.New("more than one value on the line")
	}
	if err != nil || obj == nil {
		if err == nil {
			err = errors.New("null")
		}
		return t.add(data.RawRecord{}, fmt.Errorf("%w: %v", ErrBadJSON, err), line, line)
	}
	// Keys that differ only in case ("Title", "title") are taken in sorted
	// order, first wins, so the result does not depend on map order.
	byKey := make(map[string]any, len(obj))
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		key := strings.ToLower(strings.TrimSpace(k))
		if _, dup := byKey[key]; !dup {
			byKey[key] = obj[k]
		}
	}
	raw := func(field string) any {
		key := field
		if mapped, ok := t.opts.Columns[field]; ok {
			key = mapped
		}
		return byKey[strings.ToLower(strings.TrimSpace(key))]
	}
	for _, field := range Fields {
		if err := checkJSONType(field, raw(field)); err != nil {
			return t.add(data.RawRecord{URL: jsonText(raw("url"))}, err, line, line)
		}
	}
	return t.row(func(field string) string { return jsonText(raw(field)) }, line, line)
}

// jsonText renders a JSON value as the text of a field: numbers as
// written, nested values as compact JSON.
func jsonText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return fixText(t)
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
