package scrape_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

// Environment of the child process TestKillAndResume starts: the board's
// URL and the store folder.
const (
	envChildURL   = "JOBMARKET_TEST_RESUME_URL"
	envChildStore = "JOBMARKET_TEST_RESUME_STORE"
)

var resumeBoard = scrapetest.Board{Postings: 400, PerPage: 20}

// TestKillAndResume kills a crawl with SIGKILL halfway, in a child process
// (this test binary started again), then resumes it: no page stored before
// the kill is fetched again, and the records are those of a crawl that was
// never interrupted.
func TestKillAndResume(t *testing.T) {
	if base := os.Getenv(envChildURL); base != "" {
		resumeChild(t, base, os.Getenv(envChildStore))
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	srv, hits := serve(t, resumeBoard)
	store := t.TempDir()

	child := exec.Command(os.Args[0], "-test.run=^TestKillAndResume$")
	child.Env = append(os.Environ(), envChildURL+"="+srv.URL, envChildStore+"="+store)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for hits.total() < resumeBoard.Pages()/4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	before := map[string]int{}
	for _, path := range allPaths(resumeBoard) {
		before[path] = hits.of(path)
	}
	killedAt := hits.total()
	if killedAt >= resumeBoard.Pages() {
		t.Fatalf("the child finished (%d requests) before it was killed", killedAt)
	}

	st, err := scrape.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	stored := st.Pages()
	st.Close()
	if len(stored) == 0 {
		t.Fatal("nothing stored before the kill")
	}

	cfg := testConfig(t)
	cfg.Store = store
	resumed, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{resumeBoard.Source("board", srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range stored {
		path := p.URL[len(srv.URL):]
		if n := hits.of(path); n != before[path] {
			t.Errorf("%s was stored before the kill but fetched again on resume", path)
		}
	}
	twice := 0
	for _, path := range allPaths(resumeBoard) {
		if hits.of(path) > 1 {
			twice++ // in flight when the child died: fetched, never stored
		}
	}
	if twice > cfg.Parallelism+1 {
		t.Errorf("%d pages fetched twice; only those in flight at the kill may be", twice)
	}
	if s := resumed.Stats[0]; s.FromStore < len(stored)-1 || s.Responses != resumeBoard.Pages() {
		t.Errorf("resume: %d from store (%d stored), %d responses of %d pages", s.FromStore, len(stored), s.Responses, resumeBoard.Pages())
	}

	whole, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), []scrape.Source{resumeBoard.Source("board", srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	if d := sameRecords(whole.Records, resumed.Records); d != "" {
		t.Errorf("resumed crawl's records differ from an uninterrupted one: %s", d)
	}
	t.Logf("killed after %d requests, %d pages stored; resume fetched %d, served %d from the store",
		killedAt, len(stored), resumed.Stats[0].Fetched, resumed.Stats[0].FromStore)
}

// resumeChild is the crawl that gets killed: slow enough, with a polite
// delay, to be caught halfway.
func resumeChild(t *testing.T, base, store string) {
	cfg := scrape.DefaultConfig()
	cfg.Store = store
	cfg.Delay = 10 * time.Millisecond
	(&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{resumeBoard.Source("board", base)})
	t.Fatal("the child crawl ended before it was killed")
}

func allPaths(b scrapetest.Board) []string {
	paths := []string{"/robots.txt", "/jobs/"}
	for n := 2; n <= b.ListingPages(); n++ {
		paths = append(paths, fmt.Sprintf("/jobs/page-%d.html", n))
	}
	for n := 1; n <= b.Postings; n++ {
		paths = append(paths, fmt.Sprintf("/jobs/p/%d.html", n))
	}
	return paths
}
