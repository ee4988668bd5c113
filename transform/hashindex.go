package transform

// hashIndex maps 64-bit hashes to indexes: an open-addressing table with
// linear probing. The keys are already well-mixed hashes, so a key's low
// bits are its slot and nothing is hashed again; slots are 12 bytes with
// no pointers. Duplicate detection does two lookups and two inserts per
// posting in tables of millions, where this is about twice as fast as a
// map and invisible to the garbage collector.
type hashIndex struct {
	keys []uint64 // 0 marks an empty slot
	vals []int32
	n    int
}

// fixKey keeps 0 free for empty slots.
func fixKey(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func (h *hashIndex) get(k uint64) (int32, bool) {
	if h.n == 0 {
		return 0, false
	}
	k = fixKey(k)
	mask := uint64(len(h.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch h.keys[i] {
		case k:
			return h.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (h *hashIndex) set(k uint64, v int32) {
	if 2*(h.n+1) > len(h.keys) {
		h.grow(max(16, 2*len(h.keys)))
	}
	k = fixKey(k)
	mask := uint64(len(h.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch h.keys[i] {
		case k:
			h.vals[i] = v
			return
		case 0:
			h.keys[i], h.vals[i] = k, v
			h.n++
			return
		}
	}
}

// grow rehashes into size slots (a power of two).
func (h *hashIndex) grow(size int) {
	old, oldVals := h.keys, h.vals
	h.keys, h.vals, h.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old {
		if k != 0 {
			h.set(k, oldVals[i])
		}
	}
}

// reserve sizes the table for n keys.
func (h *hashIndex) reserve(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if size > len(h.keys) {
		h.grow(size)
	}
}
