package transform_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/synth"
	"github.com/jobmarket/jobmarket/transform"
)

// normalizeAll streams records through one Normalizer in batches of 4,096,
// with the URLs spilled to spill unless it is nil.
func normalizeAll(t *testing.T, records []data.RawRecord, spill transform.SpillFile) ([]data.Listing, error) {
	t.Helper()
	n, err := transform.New(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	if spill != nil {
		n.SpillURLs(spill)
	}
	var listings []data.Listing
	for start := 0; start < len(records); start += 4096 {
		if listings, _, err = n.NormalizeBatch(t.Context(), records[start:min(start+4096, len(records))], listings, nil); err != nil {
			return listings, err
		}
	}
	return listings, nil
}

// TestSpillURLs checks that keeping the remembered URLs in a file changes
// no listing: synthetic records with megabytes of URLs, so that chunks go
// to the file, and repeats named from it, among them of a URL longer than
// one read of the file (300 bytes) and of one longer than a chunk (1 MiB).
func TestSpillURLs(t *testing.T) {
	long := "https://jobs.example.org/" + strings.Repeat("x", 1<<20+10)
	medium := "https://jobs.example.org/" + strings.Repeat("y", 275)
	records := []data.RawRecord{
		rec(long, "Python Engineer", "Acme", "Berlin", "DE", "€60k–70k", ""),
		rec(medium, "OpenStack Engineer", "Acme", "Berlin", "DE", "€80k–90k", ""),
	}
	records = append(records, synth.Records(60_000, 5)...)
	records = append(records,
		rec(long+"/again", "Python Engineer", "Acme GmbH", "Berlin", "DE", "60.000 - 70.000 EUR", ""),
		rec(medium+"/again", "OpenStack Engineer", "Acme", "Berlin, Germany", "", "€80k–90k", ""))

	want, err := normalizeAll(t, records, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "urls"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := normalizeAll(t, records, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameRows(got, want); err != nil {
		t.Fatal(err)
	}
	if n := len(got); got[n-2].DuplicateOf != long || got[n-1].DuplicateOf != medium {
		t.Errorf("the last two listings repeat %.40q and %.40q, want the first two", got[n-2].DuplicateOf, got[n-1].DuplicateOf)
	}
	repeats := 0
	for _, l := range got {
		if l.DuplicateOf != "" {
			repeats++
		}
	}
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() < 2<<20 || repeats < 1000 {
		t.Errorf("%d bytes spilled and %d repeats: the test no longer reads URLs back from the file", st.Size(), repeats)
	}
}

// brokenFile is a spill file whose writes fail with writeErr (or succeed
// and are dropped when it is nil) and whose reads fail with readErr.
type brokenFile struct{ writeErr, readErr error }

func (f *brokenFile) Write(p []byte) (int, error) {
	if f.writeErr != nil {
		return 0, f.writeErr
	}
	return len(p), nil
}

func (f *brokenFile) ReadAt([]byte, int64) (int, error) { return 0, f.readErr }

// TestSpillURLsErrors checks that a spill file that cannot be written or
// read fails the batch with an error that says so, rather than leaving a
// repeat unnamed.
func TestSpillURLsErrors(t *testing.T) {
	long := "https://jobs.example.org/" + strings.Repeat("x", 1<<20)
	records := []data.RawRecord{
		rec(long, "Python Engineer", "Acme", "Berlin", "DE", "€60k–70k", ""),
		rec("https://jobs.example.org/2", "Java Engineer", "Acme", "Berlin", "DE", "", ""),
		rec("https://jobs.example.org/3", "Python Engineer", "Acme", "Berlin, Germany", "", "€60k–70k", ""),
	}
	diskFull, badSector := errors.New("no space left on device"), errors.New("input/output error")
	tests := []struct {
		name string
		file *brokenFile
		err  error
		want string
	}{
		{"write", &brokenFile{writeErr: diskFull}, diskFull, "spill URLs"},
		{"read", &brokenFile{readErr: badSector}, badSector, "read back spilled URL at offset 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := normalizeAll(t, records, tc.file)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q wrapping %v", err, tc.want, tc.err)
			}
		})
	}
}
