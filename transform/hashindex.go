package transform

// hashIndex maps 64-bit hashes to indexes: an open-addressing table with
// linear probing. The keys are already well-mixed hashes, so a key's low
// bits are its slot and nothing is hashed again; a slot holds its key and
// value side by side, so a hit costs one cache miss, and no pointers.
// Duplicate detection does two lookups and two inserts per posting in
// tables of millions, where this is about twice as fast as a map and
// invisible to the garbage collector. It is at most three quarters full:
// ten million postings then take 256 MB instead of the 512 MB half full
// would, and a miss still reads only a few cache lines of slots.
type hashIndex struct {
	slots []hashSlot
	n     int
}

type hashSlot struct {
	key uint64 // 0 marks an empty slot
	val int32
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
	mask := uint64(len(h.slots) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch s := &h.slots[i]; s.key {
		case k:
			return s.val, true
		case 0:
			return 0, false
		}
	}
}

func (h *hashIndex) set(k uint64, v int32) {
	if 4*(h.n+1) > 3*len(h.slots) {
		h.grow(max(16, 2*len(h.slots)))
	}
	k = fixKey(k)
	mask := uint64(len(h.slots) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch s := &h.slots[i]; s.key {
		case k:
			s.val = v
			return
		case 0:
			*s = hashSlot{k, v}
			h.n++
			return
		}
	}
}

// grow rehashes into size slots (a power of two).
func (h *hashIndex) grow(size int) {
	old := h.slots
	h.slots, h.n = make([]hashSlot, size), 0
	for _, s := range old {
		if s.key != 0 {
			h.set(s.key, s.val)
		}
	}
}

// reserve sizes the table for n keys.
func (h *hashIndex) reserve(n int) {
	size := 16
	for 3*size < 4*n {
		size *= 2
	}
	if size > len(h.slots) {
		h.grow(size)
	}
}
