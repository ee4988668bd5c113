package transform_test

import (
	"bufio"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/transform"
)

type payCase struct {
	line             int
	text, country    string
	min, max         float64 // NaN: not stated
	currency, period string  // both empty: no pay
	note             string
}

// loadPayCases reads testdata/salary-cases.tsv: real-world pay strings with
// the parse a careful reader gives them (copied from ../shared/testdata).
func loadPayCases(t testing.TB) []payCase {
	f, err := os.Open("testdata/salary-cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []payCase
	sc := bufio.NewScanner(f)
	line := 0
	header := true
	for sc.Scan() {
		line++
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		for len(cols) < 7 {
			cols = append(cols, "")
		}
		num := func(s string) float64 {
			if s == "" {
				return math.NaN()
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("salary-cases.tsv:%d: %v", line, err)
			}
			return v
		}
		cases = append(cases, payCase{line, cols[0], cols[1], num(cols[2]), num(cols[3]), cols[4], cols[5], cols[6]})
	}
	return cases
}

func sameNum(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-9
}

// knownGaps are lines of salary-cases.tsv the parser does not read right
// yet (lakh/crore words, non-English period words, odd separators); the
// normalization issue closes them. The test fails when one starts passing,
// so this list only shrinks.
var knownGaps = map[int]bool{
	33: true, 35: true, 50: true, 52: true, 53: true, 54: true, 57: true, 58: true, 65: true, 69: true,
	77: true, 84: true, 86: true, 89: true, 92: true, 94: true, 99: true, 101: true, 102: true, 111: true,
	112: true, 115: true, 122: true, 124: true, 125: true, 127: true, 142: true, 143: true, 144: true,
	145: true, 156: true, 157: true,
}

func TestParsePaySharedCases(t *testing.T) {
	for _, tc := range loadPayCases(t) {
		got, err := transform.ParsePay(tc.text, tc.country)
		noPay := tc.currency == "" && tc.period == "" && math.IsNaN(tc.min) && math.IsNaN(tc.max)
		right := (noPay && errors.Is(err, transform.ErrNoPay)) || (!noPay && err == nil &&
			sameNum(got.Min, tc.min) && sameNum(got.Max, tc.max) && got.Currency == tc.currency && string(got.Period) == tc.period)
		if knownGaps[tc.line] {
			if right {
				t.Errorf("line %d: ParsePay(%q) is now right: remove it from knownGaps", tc.line, tc.text)
			}
			continue
		}
		switch {
		case noPay && err == nil:
			t.Errorf("line %d: ParsePay(%q) = %v %v %s %s, want no pay (%s)", tc.line, tc.text, got.Min, got.Max, got.Currency, got.Period, tc.note)
		case noPay:
			if !errors.Is(err, transform.ErrNoPay) {
				t.Errorf("line %d: ParsePay(%q) error %v does not wrap ErrNoPay", tc.line, tc.text, err)
			}
		case err != nil:
			t.Errorf("line %d: ParsePay(%q): %v; want %v-%v %s %s", tc.line, tc.text, err, tc.min, tc.max, tc.currency, tc.period)
		case !sameNum(got.Min, tc.min) || !sameNum(got.Max, tc.max) || got.Currency != tc.currency || string(got.Period) != tc.period:
			t.Errorf("line %d: ParsePay(%q) = %v-%v %s %s, want %v-%v %s %s (%s)", tc.line, tc.text,
				got.Min, got.Max, got.Currency, got.Period, tc.min, tc.max, tc.currency, tc.period, tc.note)
		}
	}
}
