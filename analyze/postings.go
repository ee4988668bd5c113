package analyze

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/jobmarket/jobmarket/data"
)

// postings is a Sample frozen for estimation: ids renumbered in sorted
// order, each posting's covariate cell assigned and the postings of each
// (region, quarter) listed.
type postings struct {
	values, logs []float64 // distinct pay (USD per year, ascending) and their natural logs
	valueID      []int32   // each posting's pay, as an index into values
	openstack    []bool
	cell         []int32 // each posting's covariate cell: OpenStack or not and its control levels
	company      []int32 // each posting's cluster
	country      []int32 // each posting's country id; countries counts them
	countries    int

	regions  []string // the regions with rows, after All regions
	quarters []string // quarters present, in time order
	cells    cellTable
	clusters int // number of distinct clusters
	// rows[r][q] lists the postings of region r (0 is All regions, then
	// config order) and quarter q (0 is all, then quarters), in the order
	// added; badPay[r][q] counts those left out for pay that is not a
	// positive finite number.
	rows   [][][]int32
	badPay [][]int

	dataFrom, dataTo string
}

// cellTable describes the covariate cells: every distinct combination of
// the OpenStack indicator and the control levels. Every control is
// categorical, so postings in one cell share their whole regression row.
type cellTable struct {
	controls []string   // control names, config order
	levels   [][]string // per control, level names sorted; level ids index them
	os       []bool     // per cell
	level    [][]int32  // per cell, per control: level id
}

var errEstimated = errors.New("analyze: Estimate called twice on one Sample")

// freeze renumbers and indexes the sample; the Sample is spent afterwards.
func (s *Sample) freeze() (*postings, error) {
	if s.done {
		return nil, errEstimated
	}
	s.done = true
	p := &postings{openstack: s.openstack, company: s.company, clusters: s.clusters, country: s.country, countries: len(s.countryOf),
		dataFrom: s.dataFrom, dataTo: s.dataTo, cells: cellTable{controls: s.cfg.Controls}}

	var quarterRank []int32
	p.quarters, quarterRank = renumber(s.quarters)
	rowQuarter := func(q int16) int { // 0 when unknown
		if q < 0 {
			return 0
		}
		return int(quarterRank[q]) + 1
	}

	// Pay values in ascending order.
	order := make([]int32, len(s.values))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(s.values[a], s.values[b]) })
	rank := make([]int32, len(order))
	p.values, p.logs = make([]float64, len(order)), make([]float64, len(order))
	for r, old := range order {
		rank[old] = int32(r)
		p.values[r] = s.values[old]
		p.logs[r] = math.Log(s.values[old])
	}
	p.valueID = s.valueID
	for i, id := range p.valueID {
		p.valueID[i] = rank[id]
	}

	// The postings of each row, sized first so no list grows by copying.
	// A posting open anywhere is in All regions only when the config says
	// so, and in a row of its own only when it has enough company.
	p.regions = slices.Clone(s.regions)
	if s.nAnywhere[0] >= s.cfg.MinGroupSize && s.nAnywhere[1] >= s.cfg.MinGroupSize {
		p.regions = append(p.regions, data.RegionAnywhere)
	}
	nRegions, nQuarters := len(p.regions)+1, len(p.quarters)+1
	rowsOf := func(r int16) []int {
		out := make([]int, 0, 2)
		if r != s.anywhere || s.cfg.RegionsIncludeAnywhere {
			out = append(out, 0)
		}
		if int(r) < nRegions {
			out = append(out, int(r))
		}
		return out
	}
	size := make([][]int, nRegions)
	p.rows, p.badPay = make([][][]int32, nRegions), make([][]int, nRegions)
	for r := range size {
		size[r] = make([]int, nQuarters)
		p.badPay[r] = make([]int, nQuarters)
	}
	for i := range p.valueID {
		q := rowQuarter(s.quarter[i])
		for _, r := range rowsOf(s.region[i]) {
			size[r][0]++
			if q > 0 {
				size[r][q]++
			}
		}
	}
	for r := range p.rows {
		p.rows[r] = make([][]int32, nQuarters)
		for q := range p.rows[r] {
			p.rows[r][q] = make([]int32, 0, size[r][q])
		}
	}
	for i := range p.valueID {
		q := rowQuarter(s.quarter[i])
		for _, r := range rowsOf(s.region[i]) {
			p.rows[r][0] = append(p.rows[r][0], int32(i))
			if q > 0 {
				p.rows[r][q] = append(p.rows[r][q], int32(i))
			}
		}
	}
	for key, n := range s.bad {
		if int(key[0]) >= nRegions {
			continue // the postings open anywhere, without a row
		}
		q := 0
		if key[1] > 0 {
			q = rowQuarter(key[1] - 1)
		}
		p.badPay[key[0]][q] += n
	}

	// Control levels in name order, so the reference level (the first)
	// does not depend on the order of the listings.
	p.cells.levels = make([][]string, len(s.cfg.Controls))
	for c := range s.cfg.Controls {
		var levelRank []int32
		p.cells.levels[c], levelRank = renumber(s.levels1[c])
		for i, lv := range s.levels[c] {
			s.levels[c][i] = levelRank[lv]
		}
	}
	if err := p.buildCells(s.levels); err != nil {
		return nil, err
	}
	s.levels, s.region, s.quarter = nil, nil, nil
	return p, nil
}

// buildCells assigns every posting its covariate cell from its level ids
// (levels[control][posting]).
func (p *postings) buildCells(levels [][]int32) error {
	t := &p.cells
	radix := uint64(2)
	for _, names := range t.levels {
		hi, lo := bits.Mul64(radix, uint64(max(1, len(names))))
		if hi != 0 || lo > 1<<62 {
			return fmt.Errorf("analysis.controls: too many combinations of control levels to hold in a 64-bit key")
		}
		radix = lo
	}
	cellOf := map[uint64]int32{}
	p.cell = make([]int32, len(p.valueID))
	for i := range p.cell {
		key := uint64(0)
		for c := range t.controls {
			key = key*uint64(len(t.levels[c])) + uint64(levels[c][i])
		}
		key *= 2
		if p.openstack[i] {
			key++
		}
		id, ok := cellOf[key]
		if !ok {
			id = int32(len(t.os))
			cellOf[key] = id
			t.os = append(t.os, p.openstack[i])
			lv := make([]int32, len(t.controls))
			for c := range t.controls {
				lv[c] = levels[c][i]
			}
			t.level = append(t.level, lv)
		}
		p.cell[i] = id
	}
	return nil
}

// controlLevel is the level of one control for a listing; "" (unknown) is
// a level of its own.
func controlLevel(control string, l *data.Listing) string {
	switch control {
	case ControlSeniority:
		return l.Seniority
	case ControlCountry:
		return l.Country
	case ControlRemote:
		if l.Remote {
			return "remote"
		}
		return "on-site"
	case ControlQuarter:
		return l.Quarter
	case ControlSource:
		return l.Source
	case ControlCompany:
		return l.Company
	}
	panic("analyze: unknown control " + control) // Validate rejects these
}

// collect builds the frozen postings of listings in one go (for tests).
func collect(cfg Config, regions []string, listings []data.Listing) (*postings, error) {
	s, err := NewSample(cfg, regions)
	if err != nil {
		return nil, err
	}
	for i := range listings {
		s.Add(&listings[i])
	}
	return s.freeze()
}
