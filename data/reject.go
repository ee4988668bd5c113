package data

import (
	"encoding/csv"
	"fmt"
	"io"
)

// Reject is a page or record that could not become a listing, kept with the
// reason so that fetched = listings + rejects always holds.
type Reject struct {
	Source string
	URL    string
	Stage  string // "scrape" or "transform"
	Reason string
}

var rejectHeader = []string{"source", "url", "stage", "reason"}

// WriteRejectsCSV writes rejects with a header row.
func WriteRejectsCSV(w io.Writer, rejects []Reject) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(rejectHeader); err != nil {
		return err
	}
	for _, r := range rejects {
		if err := cw.Write([]string{r.Source, r.URL, r.Stage, r.Reason}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadRejectsCSV reads what WriteRejectsCSV wrote.
func ReadRejectsCSV(r io.Reader) ([]Reject, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(rejectHeader)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read rejects: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("read rejects: missing header")
	}
	out := make([]Reject, 0, len(rows)-1)
	for _, row := range rows[1:] {
		out = append(out, Reject{Source: row[0], URL: row[1], Stage: row[2], Reason: row[3]})
	}
	return out, nil
}
