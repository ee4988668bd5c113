package transform_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// corpusPosting is one labelled posting of testdata/role-corpus.
type corpusPosting struct {
	id, title, description string
	openstack, python      data.Level
}

// readCorpus reads the postings of one corpus file (format in
// testdata/role-corpus/README.md).
func readCorpus(t *testing.T, path string) []corpusPosting {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out    []corpusPosting
		cur    *corpusPosting
		inBody bool
		body   []string
	)
	flush := func() {
		if cur != nil {
			cur.description = strings.TrimSpace(strings.Join(body, "\n"))
			out = append(out, *cur)
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if id, ok := strings.CutPrefix(line, "=== "); ok {
			flush()
			cur, inBody, body = &corpusPosting{id: id}, false, nil
			continue
		}
		if cur == nil {
			t.Fatalf("%s: text before the first posting: %q", path, line)
		}
		if inBody {
			body = append(body, line)
			continue
		}
		key, value, _ := strings.Cut(line, ": ")
		switch key {
		case "openstack":
			cur.openstack = data.Level(value)
		case "python":
			cur.python = data.Level(value)
		case "title":
			cur.title = value
		case "---":
			inBody = true
		default:
			t.Fatalf("%s: posting %s: unknown header line %q", path, cur.id, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	flush()
	return out
}

// coreScore counts a level's agreement on "core" with the labels.
type coreScore struct{ truePos, falsePos, falseNeg, agree, n int }

func (c *coreScore) add(got, want data.Level) {
	c.n++
	if got == want {
		c.agree++
	}
	switch {
	case got == data.LevelCore && want == data.LevelCore:
		c.truePos++
	case got == data.LevelCore:
		c.falsePos++
	case want == data.LevelCore:
		c.falseNeg++
	}
}

func (c coreScore) precision() float64 { return float64(c.truePos) / float64(c.truePos+c.falsePos) }
func (c coreScore) recall() float64    { return float64(c.truePos) / float64(c.truePos+c.falseNeg) }

// TestRoleCorpus measures the default rule on the hand-labelled corpus:
// core precision and recall of OpenStack and Python, each at least 85%.
// Run with -v to see the figures and every disagreement with its
// evidence.
func TestRoleCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "role-corpus", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	var postings []corpusPosting
	for _, f := range files {
		postings = append(postings, readCorpus(t, f)...)
	}
	if len(postings) < 200 {
		t.Fatalf("the corpus has %d postings, want at least 200", len(postings))
	}
	c := transform.DefaultConfig().Classify
	var os, py coreScore
	for _, p := range postings {
		lv := c.Levels(p.title, p.description)
		os.add(lv.OpenStack, p.openstack)
		py.add(lv.Python, p.python)
		if lv.OpenStack != p.openstack || lv.Python != p.python {
			t.Logf("%s %q: openstack %s (want %s), python %s (want %s): %s", p.id, p.title, lv.OpenStack, p.openstack,
				lv.Python, p.python, lv.Evidence)
		}
	}
	for _, s := range []struct {
		name  string
		score coreScore
	}{{"openstack", os}, {"python", py}} {
		t.Logf("%s core: precision %.3f (%d/%d), recall %.3f (%d/%d); all three levels agree on %d of %d", s.name,
			s.score.precision(), s.score.truePos, s.score.truePos+s.score.falsePos, s.score.recall(), s.score.truePos,
			s.score.truePos+s.score.falseNeg, s.score.agree, s.score.n)
		if s.score.precision() < 0.85 || s.score.recall() < 0.85 {
			t.Errorf("%s core precision %.3f, recall %.3f: want at least 0.85 each", s.name, s.score.precision(), s.score.recall())
		}
	}
}
