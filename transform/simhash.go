package transform

import "math/bits"

// simHash is Charikar's SimHash of a text given as word hashes: every
// three-word shingle votes on each of 64 bits, and a bit is set when most
// shingles have it set. Texts that share most shingles get hashes a few
// bits apart, so the Hamming distance of two hashes estimates how much of
// the text was changed: a reposted description with a new pay sentence
// stays within a few bits, an unrelated one is about 32 bits away.
//
// The votes are counted bit-sliced: plane k holds bit k of all 64 counters,
// so adding a shingle is a short ripple-carry over a few words instead of
// 64 separate increments. That keeps hashing a long description well under
// a microsecond, which the transform's throughput target needs.
func simHash(words []uint64) uint64 {
	const maxPlanes = 32 // counts up to 2³²−1 shingles
	var planes [maxPlanes]uint64
	used := 0
	add := func(f uint64) {
		carry := f
		for k := 0; carry != 0; k++ {
			t := planes[k] & carry
			planes[k] ^= carry
			carry = t
			if k+1 > used {
				used = k + 1
			}
		}
	}
	n := 0
	switch {
	case len(words) == 0:
		return 0
	case len(words) < 3:
		for _, w := range words {
			add(mix64(w))
			n++
		}
	default:
		for i := 0; i+2 < len(words); i++ {
			add(mix64(words[i] ^ bits.RotateLeft64(words[i+1], 21) ^ bits.RotateLeft64(words[i+2], 42)))
			n++
		}
	}
	// A bit is set when its count exceeds n/2 (rounded down): compare all
	// 64 counters with that threshold at once, from the highest plane.
	threshold := uint64(n / 2)
	var greater uint64
	equal := ^uint64(0)
	for k := max(used, bits.Len64(threshold)) - 1; k >= 0; k-- {
		t := -(threshold >> k & 1) // all ones when bit k of the threshold is set
		greater |= equal & planes[k] &^ t
		equal &^= planes[k] ^ t
	}
	return greater
}

// hamming is the number of bits in which two SimHashes differ.
func hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }
