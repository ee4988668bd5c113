package analyze

import (
	"hash/fnv"
	"math"
	"math/bits"
	"math/rand/v2"
)

// Streams name what a generator is for, so the two bootstraps of one row
// draw from unrelated sequences.
const (
	streamBootstrap = "bootstrap"
	streamEmployers = "employer bootstrap"
)

// rowRand returns the generator for one purpose of one estimate row. It is
// seeded from the config seed and the row's name rather than drawn from a
// shared stream, so a row's interval does not change when rows are added,
// removed or computed in parallel.
func rowRand(seed uint64, region, quarter, stream string) *rand.PCG {
	h := fnv.New64a()
	h.Write([]byte(region))
	h.Write([]byte{0})
	h.Write([]byte(quarter))
	if stream != streamBootstrap {
		// The bootstrap stream keeps the hash the first release used.
		h.Write([]byte{0})
		h.Write([]byte(stream))
	}
	return rand.NewPCG(seed, h.Sum64())
}

// sampler draws the random variates the estimates need from one seeded
// generator. Every algorithm is written out rather than taken from
// math/rand/v2 or a library, so that the draws, and so every published
// interval, cannot change with the Go release.
type sampler struct {
	src *rand.PCG
}

func newSampler(src *rand.PCG) *sampler { return &sampler{src: src} }

// index draws a uniform integer in [0, n) with Lemire's multiply-and-reject
// method.
func (s *sampler) index(n int) int {
	bound := uint64(n)
	hi, lo := bits.Mul64(s.src.Uint64(), bound)
	if lo < bound {
		threshold := -bound % bound
		for lo < threshold {
			hi, lo = bits.Mul64(s.src.Uint64(), bound)
		}
	}
	return int(hi)
}

// uniform draws a float64 in the open interval (0, 1): the 53 high bits of
// one draw, offset by half a step so that neither 0 nor 1 can occur (the
// samplers take logarithms of it).
func (s *sampler) uniform() float64 {
	return (float64(s.src.Uint64()>>11) + 0.5) * 0x1p-53
}

// lgamma is ln Γ(x) for x > 0.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// smallLogFact[k] is ln k! for k < 126, as numpy tabulates it.
var smallLogFact = func() []float64 {
	t := make([]float64, 126)
	for k := range t {
		t[k] = lgamma(float64(k) + 1)
	}
	return t
}()

// lnFact is ln k! for a whole number k ≥ 0: from a small table, beyond it
// from the Stirling series to the 1/k³ term, within 2 ulp of the exact
// value for k up to 10⁷ (numpy's logfactorial). A table of every k would
// be exact too but slower: its lookups miss the cache.
func lnFact(k float64) float64 {
	if k < float64(len(smallLogFact)) {
		return smallLogFact[int(k)]
	}
	const halfLn2Pi = 0.9189385332046728
	return (k+0.5)*math.Log(k) - k + (halfLn2Pi + (1/k)*(1/12.0-1/(360.0*k*k)))
}

// stirlingTail is ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π], the
// correction BTRS's acceptance bound needs, tabulated below 10 and from
// its series beyond (error under 10⁻¹⁰), as in Hörmann's paper.
func stirlingTail(k float64) float64 {
	if k <= 9 {
		return stirlingTails[int(k)]
	}
	kp1sq := (k + 1) * (k + 1)
	return (1.0/12 - (1.0/360-1.0/1260/kp1sq)/kp1sq) / (k + 1)
}

var stirlingTails = [10]float64{0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
	0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917,
	0.0104112652619720, 0.00925546218271273, 0.00833056343336287}
