package analyze

import "math"

// testGroup builds a group from pay values (USD), as a row would.
func testGroup(pay []float64) *group {
	seen := map[float64]bool{}
	var values []float64
	for _, v := range pay {
		if !seen[v] {
			seen[v] = true
			values = append(values, v)
		}
	}
	values = sorted(values)
	logs := make([]float64, len(values))
	index := map[float64]int32{}
	for i, v := range values {
		logs[i] = math.Log(v)
		index[v] = int32(i)
	}
	ids := make([]int32, len(pay))
	for i, v := range pay {
		ids[i] = index[v]
	}
	return newGroup(ids, values, logs, make([]int32, len(values)))
}

// twoGroups builds the OpenStack and Python groups of a row from pay
// (USD), sharing one value table as collect makes it.
func twoGroups(openstack, python []float64) (*group, *group) {
	seen := map[float64]bool{}
	var values []float64
	for _, v := range append(append([]float64{}, openstack...), python...) {
		if !seen[v] {
			seen[v] = true
			values = append(values, v)
		}
	}
	values = sorted(values)
	logs := make([]float64, len(values))
	index := map[float64]int32{}
	for i, v := range values {
		logs[i] = math.Log(v)
		index[v] = int32(i)
	}
	ids := func(pay []float64) []int32 {
		out := make([]int32, len(pay))
		for i, v := range pay {
			out[i] = index[v]
		}
		return out
	}
	scratch := make([]int32, len(values))
	return newGroup(ids(openstack), values, logs, scratch), newGroup(ids(python), values, logs, scratch)
}
