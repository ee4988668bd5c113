package tablefile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// csvSeeds are the shapes of broken and unbroken CSV the table tests use.
var csvSeeds = []string{
	"title,company\nA,B\n\"Python Dev,Acme\nC,D\nE,F\n",
	"title,company,location\nDev,\"Acme \"the best\" Inc,Berlin\nOps,B,Paris\n",
	"title,company\nA,\"B\nC,D\nE,F\"x\"\nG,H\n",
	"title,company\nA,\"B\nC,D\nE,\"F\",G\nH,I\n",
	"title,company\nA,\"B\n\"C,D\n\"E,F\nG,H\n",
	"title,company\n\"Senior\r\nEngineer\",\"Acme\n\nInc\"\nB,C\n",
	"title,company,location\nA,B,C\nshort,row\n,,\n\n,NoTitle,X\nD,E,F,,\n\"unbalanced,K,L",
	"a,b\r\n\"x\"\"y\",z\r\n",
}

// FuzzCSVRecords: every line of the input is in exactly one record or
// skipped run, in order, or is blank between records; and when nothing
// is skipped, the records are encoding/csv's with LazyQuotes.
func FuzzCSVRecords(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		c := newCSVRecords(bufio.NewReaderSize(bytes.NewReader(input), 16), ',')
		var got [][]string
		skipped, covered := false, 0
		lines := strings.Split(strings.TrimSuffix(string(input), "\n"), "\n")
		for {
			rec, err := c.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.first <= covered || rec.last < rec.first || rec.last > len(lines) {
				t.Fatalf("record over lines %d-%d after line %d of %d", rec.first, rec.last, covered, len(lines))
			}
			for n := covered + 1; n < rec.first; n++ {
				if strings.TrimSuffix(lines[n-1], "\r") != "" {
					t.Fatalf("line %d %q is in no record", n, lines[n-1])
				}
			}
			covered = rec.last
			if c.want == 0 {
				c.want = len(rec.fields)
			}
			if rec.err != nil {
				skipped = true
				continue
			}
			got = append(got, rec.fields)
		}
		for n := covered + 1; n <= len(lines); n++ {
			if strings.TrimSuffix(lines[n-1], "\r") != "" {
				t.Fatalf("line %d %q is in no record", n, lines[n-1])
			}
		}
		if skipped {
			return
		}
		r := csv.NewReader(bytes.NewReader(input))
		r.LazyQuotes, r.FieldsPerRecord = true, -1
		want, err := r.ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv: %v", err)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("read %q\nencoding/csv %q", got, want)
		}
	})
}
