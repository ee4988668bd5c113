package scrape_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/scrape"
)

func TestFileSource(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		src     scrape.Source
		titles  []string
		rejects []string
	}{
		{name: "json lines", src: scrape.Source{Path: write("a.jsonl", `{"title":"Python Dev","pay_min":90000}`+"\n"+`{"name":"x"}`+"\n")},
			titles: []string{"Python Dev"}, rejects: []string{"row 2: no title"}},
		{name: "unbalanced quote", src: scrape.Source{Path: write("q.csv", "title,company\nA,B\n\"C,D\nE,F\n")},
			titles: []string{"A", "E"}, rejects: []string{"row 3: skipped: a quoted field never closes"}},
		{name: "wrong type", src: scrape.Source{Path: write("t.jsonl", `{"title":"A","pay_max":true}`+"\n"+`{"title":"B","pay_max":1}`+"\n")},
			titles: []string{"B"}, rejects: []string{"row 1: pay_max: true is not a number or text"}},
		{name: "format given", src: scrape.Source{Path: write("b.txt", `{"title":"A"}`), Format: "jsonl"}, titles: []string{"A"}},
		{name: "missing file", src: scrape.Source{Path: filepath.Join(dir, "nope.csv")}, rejects: []string{"read " + filepath.Join(dir, "nope.csv") + ": open"}},
		{name: "missing column", src: scrape.Source{Path: write("c.csv", "name\nx\n"), Columns: map[string]string{"title": "Job"}},
			rejects: []string{`column not in the table: title → "Job" (the table has "name")`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.src.Name, tc.src.Kind = "f", scrape.KindFile
			res, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), []scrape.Source{tc.src})
			if err != nil {
				t.Fatal(err)
			}
			if res.Store != "" {
				t.Errorf("a file source opened the page store %s", res.Store)
			}
			var titles, rejects []string
			for _, r := range res.Records {
				if r.Kind != scrape.KindFile || r.Source != "f" || !strings.HasPrefix(r.URL, "file://") {
					t.Errorf("record %+v", r)
				}
				if r.RejectReason != "" {
					rejects = append(rejects, r.RejectReason)
				} else {
					titles = append(titles, r.Title)
				}
			}
			if strings.Join(titles, "|") != strings.Join(tc.titles, "|") || len(rejects) != len(tc.rejects) {
				t.Fatalf("titles %q, rejects %q", titles, rejects)
			}
			for i, want := range tc.rejects {
				if !strings.Contains(rejects[i], want) {
					t.Errorf("reject %q, want %q", rejects[i], want)
				}
			}
		})
	}
}
