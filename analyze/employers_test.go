package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
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

// employerGroupOf builds the employer group of one region's postings of
// role (company, pay).
func employerGroupOf(t *testing.T, role data.Role, posts [][2]any) *employerGroup {
	t.Helper()
	var ls []data.Listing
	for _, p := range posts {
		ls = append(ls, data.Listing{Region: "R", Role: role, Company: p[0].(string), SalaryAnnualUSD: p[1].(float64), SalarySource: data.PaySourceEmployer})
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
	return newEmployerGroup(s, obs, func(int32) bool { return true }, g, scr.valueCount)
}

// TestWoodruffLogSE checks Woodruff's interval on a case worked by hand.
// Pay 90, 100, 100, 100, 110, 120, 130 (thousand) from employers A (100,
// 100), B (110, 120), C (90), D (100, 130): the median is 100 and 4 of 7
// postings are at or below it, F = 4/7; the employers' a − F·n are 6/7,
// −8/7, 3/7, −1/7 and their leverages n/N 2/7, 2/7, 1/7, 2/7, so
// var F = ((36 + 64 + 1)/49 / (5/7) + 9/49 / (6/7)) / 49 = 31/490
// (se_F = 0.2515) on Bell–McCaffrey df (1/49) / ((12/245 + 1/294)² +
// 3·(12/7)/35² + (5/7)/42²) = 25/9. At 50% confidence t(25/9) lies
// between t(3) = 0.765 and t(2) = 0.816, so t·se_F is 0.19–0.21 and the
// interval is [Q(≈0.30), Q(≈0.70)] = [100, 110] (2.1 and 4.9 of 7
// postings): the log median's SE is ln(1.1) / 2t.
func TestWoodruffLogSE(t *testing.T) {
	e := employerGroupOf(t, data.RoleOpenStack, [][2]any{{"A", 100e3}, {"A", 100e3}, {"B", 110e3}, {"B", 120e3}, {"C", 90e3}, {"D", 100e3}, {"D", 130e3}})
	med := e.g.medianOf(e.g.freq)
	if med != 100e3 {
		t.Fatalf("median %v, want 100000", med)
	}
	se, df := e.woodruffLogSE(med, 0.5)
	if math.Abs(df-25.0/9) > 1e-12 {
		t.Errorf("df %.12f, want 25/9", df)
	}
	q := tQuantile(25.0/9, 0.5)
	if q < 0.765 || q > 0.816 {
		t.Fatalf("t(25/9) = %v, not between t(3) and t(2)", q)
	}
	if want := math.Log(1.1) / (2 * q); math.Abs(se-want) > 1e-12 {
		t.Errorf("log SE %.7f, want %.7f", se, want)
	}
	// At 95%, t·se_F ≈ 3.4 · 0.25 reaches past both ends: the whole range.
	wide := (math.Log(130e3) - math.Log(90e3)) / (2 * tQuantile(25.0/9, 0.95))
	if got, _ := e.woodruffLogSE(med, 0.95); math.Abs(got-wide) > 1e-12 {
		t.Errorf("log SE at 95%% %.7f, want %.7f", got, wide)
	}
}

// TestMedianIntervalRegimes checks that the median's interval is the
// employer bootstrap below woodruffMinEmployers on either side and
// Woodruff's from it on, and that both say so.
func TestMedianIntervalRegimes(t *testing.T) {
	posts := func(role data.Role, emps int) [][2]any {
		var out [][2]any
		for e := range emps {
			for k := range 3 {
				out = append(out, [2]any{fmt.Sprint(role, e), float64(80_000 + 1000*((e*7+k*3)%40))})
			}
		}
		return out
	}
	cfg := DefaultConfig()
	cfg.Bootstrap = 200
	for _, c := range []struct {
		os, py int
		want   string
	}{{woodruffMinEmployers, woodruffMinEmployers, "Woodruff"}, {woodruffMinEmployers - 1, 2 * woodruffMinEmployers, "bootstrap"}} {
		os, py := employerGroupOf(t, data.RoleOpenStack, posts(data.RoleOpenStack, c.os)), employerGroupOf(t, data.RolePython, posts(data.RolePython, c.py))
		medOS, medPy := os.g.medianOf(os.g.freq), py.g.medianOf(py.g.freq)
		lo, hi, se, how, err := medianInterval(cfg, newSampler(rand.NewPCG(1, 2)), os, py, medOS, medPy)
		if err != nil {
			t.Fatal(err)
		}
		gap := math.Log(medOS / medPy)
		if !strings.Contains(how, c.want) || !(lo <= gap && gap <= hi) || !(se > 0) {
			t.Errorf("%d/%d employers: [%.4f, %.4f] around %.4f, SE %.4f, %q; want a %s interval around the gap", c.os, c.py, lo, hi, gap, se, how, c.want)
		}
	}
}
