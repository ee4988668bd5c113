package data

import (
	"fmt"
	"slices"
	"strings"
)

// methods are the Method* constants in the order a (region, quarter)
// pair's rows come in premium_by_region.
var methods = []string{MethodStratified, MethodRaw, MethodRawBCA, MethodRawPercentile, MethodMedian, MethodAdjusted, MethodPooled, MethodChange}

// Methods returns the Method* constants in row order.
func Methods() []string { return slices.Clone(methods) }

// MethodRank is the place of method among the Method* constants in row
// order (MethodStratified is 0), and false for a method that is none of them.
func MethodRank(method string) (int, bool) {
	i := slices.Index(methods, method)
	return i, i >= 0
}

// CheckMethods returns an error naming the first row whose Method is none
// of the Method* constants, such as a file written by an older jobmarket
// whose methods were free text.
func CheckMethods(rows []Premium) error {
	for i, p := range rows {
		if _, ok := MethodRank(p.Method); !ok {
			return fmt.Errorf("row %d (%s, %s): unknown method %q (known: %s)",
				i+1, p.Region, p.Quarter, p.Method, strings.Join(methods, ", "))
		}
	}
	return nil
}
