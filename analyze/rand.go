package analyze

import (
	"hash/fnv"
	"math/bits"
	"math/rand/v2"
)

// rowRand returns the generator for one estimate row. It is seeded from the
// config seed and the row's name rather than drawn from a shared stream, so
// a row's interval does not change when rows are added, removed or
// computed in parallel.
func rowRand(seed uint64, region, quarter string) *rand.PCG {
	h := fnv.New64a()
	h.Write([]byte(region))
	h.Write([]byte{0})
	h.Write([]byte(quarter))
	return rand.NewPCG(seed, h.Sum64())
}

// index draws a uniform integer in [0, n) with Lemire's multiply-and-reject
// method. It is written out rather than taken from math/rand/v2's IntN so
// that the draws, and so every published interval, cannot change with the
// Go release.
func index(src *rand.PCG, n int) int {
	bound := uint64(n)
	hi, lo := bits.Mul64(src.Uint64(), bound)
	if lo < bound {
		threshold := -bound % bound
		for lo < threshold {
			hi, lo = bits.Mul64(src.Uint64(), bound)
		}
	}
	return int(hi)
}
