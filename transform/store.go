package transform

// Duplicate detection remembers every distinct posting of a stream, so
// its stores grow to millions of entries. These grow in chunks: nothing
// already stored is copied again, and what holds no pointers stays out of
// the garbage collector's sight.

// arena stores strings in large byte chunks, out of the collector's sight.
type arena struct{ chunks [][]byte }

// arenaRef locates a string in an arena.
type arenaRef struct{ chunk, off, len uint32 }

const arenaChunk = 1 << 20

func (a *arena) add(s string) arenaRef {
	n := len(a.chunks)
	if n == 0 || len(a.chunks[n-1])+len(s) > cap(a.chunks[n-1]) {
		a.chunks = append(a.chunks, make([]byte, 0, max(arenaChunk, len(s))))
		n++
	}
	c := &a.chunks[n-1]
	ref := arenaRef{uint32(n - 1), uint32(len(*c)), uint32(len(s))}
	*c = append(*c, s...)
	return ref
}

func (a *arena) get(r arenaRef) string {
	return string(a.chunks[r.chunk][r.off : r.off+r.len])
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
