package analyze

import "math"

// group is one side of a comparison (the OpenStack or the Python postings
// of a row) held as its distinct pay values in ascending order with how
// many postings state each. Advertised pay takes few distinct values
// (ranges are rounded to a thousand, midpoints repeat), so a resample is
// described exactly by how many times it draws each value, and everything
// the estimates need — the mean log pay, the median — can be read off
// those counts.
type group struct {
	n    int
	ids  []int32   // global value index of each distinct value, ascending
	usd  []float64 // distinct pay, ascending, USD per year
	logs []float64 // natural logs of usd
	freq []int32   // postings at each distinct value
	// meanLog is Σ freq·logs / n, summed in the order resamples are, so
	// that a resample equal to the data gives exactly this value.
	meanLog float64

	// How resample draws: by Poissonization (set when cheapest), by a
	// chain of binomials over units, or one posting at a time through slot
	// (units nil).
	poisson *poissonScheme
	slot    []int32 // position in the sorted expansion of the data → distinct value
	units   []unit
}

// unit is what the count scheme draws one binomial for: a common value on
// its own, or a bucket of rare values whose count is then dealt out one
// posting at a time through slot[first:first+size].
type unit struct {
	value  int32 // the distinct value, or −1 for a bucket
	size   int32 // postings in the unit
	offset int32 // a bucket's start in slot
}

// Tuning of the resampling schemes, measured with BenchmarkResample; they
// change speed, never the distribution.
const (
	// directCost is how many one-by-one draws cost as much as one binomial
	// draw of the chain: with fewer postings than this many per unit, a
	// resample draws postings one by one.
	directCost = 20
	// rareFreq: values held by fewer postings go into buckets, since a
	// binomial with a small mean costs more than dealing its draws out.
	rareFreq = 16
	// bucketSize is the fewest postings a bucket of rare values collects.
	bucketSize = 32
)

// newGroup builds a group from the global value index of each posting.
// values and logs are the global distinct pay values (ascending) and their
// logs; scratch is a zeroed buffer of len(values), returned zeroed.
func newGroup(valueIDs []int32, values, logs []float64, scratch []int32) *group {
	g := &group{n: len(valueIDs)}
	if g.n == 0 {
		return g
	}
	for _, id := range valueIDs {
		scratch[id]++
	}
	for id, f := range scratch {
		if f == 0 {
			continue
		}
		g.ids = append(g.ids, int32(id))
		g.usd = append(g.usd, values[id])
		g.logs = append(g.logs, logs[id])
		g.freq = append(g.freq, f)
		scratch[id] = 0
	}
	g.meanLog = g.meanOf(g.freq)
	g.plan()
	if poissonCost(g) < chainCost(g) {
		g.poisson = newPoissonScheme(g)
	}
	return g
}

// chainCost is the time of one resample by the plan's scheme, binomial
// chain or one by one, in units of one posting drawn one by one.
func chainCost(g *group) float64 {
	if g.units == nil {
		return float64(g.n)
	}
	return float64(len(g.units)*directCost + len(g.slot))
}

// plan chooses how resample draws: units of common values and buckets of
// rare ones when that costs fewer binomials than postings, else one
// posting at a time.
func (g *group) plan() {
	bucket := -1 // the open bucket's index in units
	for k, f := range g.freq {
		if f >= rareFreq {
			g.units = append(g.units, unit{value: int32(k), size: f})
			continue
		}
		if bucket < 0 || g.units[bucket].size >= bucketSize {
			bucket = len(g.units)
			g.units = append(g.units, unit{value: -1, offset: int32(len(g.slot))})
		}
		for range f {
			g.slot = append(g.slot, int32(k))
		}
		g.units[bucket].size += f
	}
	if len(g.units)*directCost <= g.n {
		return
	}
	g.units = nil
	g.slot = g.slot[:0]
	for k, f := range g.freq {
		for range f {
			g.slot = append(g.slot, int32(k))
		}
	}
}

// meanOf is the mean log pay of a resample with counts.
func (g *group) meanOf(counts []int32) float64 {
	sum := 0.0
	for k, c := range counts {
		sum += float64(c) * g.logs[k]
	}
	return sum / float64(g.n)
}

// medianOf is the median pay (USD) of a resample with counts: the middle
// value, or the midpoint of the two middle values when n is even.
func (g *group) medianOf(counts []int32) float64 { return g.medianAt(counts, g.n) }

// medianAt is medianOf for counts that sum to n, which a resample of
// employers need not keep equal to the group's size.
func (g *group) medianAt(counts []int32, n int) float64 {
	lo, hi := (n-1)/2, n/2 // 0-based positions of the middle values
	seen := 0
	low := math.NaN()
	for k, c := range counts {
		seen += int(c)
		if math.IsNaN(low) && seen > lo {
			low = g.usd[k]
		}
		if seen > hi {
			if lo == hi {
				return low
			}
			return (low + g.usd[k]) / 2
		}
	}
	return math.NaN()
}

// resample fills counts with one bootstrap resample of the group: counts[k]
// is how many of n draws with replacement took distinct value k.
//
// Drawing n postings uniformly and counting them gives counts distributed
// Multinomial(n; freq/n); that is the one-by-one scheme. The count scheme
// draws the same multinomial exactly, by two of its properties: lumping
// values together gives the multinomial of the lumps (so a bucket's total
// is one count), and given a lump's total, its values' counts are
// multinomial within it (so a bucket's total is dealt out by draws from
// its postings). The lumps' counts are drawn as a chain of binomials —
// unit j takes Binomial(draws left, size_j / postings left) — which is the
// multinomial's factorization into conditionals. Cost: one binomial per
// unit plus one draw per resampled posting of a bucket, instead of one
// draw per posting. The Poisson scheme (see poissonScheme) draws the same
// multinomial from samplers set up once per value; plan picks whichever
// of the three is cheapest for the group.
func (g *group) resample(s *sampler, counts []int32) {
	if g.poisson != nil {
		g.poisson.resample(s, g.n, counts)
		return
	}
	clear(counts)
	if g.units == nil {
		for range g.n {
			counts[g.slot[s.index(g.n)]]++
		}
		return
	}
	left, leftSize := g.n, g.n
	for _, u := range g.units {
		if left == 0 {
			return
		}
		c := s.binomial(left, float64(u.size)/float64(leftSize))
		left -= c
		leftSize -= int(u.size)
		if u.value >= 0 {
			counts[u.value] = int32(c)
			continue
		}
		bucket := g.slot[u.offset : u.offset+u.size]
		for range c {
			counts[bucket[s.index(len(bucket))]]++
		}
	}
}
