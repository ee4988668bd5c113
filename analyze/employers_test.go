package analyze

import (
	"math/rand/v2"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestEmployerGroup checks that a group's postings are sorted into
// employers, each posting without a company on its own, and that a
// resample of employers draws whole employers.
func TestEmployerGroup(t *testing.T) {
	var ls []data.Listing
	for _, p := range []struct {
		company string
		pay     float64
	}{{"A", 100000}, {"B", 90000}, {"A", 120000}, {"", 80000}, {"A", 100000}, {"", 80000}} {
		ls = append(ls, data.Listing{Region: "R", Role: data.RoleOpenStack, Company: p.company, SalaryAnnualUSD: p.pay, SalarySource: data.PaySourceEmployer})
	}
	s, err := collect(DefaultConfig(), []string{"R"}, ls)
	if err != nil {
		t.Fatal(err)
	}
	obs := s.rows[1][0]
	scr := newScratch(s)
	ids := make([]int32, len(obs))
	for k, i := range obs {
		ids[k] = s.valueID[i]
	}
	g := newGroup(ids, s.values, s.logs, scr.valueCount)
	e := newEmployerGroup(s, obs, func(int32) bool { return true }, g, scr.valueCount)
	if got := e.employers(); got != 4 {
		t.Fatalf("%d employers, want 4 (A, B and two postings without a company)", got)
	}
	// Employer A (first seen) holds 100k twice and 120k once.
	if a := e.count[e.start[0]:e.start[1]]; len(a) != 2 || a[0] != 2 || a[1] != 1 {
		t.Errorf("employer A's counts %v, want [2 1]", a)
	}
	for _, v := range scr.valueCount {
		if v != 0 {
			t.Fatal("scratch left dirty")
		}
	}
	sizes := map[int]bool{}
	counts := make([]int32, len(g.freq))
	smp := newSampler(rand.NewPCG(1, 2))
	for range 200 {
		n := e.resample(smp, counts)
		sum := 0
		for _, c := range counts {
			sum += int(c)
		}
		if sum != n || n < 4 || n > 12 {
			t.Fatalf("resample of %d postings, counts sum to %d", n, sum)
		}
		sizes[n] = true
	}
	if len(sizes) < 3 {
		t.Errorf("resample sizes %v: whole employers of different sizes should give different totals", sizes)
	}
}
