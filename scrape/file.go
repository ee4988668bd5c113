package scrape

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// The file kind reads a researcher's own table (CSV, JSON Lines or
// Parquet) instead of fetching pages; see readFile.
var _ = register(Kind{
	Name:     KindFile,
	Doc:      "a researcher's own table: CSV, JSON Lines or Parquet at path, its columns mapped by columns",
	Keys:     []string{"path", "format", "columns"},
	Required: []string{"path"},
	Check:    checkFile,
})

// checkFile checks a file source's path, format and column names.
func checkFile(s Source) error {
	var errs []error
	if s.Path == "" {
		errs = append(errs, data.FieldErrorf("path", "missing (the table to read)"))
	} else if _, err := tablefile.FormatOf(s.Path, s.Format); err != nil {
		errs = append(errs, data.FieldErrorf("format", "%v", err))
	}
	for _, field := range slices.Sorted(maps.Keys(s.Columns)) {
		if !slices.Contains(tablefile.Fields, field) {
			errs = append(errs, data.FieldErrorf("columns."+field, "%q is not one of %s", field, strings.Join(tablefile.Fields, ", ")))
		}
	}
	return errors.Join(errs...)
}

// readFile reads a file source: a researcher's own table. The file is not
// copied into the page store (it is theirs, and may be large); its
// SHA-256 stands in every record's page hash, so outputs still name the
// exact bytes they came from. With sink nil the records are kept in t;
// otherwise they stream into sink, t only counting them, and the error
// returned is sink's.
func (r *run) readFile(ctx context.Context, src Source, t *tally, sink func([]data.RawRecord) error) error {
	abs, err := filepath.Abs(src.Path)
	if err != nil {
		abs = src.Path
	}
	name := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	var sinkErr error
	keep := func(recs ...data.RawRecord) {
		switch {
		case sink == nil:
			t.add(recs...)
		case sinkErr == nil:
			t.count(recs...)
			sinkErr = sink(recs)
		}
	}
	fail := func(err error) error {
		t.update(func(s *SourceStats) { s.Failed["file"]++ })
		keep(data.RawRecord{Source: src.Name, Kind: KindFile, URL: name, PayMin: math.NaN(), PayMax: math.NaN(),
			RejectReason: fmt.Sprintf("read %s: %v", src.Path, err), RejectCode: data.RejectCodeFile})
		return sinkErr
	}
	format, err := tablefile.FormatOf(src.Path, src.Format)
	if err != nil {
		return fail(err)
	}
	if err := regularFile(src.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(err) // a fifo would block, /dev/zero never end
	}
	f, err := os.Open(src.Path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fail(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	sha := hex.EncodeToString(h.Sum(nil))
	rows := 0
	err = tablefile.Stream(ctx, f, tablefile.Options{Format: format, Columns: src.Columns, Name: name}, func(recs []data.RawRecord) error {
		for i := range recs {
			recs[i].Source, recs[i].Kind, recs[i].PageSHA256 = src.Name, KindFile, sha
		}
		rows += len(recs)
		keep(recs...)
		return sinkErr
	})
	t.update(func(s *SourceStats) { s.Fetched, s.Responses = 1, 1 })
	if sinkErr != nil {
		return sinkErr
	}
	r.log.Debug("read table", "source", src.Name, "path", src.Path, "format", format, "rows", rows)
	if err != nil && ctx.Err() == nil {
		return fail(err)
	}
	return nil
}
