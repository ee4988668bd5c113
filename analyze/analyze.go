package analyze

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/jobmarket/jobmarket/data"
)

// Result holds the premium rows and the data funnel.
type Result struct {
	// Premiums: All regions first, then each region in config order, then
	// data.RegionAnywhere when it has rows (see Regions); within
	// each, quarter "all" first, then quarters in time order, then the
	// change between the last two quarters ("2026Q2/2026Q3"); within each
	// of those, one row per method in the order stratified, raw, raw_bca
	// and raw_percentile (when Config.IndependentRows), median, adjusted,
	// pooled_eb (a change row has method change).
	Premiums []data.Premium
	Funnel   []data.Funnel // one per source, in order of first appearance
	// Regions are the regions with rows, after All regions: the input's,
	// then data.RegionAnywhere when both groups have
	// Config.MinGroupSize postings open anywhere.
	Regions []string
	// DataFrom and DataTo are the first and last posting dates among the
	// listings in the All regions estimate, "2006-01-02".
	DataFrom, DataTo string
}

// Estimate computes every row from the listings added. A Sample can be
// estimated once.
func (s *Sample) Estimate(ctx context.Context) (Result, error) {
	p, err := s.freeze()
	if err != nil {
		return Result{}, err
	}
	cells, err := estimateRows(ctx, s.cfg, p.regions, p, cellScope{quartersOnly: s.quartersOnly, headlineOnly: s.headlineOnly}, s.progress)
	if err != nil {
		return Result{}, err
	}
	rows := assemble
	if s.headlineOnly {
		rows = assembleHeadline
	}
	res := Result{Premiums: rows(s.cfg, p, cells), Regions: p.regions, DataFrom: p.dataFrom, DataTo: p.dataTo}
	for _, source := range s.funnelOrder {
		res.Funnel = append(res.Funnel, *s.funnel[source])
	}
	return res, nil
}

// scratch holds one worker's buffers, sized to the sample and kept zeroed
// (or −1) between rows.
type scratch struct {
	valueCount []int32   // per pay value
	cellCount  []int32   // per covariate cell
	cellSum    []float64 // per covariate cell
	cellRow    []int32   // per covariate cell, −1
	clusterRow []int32   // per cluster, −1
}

func newScratch(s *postings) *scratch {
	fill := func(n int) []int32 {
		b := make([]int32, n)
		for i := range b {
			b[i] = -1
		}
		return b
	}
	return &scratch{
		valueCount: make([]int32, len(s.values)),
		cellCount:  make([]int32, len(s.cells.os)),
		cellSum:    make([]float64, len(s.cells.os)),
		cellRow:    fill(len(s.cells.os)),
		clusterRow: fill(s.clusters),
	}
}

// cellScope says which cells estimateRows computes and how much of each.
type cellScope struct {
	// quartersOnly leaves the cells over all quarters (q = 0) nil.
	quartersOnly bool
	// headlineOnly computes only the cells over all quarters (the others
	// nil), and of each only what its stratified row needs.
	headlineOnly bool
}

// estimateRows computes every (region, quarter) cell of scope, in
// parallel over cells. Each cell draws from its own generators, so the result does not
// depend on how cells are scheduled, nor on which other cells are
// computed. progress, when not nil, is told after each cell how many are
// done of how many, one call at a time.
func estimateRows(ctx context.Context, cfg Config, regions []string, s *postings, scope cellScope, progress func(done, total int)) ([][]*cellEstimate, error) {
	out := make([][]*cellEstimate, len(s.rows))
	type job struct{ r, q int }
	var jobs []job
	for r := range s.rows {
		out[r] = make([]*cellEstimate, len(s.rows[r]))
		for q := range s.rows[r] {
			if (scope.quartersOnly && q == 0) || (scope.headlineOnly && q > 0) {
				continue
			}
			jobs = append(jobs, job{r, q})
		}
	}
	names := append([]string{data.RegionAll}, regions...)
	quarters := append([]string{data.QuarterAll}, s.quarters...)
	var next atomic.Int64
	var wg sync.WaitGroup
	var told sync.Mutex
	done := 0
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scr := newScratch(s)
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) || ctx.Err() != nil {
					return
				}
				j := jobs[i]
				out[j.r][j.q] = estimateCell(cfg, s, names[j.r], quarters[j.q], s.rows[j.r][j.q], scr, scope.headlineOnly)
				out[j.r][j.q].bad = s.badPay[j.r][j.q]
				if progress != nil {
					told.Lock()
					done++
					progress(done, len(jobs))
					told.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
