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

// corpusCase is one line of testdata/pay-corpus.tsv: a description
// fragment with the pay a careful reader takes from it, or the context
// that makes its figures something other than the role's pay.
type corpusCase struct {
	line              int
	text              string
	country, location string
	min, max          float64 // NaN: not stated
	currency, period  string  // both empty on a trap line
	refused           string  // the trap's context; "" on a pay line
}

func loadCorpus(t testing.TB) []corpusCase {
	f, err := os.Open("testdata/pay-corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	line, header := 0, true
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
		if len(cols) != 8 {
			t.Fatalf("pay-corpus.tsv:%d: %d columns, want 8", line, len(cols))
		}
		num := func(s string) float64 {
			if s == "" {
				return math.NaN()
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("pay-corpus.tsv:%d: %v", line, err)
			}
			return v
		}
		c := corpusCase{line, strings.ReplaceAll(cols[0], `\n`, "\n"), cols[1], cols[2], num(cols[3]), num(cols[4]), cols[5], cols[6], cols[7]}
		if (c.refused == "") == (c.currency == "") {
			t.Fatalf("pay-corpus.tsv:%d: a line states pay (currency, period) or a refusal context, not both", line)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestPayCorpus reads every fragment of the corpus as a description and
// measures precision (of the pay read, the share that is the fragment's
// real pay) and recall (of the real pay, the share read right). A refusal
// must wrap ErrNoPay or ErrNotPayContext; how often its context names the
// trap's is printed, not asserted, since a trap often has several
// ("$40M in funding" beside "200 employees").
func TestPayCorpus(t *testing.T) {
	const minPrecision, minRecall = 0.97, 0.90
	var stated, read, right, traps, refusedRight, contextRight int
	for _, c := range loadCorpus(t) {
		opt := transform.PayOptions{Country: c.country, Location: c.location, Description: true}
		got, err := transform.ParsePayText(c.text, opt)
		if c.refused == "" {
			stated++
		} else {
			traps++
		}
		if err != nil {
			if !errors.Is(err, transform.ErrNoPay) && !errors.Is(err, transform.ErrNotPayContext) {
				t.Errorf("line %d: %q: error %v wraps neither ErrNoPay nor ErrNotPayContext", c.line, c.text, err)
			}
			if c.refused == "" {
				t.Logf("line %d: missed %v-%v %s %s in %q: %v", c.line, c.min, c.max, c.currency, c.period, c.text, err)
				continue
			}
			refusedRight++
			var pe *transform.PayError
			if errors.As(err, &pe) && (pe.Context == c.refused || c.refused == "none" && pe.Context == "") {
				contextRight++
			} else {
				t.Logf("line %d: refused %q as %q (%s), corpus says %s", c.line, c.text, pe.Context, pe.Reason, c.refused)
			}
			continue
		}
		read++
		if c.refused != "" {
			t.Logf("line %d: took %v-%v %s %s from a trap (%s): %q", c.line, got.Min, got.Max, got.Currency, got.Period, c.refused, c.text)
			continue
		}
		if !sameNum(got.Min, c.min) || !sameNum(got.Max, c.max) || got.Currency != c.currency || string(got.Period) != c.period {
			t.Logf("line %d: read %v-%v %s %s, want %v-%v %s %s: %q", c.line, got.Min, got.Max, got.Currency, got.Period,
				c.min, c.max, c.currency, c.period, c.text)
			continue
		}
		right++
	}
	precision, recall := float64(right)/float64(max(read, 1)), float64(right)/float64(max(stated, 1))
	t.Logf("pay corpus: %d fragments, %d state pay, %d traps", stated+traps, stated, traps)
	t.Logf("precision %.1f%% (%d of %d read), recall %.1f%% (%d of %d stated); traps refused %d of %d, with the corpus's context %d",
		100*precision, right, read, 100*recall, right, stated, refusedRight, traps, contextRight)
	if precision < minPrecision || recall < minRecall {
		t.Errorf("precision %.3f, recall %.3f; want at least %.2f and %.2f", precision, recall, minPrecision, minRecall)
	}
}
