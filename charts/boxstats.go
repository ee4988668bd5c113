package charts

import (
	"cmp"
	"math"
	"slices"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/internal/quantile"
)

// PayPoint is the advertised pay of one posting in the estimate, for the
// distribution chart. Title and Company come from the posting as scraped
// and are shown only for outliers.
type PayPoint struct {
	Region    string
	Role      data.Role // data.RoleOpenStack or data.RolePython; others are ignored
	AnnualUSD float64   // USD per year
	Title     string
	Company   string
}

// boxStats is the five-number summary a box plot draws, in USD per year.
// Quartiles interpolate linearly between order statistics (type 7 of
// Hyndman and Fan, the default of R and NumPy), so they are the numbers a
// reader recomputing them from listings.parquet gets. The whiskers reach
// the most extreme postings within 1.5 interquartile ranges of the box
// (Tukey); postings beyond them are outliers, drawn one by one.
type boxStats struct {
	N                         int
	Low, Q1, Median, Q3, High float64 // Low and High: the whisker ends
	// Outliers are the ones drawn: all of them, or the maxDrawnOutliers
	// farthest from the median when there are more (OutlierCount).
	Outliers     []PayPoint
	OutlierCount int
}

// maxDrawnOutliers bounds the outliers drawn per box: on a million
// postings thousands fall beyond the whiskers, and drawing each would make
// the report tens of megabytes and the chart a smear. The farthest from
// the median, on a log scale, are the ones a reader asks about.
const maxDrawnOutliers = 100

// summarize computes the box of one group. It returns N = 0 and NaNs for
// an empty group. Points with pay that is not finite and positive are
// left out, as they are from the estimate.
func summarize(points []PayPoint) boxStats {
	var pay []PayPoint
	for _, p := range points {
		if p.AnnualUSD > 0 && !math.IsInf(p.AnnualUSD, 0) {
			pay = append(pay, p)
		}
	}
	nan := math.NaN()
	b := boxStats{N: len(pay), Low: nan, Q1: nan, Median: nan, Q3: nan, High: nan}
	if b.N == 0 {
		return b
	}
	// Stable, and ties broken by title and company, so the outliers come
	// out in the same order whatever order the listings were in.
	slices.SortStableFunc(pay, func(a, c PayPoint) int {
		return cmp.Or(cmp.Compare(a.AnnualUSD, c.AnnualUSD), cmp.Compare(a.Title, c.Title), cmp.Compare(a.Company, c.Company))
	})
	usd := make([]float64, b.N)
	for i, p := range pay {
		usd[i] = p.AnnualUSD
	}
	b.Q1, b.Median, b.Q3 = quantile.Type7(usd, 0.25), quantile.Type7(usd, 0.5), quantile.Type7(usd, 0.75)
	fence := 1.5 * (b.Q3 - b.Q1)
	b.Low, b.High = b.Q1, b.Q3
	for _, p := range pay {
		switch {
		case p.AnnualUSD < b.Q1-fence || p.AnnualUSD > b.Q3+fence:
			b.Outliers = append(b.Outliers, p)
		default:
			b.Low, b.High = math.Min(b.Low, p.AnnualUSD), math.Max(b.High, p.AnnualUSD)
		}
	}
	b.OutlierCount = len(b.Outliers)
	if b.OutlierCount > maxDrawnOutliers {
		// Stable, from pay order: ties keep the title order chosen above.
		far := slices.Clone(b.Outliers)
		dist := func(p PayPoint) float64 { return math.Abs(math.Log(p.AnnualUSD / b.Median)) }
		slices.SortStableFunc(far, func(a, c PayPoint) int { return cmp.Compare(dist(c), dist(a)) })
		far = far[:maxDrawnOutliers]
		slices.SortStableFunc(far, func(a, c PayPoint) int {
			return cmp.Or(cmp.Compare(a.AnnualUSD, c.AnnualUSD), cmp.Compare(a.Title, c.Title), cmp.Compare(a.Company, c.Company))
		})
		b.Outliers = far
	}
	return b
}

// regionBoxes is one region's pay: the box of each role.
type regionBoxes struct {
	Region            string
	OpenStack, Python boxStats
}

// payBoxes summarizes the pay points by region, in the order of regions
// and then any region only the points name; "All regions" and regions
// without a posting are left out.
func payBoxes(points []PayPoint, regions []string) []regionBoxes {
	regions = slices.Clone(regions)
	byRegion := map[string][2][]PayPoint{}
	for _, p := range points {
		g := byRegion[p.Region]
		switch p.Role {
		case data.RoleOpenStack:
			g[0] = append(g[0], p)
		case data.RolePython:
			g[1] = append(g[1], p)
		default:
			continue
		}
		byRegion[p.Region] = g
		if !slices.Contains(regions, p.Region) {
			regions = append(regions, p.Region)
		}
	}
	var out []regionBoxes
	for _, region := range regions {
		g, ok := byRegion[region]
		if !ok || region == data.RegionAll {
			continue
		}
		out = append(out, regionBoxes{Region: region, OpenStack: summarize(g[0]), Python: summarize(g[1])})
	}
	return out
}
