package analyze

import "math"

// Variance estimators of the adjusted row.
const (
	vcovCR1 = "CR1"
	vcovHC3 = "HC3"
)

// robust is a coefficient's standard error with how it was made.
type robust struct {
	se       []float64 // per kept column
	kind     string    // vcovCR1 or vcovHC3
	df       float64   // degrees of freedom of the t reference
	clusters int       // companies in the row
	// leverageOne counts postings alone in a control level (leverage 1):
	// their residual is 0 and HC3 cannot weigh them, so they add nothing.
	leverageOne int
}

// robustSE computes sandwich standard errors for every coefficient of a
// fitted design: clustered by company (CR1, as Stata's and statsmodels'
// cluster option: scale G/(G−1)·(N−1)/(N−K), t with G−1 degrees of
// freedom) when the row has at least minClusters companies, otherwise HC3
// (MacKinnon & White 1985: each squared residual over (1 − leverage)², t
// with N−K degrees of freedom), which is robust to unequal variances but
// assumes postings independent.
//
// Postings of one cell share their regressors, so the leverage is a
// cell's, and a company's score Σ xᵢeᵢ adds each posting's residual to the
// cell's columns. cellRow and clusterRow are scratch buffers of one entry
// per global cell and per cluster, all −1, returned so.
func (d *design) robustSE(s *postings, obs []int32, f fit, minClusters int, cellRow, clusterRow []int32) robust {
	for r, c := range d.cells {
		cellRow[c] = int32(r)
	}
	fitted := make([]float64, len(d.cells))
	for r := range d.cells {
		fitted[r] = d.fitted(f, r)
	}
	sqResid := make([]float64, len(d.cells))
	var scores [][]float64 // per cluster, per column
	var touched []int32
	for _, i := range obs {
		r := cellRow[s.cell[i]]
		e := s.logs[s.valueID[i]] - fitted[r]
		sqResid[r] += e * e
		g := s.company[i]
		if clusterRow[g] < 0 {
			clusterRow[g] = int32(len(scores))
			scores = append(scores, make([]float64, f.k))
			touched = append(touched, g)
		}
		sc := scores[clusterRow[g]]
		for _, j := range d.ones[r] {
			sc[j] += e
		}
	}
	for _, c := range d.cells {
		cellRow[c] = -1
	}
	for _, g := range touched {
		clusterRow[g] = -1
	}

	out := robust{se: make([]float64, f.k), clusters: len(scores)}
	n, k := float64(d.n), float64(f.k)
	variance := make([]float64, f.k)
	if out.clusters >= minClusters {
		out.kind, out.df = vcovCR1, float64(out.clusters-1)
		g := float64(out.clusters)
		scale := g / (g - 1) * (n - 1) / (n - k)
		for _, sc := range scores {
			for j := range f.k {
				u := 0.0 // row j of the bread times the score
				for l, v := range sc {
					u += f.bread.At(j, l) * v
				}
				variance[j] += scale * u * u
			}
		}
	} else {
		out.kind, out.df = vcovHC3, n-k
		for r := range d.cells {
			h := 0.0
			for _, j := range d.ones[r] {
				for _, l := range d.ones[r] {
					h += f.bread.At(j, l)
				}
			}
			if h > 1-1e-10 {
				out.leverageOne += int(d.size[r])
				continue
			}
			w := sqResid[r] / ((1 - h) * (1 - h))
			for j := range f.k {
				u := 0.0
				for _, l := range d.ones[r] {
					u += f.bread.At(j, l)
				}
				variance[j] += w * u * u
			}
		}
	}
	for j, v := range variance {
		out.se[j] = math.Sqrt(v)
	}
	return out
}
