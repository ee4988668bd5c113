package analyze

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// stratifiedFit is the premium compared like with like in place: each
// country's gap of mean log pay, OpenStack minus Python, weighted by the
// country's OpenStack postings, over the countries that have both roles.
// It is the headline, since a region (or All regions) whose OpenStack
// postings sit in its better-paying countries shows a raw gap even when
// no country pays OpenStack roles more.
type stratifiedFit struct {
	clustered
	gap float64
	// countries are those in the estimate; leftOut those with postings of
	// one role only, holding leftOutOS and leftOutPy postings.
	countries, leftOut   int
	leftOutOS, leftOutPy int
}

var errNoCommonCountry = errors.New("no country has both OpenStack and Python postings")

// fitStratified estimates the stratified gap of a row's postings with its
// CR2 error clustered by employer: the regression of log pay on a
// country intercept and a country OpenStack indicator for every country
// with both roles, whose contrast Σ w_c·b_c is the estimate. clusterRow is
// scratch as clusterSums takes it.
func fitStratified(s *postings, obs []int32, clusterRow []int32) (stratifiedFit, error) {
	type stratum struct {
		n    [2]int // Python, OpenStack
		sum  [2]float64
		kept int32 // index among the countries kept, −1 when left out
	}
	local := make([]int32, s.countries)
	for i := range local {
		local[i] = -1
	}
	var strata []stratum
	for _, i := range obs {
		c := s.country[i]
		if local[c] < 0 {
			local[c] = int32(len(strata))
			strata = append(strata, stratum{})
		}
		st := &strata[local[c]]
		role := boolIndex(s.openstack[i])
		st.n[role]++
		st.sum[role] += s.logs[s.valueID[i]]
	}
	var f stratifiedFit
	totalOS := 0.0
	for k := range strata {
		st := &strata[k]
		st.kept = -1
		if st.n[0] == 0 || st.n[1] == 0 {
			f.leftOut++
			f.leftOutOS += st.n[1]
			f.leftOutPy += st.n[0]
			continue
		}
		st.kept = int32(f.countries)
		f.countries++
		totalOS += float64(st.n[1])
	}
	if f.countries == 0 {
		return f, errNoCommonCountry
	}
	k := 2 * f.countries
	ones := make([][]int, k)
	bread := mat.NewSymDense(k, nil)
	contrast := make([]float64, k)
	means := make([]float64, k)
	for _, st := range strata {
		if st.kept < 0 {
			continue
		}
		j := 2 * int(st.kept)
		n0, n1 := float64(st.n[0]), float64(st.n[1])
		ones[j], ones[j+1] = []int{j}, []int{j, j + 1}
		bread.SetSym(j, j, 1/n0)
		bread.SetSym(j, j+1, -1/n0)
		bread.SetSym(j+1, j+1, 1/n0+1/n1)
		w := n1 / totalOS
		contrast[j+1] = w
		means[j], means[j+1] = st.sum[0]/n0, st.sum[1]/n1
		f.gap += w * (means[j+1] - means[j])
	}
	kept := make([]int32, 0, len(obs))
	for _, i := range obs {
		if strata[local[s.country[i]]].kept >= 0 {
			kept = append(kept, i)
		}
	}
	row := func(k int) int32 {
		i := kept[k]
		return 2*strata[local[s.country[i]]].kept + int32(boolIndex(s.openstack[i]))
	}
	resid := func(k int) float64 { return s.logs[s.valueID[kept[k]]] - means[row(k)] }
	f.clustered = cr2(ones, bread, clusterSums(s, kept, k, row, resid, clusterRow), contrast)
	return f, nil
}

// describe says how the stratified estimate was made.
func (f stratifiedFit) describe() string {
	d := fmt.Sprintf("the headline: gap of mean ln pay within each country, weighted by its OpenStack postings, over %d %s with both roles",
		f.countries, plural(f.countries, "country", "countries"))
	if f.leftOut > 0 {
		d += fmt.Sprintf(" (%d %s with one role only left out: %d OpenStack and %d Python postings)",
			f.leftOut, plural(f.leftOut, "country", "countries"), f.leftOutOS, f.leftOutPy)
	}
	return d
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
