package scrape

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// readFile reads a file source: a researcher's own table. The file is not
// copied into the page store (it is theirs, and may be large); its
// SHA-256 stands in every record's page hash, so outputs still name the
// exact bytes they came from.
func (r *run) readFile(ctx context.Context, src Source, t *tally) {
	abs, err := filepath.Abs(src.Path)
	if err != nil {
		abs = src.Path
	}
	name := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	fail := func(err error) {
		t.update(func(s *SourceStats) { s.Failed["file"]++ })
		t.add(data.RawRecord{Source: src.Name, Kind: KindFile, URL: name, PayMin: math.NaN(), PayMax: math.NaN(),
			RejectReason: fmt.Sprintf("read %s: %v", src.Path, err)})
	}
	format, err := tablefile.FormatOf(src.Path, src.Format)
	if err != nil {
		fail(err)
		return
	}
	f, err := os.Open(src.Path)
	if err != nil {
		fail(err)
		return
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		fail(err)
		return
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		fail(err)
		return
	}
	sha := hex.EncodeToString(h.Sum(nil))
	recs, err := tablefile.Read(ctx, f, tablefile.Options{Format: format, Columns: src.Columns, Name: name})
	for i := range recs {
		recs[i].Source, recs[i].Kind, recs[i].PageSHA256 = src.Name, KindFile, sha
	}
	t.add(recs...)
	t.update(func(s *SourceStats) { s.Fetched, s.Responses = 1, 1 })
	if err != nil && ctx.Err() == nil {
		fail(err)
	}
	r.log.Debug("read table", "source", src.Name, "path", src.Path, "format", format, "rows", len(recs))
}
