package transform

import (
	"encoding/binary"
	"fmt"
	"io"
	"slices"
)

// Duplicate detection remembers every distinct posting of a stream, so
// its stores grow to millions of entries. These grow in chunks: nothing
// already stored is copied again, and what holds no pointers stays out of
// the garbage collector's sight.

// arena stores strings in large byte chunks, out of the collector's sight,
// each as its length (a uvarint) and its bytes; a string is known by its
// offset in the concatenation of the chunks. With a spill file, a full
// chunk is written to the file and its memory reused, so only the last
// chunk stays in memory: offsets are then offsets in the file, and get
// reads older strings back from it.
type arena struct {
	chunks [][]byte // with a spill file, only the chunk being filled
	starts []int64  // offset of each chunk's first byte among all added
	size   int64    // bytes added
	spill  SpillFile
	err    error // the first error of the spill file
}

const arenaChunk = 1 << 20

// SpillFile is where a Normalizer keeps the URLs of the postings it
// remembers (see Normalizer.SpillURLs): written in order from its start,
// read back at offsets already written. An *os.File is one.
type SpillFile interface {
	io.Writer
	io.ReaderAt
}

func (a *arena) add(s string) int64 {
	need := binary.MaxVarintLen64 + len(s) // room for the length and the bytes
	last := len(a.chunks) - 1
	if last < 0 || len(a.chunks[last])+need > cap(a.chunks[last]) {
		a.newChunk(need)
		last = len(a.chunks) - 1
	}
	c := &a.chunks[last]
	before := len(*c)
	*c = binary.AppendUvarint(*c, uint64(len(s)))
	*c = append(*c, s...)
	off := a.starts[last] + int64(before)
	a.size += int64(len(*c) - before)
	return off
}

// newChunk starts a chunk with room for need bytes. With a spill file, the
// full chunk goes to the file and, unless it was oversized, its memory is
// the new chunk's.
func (a *arena) newChunk(need int) {
	var buf []byte
	if last := len(a.chunks) - 1; a.spill != nil && last >= 0 {
		full := a.chunks[last]
		if _, err := a.spill.Write(full); err != nil && a.err == nil {
			a.err = fmt.Errorf("spill URLs: %w", err)
		}
		if cap(full) == arenaChunk && need <= arenaChunk {
			buf = full[:0]
		}
		a.chunks, a.starts = a.chunks[:0], a.starts[:0]
	}
	if buf == nil {
		buf = make([]byte, 0, max(arenaChunk, need))
	}
	a.chunks = append(a.chunks, buf)
	a.starts = append(a.starts, a.size)
}

// get returns the string at off. After an error of the spill file it
// returns "", and err says why.
func (a *arena) get(off int64) string {
	i, _ := slices.BinarySearch(a.starts, off+1)
	if i > 0 {
		c := a.chunks[i-1][off-a.starts[i-1]:]
		n, k := binary.Uvarint(c)
		return string(c[k : k+int(n)])
	}
	return a.read(off)
}

// read reads the string at off back from the spill file: its length, with
// as much of it as one small read holds, then the rest.
func (a *arena) read(off int64) string {
	if a.err != nil {
		return ""
	}
	var head [256]byte
	got, err := a.spill.ReadAt(head[:], off)
	if err != nil && (err != io.EOF || got == 0) {
		a.err = fmt.Errorf("read back spilled URL at offset %d: %w", off, err)
		return ""
	}
	n, k := binary.Uvarint(head[:got])
	if k <= 0 {
		a.err = fmt.Errorf("read back spilled URL at offset %d: bad length", off)
		return ""
	}
	if k+int(n) <= got {
		return string(head[k : k+int(n)])
	}
	buf := make([]byte, n)
	if _, err := a.spill.ReadAt(buf, off+int64(k)); err != nil {
		a.err = fmt.Errorf("read back spilled URL at offset %d: %w", off, err)
		return ""
	}
	return string(buf)
}

// chunkList holds values in chunks of listChunk, so that growing it never
// copies what is already there (a million kept postings are 90 MB) and a
// pointer to a value stays valid.
type chunkList[T any] struct {
	chunks [][]T
	n      int32
}

const listChunk = 1 << 12

func (l *chunkList[T]) at(i int32) *T { return &l.chunks[i/listChunk][i%listChunk] }

func (l *chunkList[T]) len() int32 { return l.n }

// add appends v and returns its index.
func (l *chunkList[T]) add(v T) int32 {
	if l.n%listChunk == 0 {
		l.chunks = append(l.chunks, make([]T, 0, listChunk))
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, v)
	l.n++
	return l.n - 1
}
