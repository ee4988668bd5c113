package transform

import (
	"cmp"
	"fmt"
	"math"
	"os"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// rawInputs are the raw tables Run reads: one, or one per scrape worker
// that shared a queue.
type rawInputs struct {
	paths   []string
	files   []*os.File
	readers []*data.Reader[data.RawRecord]
}

func openRaws(paths []string, mem memory.Allocator) (*rawInputs, error) {
	in := &rawInputs{}
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			in.close()
			return nil, err
		}
		in.paths, in.files = append(in.paths, path), append(in.files, f)
		r, err := data.NewRawIPCReader(f, mem)
		if err != nil {
			in.close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		in.readers = append(in.readers, r)
	}
	return in, nil
}

func (in *rawInputs) close() {
	for _, r := range in.readers {
		r.Close()
	}
	for _, f := range in.files {
		f.Close()
	}
}

// each calls fn with every record of the given sources (every source when
// sources is nil). Several inputs are merged in the order a single scrape
// writes: by source, in the order of sources (of name when nil), then by
// order; a record two workers both wrote (a link neither followed, say)
// is kept once.
func (in *rawInputs) each(sources []string, order func(a, b data.RawRecord) int, fn func(*data.RawRecord) error) error {
	var rank map[string]int
	if sources != nil {
		rank = make(map[string]int, len(sources))
		for i, s := range sources {
			rank[s] = i
		}
	}
	cursors := make([]*rawCursor, len(in.readers))
	for i, r := range in.readers {
		cursors[i] = &rawCursor{r: r, rank: rank, path: in.paths[i]}
		if err := cursors[i].advance(); err != nil {
			return err
		}
	}
	var last *data.RawRecord
	var lastFrom int
	for {
		best := -1
		for i, c := range cursors {
			if c.cur != nil && (best < 0 || c.compare(cursors[best], order) < 0) {
				best = i
			}
		}
		if best < 0 {
			return nil
		}
		c := cursors[best]
		rec := c.cur
		if last == nil || lastFrom == best || !sameRecord(*last, *rec) {
			if err := fn(rec); err != nil {
				return err
			}
		}
		kept := *rec
		last, lastFrom = &kept, best
		if err := c.advance(); err != nil {
			return err
		}
	}
}

// rawCursor walks one raw table, skipping the records of sources not
// ranked (none when rank is nil).
type rawCursor struct {
	r     *data.Reader[data.RawRecord]
	path  string
	rank  map[string]int // by source name; nil keeps every source
	batch []data.RawRecord
	i     int
	cur   *data.RawRecord // nil at the end
	src   int             // rank of cur's source
}

func (c *rawCursor) advance() error {
	for {
		c.i++
		for c.i >= len(c.batch) {
			if !c.r.Next() {
				c.cur = nil
				if err := c.r.Err(); err != nil {
					return fmt.Errorf("%s: %w", c.path, err)
				}
				return nil
			}
			c.batch, c.i = c.r.Batch(), 0
		}
		rec := &c.batch[c.i]
		if c.rank == nil {
			c.cur = rec
			return nil
		}
		if src, ok := c.rank[rec.Source]; ok {
			c.cur, c.src = rec, src
			return nil
		}
	}
}

// compare orders the current records of two cursors: by source, then by
// order. With one input it is never called.
func (c *rawCursor) compare(d *rawCursor, order func(a, b data.RawRecord) int) int {
	bySource := cmp.Compare(c.src, d.src)
	if c.rank == nil {
		bySource = cmp.Compare(c.cur.Source, d.cur.Source)
	}
	return cmp.Or(bySource, order(*c.cur, *d.cur))
}

// sameRecord reports whether two records are equal in every field, NaN
// pay included.
func sameRecord(a, b data.RawRecord) bool {
	same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	if !same(a.PayMin, b.PayMin) || !same(a.PayMax, b.PayMax) {
		return false
	}
	a.PayMin, a.PayMax, b.PayMin, b.PayMax = 0, 0, 0, 0
	return a == b
}
