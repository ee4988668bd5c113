package analyze

import (
	"cmp"
	"math"
	"slices"
)

// employerGroup is one side of a row (its OpenStack or its Python
// postings) as employers: for each employer, how many of its postings
// state each of the group's distinct pay values. A posting without a
// company is an employer of its own.
type employerGroup struct {
	g *group
	// start[e]:start[e+1] are employer e's atoms: a distinct value of g
	// (an index into g.usd) and how many of its postings state it.
	start []int32
	value []int32
	count []int32
}

// newEmployerGroup sorts the postings obs of group g into employers.
// isMember says which postings of obs belong to g. local is scratch of one
// entry per global pay value, all 0, returned so.
func newEmployerGroup(s *postings, obs []int32, isMember func(i int32) bool, g *group, local []int32) *employerGroup {
	for k, id := range g.ids {
		local[id] = int32(k)
	}
	type atom struct{ company, value int32 }
	atoms := make([]atom, 0, g.n)
	for _, i := range obs {
		if isMember(i) {
			atoms = append(atoms, atom{s.company[i], local[s.valueID[i]]})
		}
	}
	for _, id := range g.ids {
		local[id] = 0
	}
	slices.SortFunc(atoms, func(a, b atom) int {
		return cmp.Or(cmp.Compare(a.company, b.company), cmp.Compare(a.value, b.value))
	})
	e := &employerGroup{g: g}
	for k, a := range atoms {
		if k == 0 || a.company != atoms[k-1].company {
			e.start = append(e.start, int32(len(e.value)))
		}
		if k == 0 || a != atoms[k-1] {
			e.value = append(e.value, a.value)
			e.count = append(e.count, 0)
		}
		e.count[len(e.count)-1]++
	}
	e.start = append(e.start, int32(len(e.value)))
	return e
}

// employers is how many employers the group holds.
func (e *employerGroup) employers() int { return len(e.start) - 1 }

// resample draws as many employers as the group holds, with replacement,
// and fills counts (one per distinct value of the group) with their
// postings; it returns how many postings that is.
func (e *employerGroup) resample(s *sampler, counts []int32) int {
	clear(counts)
	n, m := 0, e.employers()
	for range m {
		j := s.index(m)
		for a := e.start[j]; a < e.start[j+1]; a++ {
			counts[e.value[a]] += e.count[a]
			n += int(e.count[a])
		}
	}
	return n
}

// employerMedians is the bootstrap distribution of the log ratio of median
// pay, OpenStack over Python, resampling employers within each role (a
// company posting both roles is drawn separately on each side): b rounds,
// OpenStack first in each. Resampling employers rather than postings keeps
// what an employer's postings share, so the interval widens as much as
// employers differ.
func employerMedians(s *sampler, os, py *employerGroup, b int) []float64 {
	out := make([]float64, b)
	cOS, cPy := make([]int32, len(os.g.freq)), make([]int32, len(py.g.freq))
	for i := range b {
		nOS := os.resample(s, cOS)
		nPy := py.resample(s, cPy)
		out[i] = math.Log(os.g.medianAt(cOS, nOS) / py.g.medianAt(cPy, nPy))
	}
	return out
}
