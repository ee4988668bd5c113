package scrape_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/redisq/redistest"
	"github.com/jobmarket/jobmarket/scrape/scrapetest"
)

// Environment of a worker process TestSharedQueueTwoWorkers starts: the
// board, the queue, the worker's own store and where it writes its result.
const (
	envWorkerBoard = "JOBMARKET_TEST_WORKER_BOARD"
	envWorkerQueue = "JOBMARKET_TEST_WORKER_QUEUE"
	envWorkerStore = "JOBMARKET_TEST_WORKER_STORE"
	envWorkerOut   = "JOBMARKET_TEST_WORKER_OUT"
)

var sharedBoard = scrapetest.Board{Postings: 300, PerPage: 20}

// workerDelay spaces each worker's requests, so that one worker alone
// needs over a second for sharedBoard: the other has time to join in.
const workerDelay = 5 * time.Millisecond

// workerResult is what a worker process reports.
type workerResult struct {
	Records []data.RawRecord
	Stats   []scrape.SourceStats
}

// TestSharedQueueTwoWorkers runs two worker processes (this test binary
// started again) on one board through one Redis queue, each with a store
// of its own: every page is fetched once in all, both workers fetch some,
// and their records together are those of a single in-process crawl.
func TestSharedQueueTwoWorkers(t *testing.T) {
	if os.Getenv(envWorkerQueue) != "" {
		sharedWorker(t)
		return
	}
	queueURL := redistest.Start(t) + "?crawl=two-workers"
	// Pages wait until both workers have read robots.txt, which each does
	// before it queues its start URL: both are running before any page
	// is served, so neither can finish the board before the other starts.
	var robots atomic.Int32
	bothUp := make(chan struct{})
	srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			if robots.Add(1) == 2 {
				close(bothUp)
			}
		} else {
			select {
			case <-bothUp:
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		}
		sharedBoard.ServeHTTP(w, r)
	}))

	started := time.Now()
	results := make([]workerResult, 2)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			out := filepath.Join(t.TempDir(), "result.gob")
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			worker := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestSharedQueueTwoWorkers$")
			worker.Env = append(os.Environ(), envWorkerBoard+"="+srv.URL, envWorkerQueue+"="+queueURL,
				envWorkerStore+"="+t.TempDir(), envWorkerOut+"="+out)
			var log bytes.Buffer
			worker.Stdout, worker.Stderr = &log, &log
			if err := worker.Run(); err != nil {
				t.Errorf("worker %d: %v\n%s", i, err, log.String())
				return
			}
			f, err := os.Open(out)
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i, err, log.String())
				return
			}
			defer f.Close()
			if err := gob.NewDecoder(f).Decode(&results[i]); err != nil {
				t.Errorf("worker %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	elapsed := time.Since(started)

	for _, path := range allPaths(sharedBoard) {
		n := hits.of(path)
		switch {
		case path == "/robots.txt" && n > 2:
			t.Errorf("robots.txt fetched %d times, want at most once per worker", n)
		case path != "/robots.txt" && n != 1:
			t.Errorf("%s fetched %d times in all, want 1", path, n)
		}
	}
	var union []data.RawRecord
	for i, r := range results {
		if len(r.Stats) != 1 || r.Stats[0].Fetched == 0 {
			t.Errorf("worker %d fetched nothing: %+v", i, r.Stats)
		}
		union = append(union, r.Records...)
	}

	cfg := testConfig(t)
	single, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{sharedBoard.Source("board", srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	sortRecords(union)
	sortRecords(single.Records)
	if len(single.Records) != sharedBoard.Postings {
		t.Fatalf("the single crawl has %d records, want %d", len(single.Records), sharedBoard.Postings)
	}
	if d := sameRecords(union, single.Records); d != "" {
		t.Errorf("the workers' records (%d) differ from a single crawl's (%d): %s", len(union), len(single.Records), d)
	}
	t.Logf("two workers: %v for %d pages; fetched %d and %d", elapsed.Round(time.Millisecond),
		sharedBoard.Pages(), results[0].Stats[0].Fetched, results[1].Stats[0].Fetched)
}

// sharedWorker is one worker process of TestSharedQueueTwoWorkers.
func sharedWorker(t *testing.T) {
	cfg := scrape.DefaultConfig()
	cfg.Store = os.Getenv(envWorkerStore)
	cfg.Queue = os.Getenv(envWorkerQueue)
	cfg.Delay = workerDelay
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{sharedBoard.Source("board", os.Getenv(envWorkerBoard))})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(os.Getenv(envWorkerOut))
	if err != nil {
		t.Fatal(err)
	}
	if err := gob.NewEncoder(f).Encode(workerResult{Records: res.Records, Stats: res.Stats}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// sortRecords orders records as Scraper.Run does within a source.
func sortRecords(recs []data.RawRecord) {
	slices.SortStableFunc(recs, func(a, b data.RawRecord) int {
		return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.PageSHA256, b.PageSHA256),
			cmp.Compare(a.RejectReason, b.RejectReason), cmp.Compare(a.Title, b.Title))
	})
}

// sharedConfig is testConfig with the shared queue.
func sharedConfig(t *testing.T, queueURL string) scrape.Config {
	cfg := testConfig(t)
	cfg.Queue = queueURL
	return cfg
}

// TestSharedQueueRejectsOnce: two workers in one process (sharing only
// the queue) crawl a board with robots.txt-disallowed postings, and
// listing pages that all link elsewhere; each such link is one reject in
// all, as in a single crawl.
func TestSharedQueueRejectsOnce(t *testing.T) {
	queueURL := redistest.Start(t) + "?crawl=rejects"
	board := scrapetest.Board{Postings: 60, PerPage: 10, Disallow: "/jobs/p/1"}
	srv, hits := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/jobs/") || strings.HasPrefix(r.URL.Path, "/jobs/p/") {
			board.ServeHTTP(w, r)
			return
		}
		page := httptest.NewRecorder()
		board.ServeHTTP(page, r)
		offsite := `<li><a class="job-link" href="http://elsewhere.invalid/p/1.html">elsewhere</a></li></ul>`
		w.Write(bytes.Replace(page.Body.Bytes(), []byte("</ul>"), []byte(offsite), 1))
	}))
	src := []scrape.Source{board.Source("board", srv.URL)}

	results := make([]scrape.Result, 2)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			cfg := sharedConfig(t, queueURL)
			cfg.Delay = time.Millisecond
			res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), src)
			if err != nil {
				t.Error(err)
			}
			results[i] = res
		})
	}
	wg.Wait()
	single, err := (&scrape.Scraper{Config: testConfig(t)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	union := append(slices.Clone(results[0].Records), results[1].Records...)
	sortRecords(union)
	sortRecords(single.Records)
	blocked, offsite := 0, 0
	for _, r := range single.Records {
		switch {
		case strings.Contains(r.RejectReason, "robots.txt"):
			blocked++
		case strings.Contains(r.RejectReason, "leaves the source's domains"):
			offsite++
		}
	}
	if blocked == 0 || offsite != 1 {
		t.Fatalf("a single crawl has %d robots.txt rejects and %d offsite ones; the test needs some and 1", blocked, offsite)
	}
	if d := sameRecords(union, single.Records); d != "" {
		t.Errorf("the workers' records (%d) differ from a single crawl's (%d): %s", len(union), len(single.Records), d)
	}
	if n := hits.of("/jobs/p/1.html"); n != 0 {
		t.Errorf("a disallowed page was fetched %d times", n)
	}
}

// TestSharedQueueLateWorker: a worker that joins after the crawl is over
// fetches nothing: the start URLs were queued before, by the first.
func TestSharedQueueLateWorker(t *testing.T) {
	queueURL := redistest.Start(t) + "?crawl=late"
	board := scrapetest.Board{Postings: 30, PerPage: 10}
	srv, hits := serve(t, board)
	src := []scrape.Source{board.Source("board", srv.URL)}
	first, err := (&scrape.Scraper{Config: sharedConfig(t, queueURL)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Records) != board.Postings {
		t.Fatalf("first worker: %d records, want %d", len(first.Records), board.Postings)
	}
	before := hits.total()
	late, err := (&scrape.Scraper{Config: sharedConfig(t, queueURL)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if n := hits.total() - before; n > 1 { // its own robots.txt
		t.Errorf("the late worker made %d requests", n)
	}
	if len(late.Records) != 0 || late.Stats[0].Fetched != 0 {
		t.Errorf("the late worker has %d records, fetched %d", len(late.Records), late.Stats[0].Fetched)
	}
	// Another crawl name is another crawl.
	again, err := (&scrape.Scraper{Config: sharedConfig(t, strings.Replace(queueURL, "crawl=late", "crawl=again", 1))}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Records) != board.Postings {
		t.Errorf("a new crawl name: %d records, want %d", len(again.Records), board.Postings)
	}
}

// TestSharedQueueCancel: a cancelled worker stops within a second and
// returns the requests it had taken to the queue, so a worker started
// later finishes the crawl with every page fetched once.
func TestSharedQueueCancel(t *testing.T) {
	queueURL := redistest.Start(t) + "?crawl=cancel"
	board := scrapetest.Board{Postings: 40, PerPage: 10}
	srv, hits := serve(t, board)
	src := []scrape.Source{board.Source("board", srv.URL)}

	ctx, cancel := context.WithCancel(t.Context())
	cfg := sharedConfig(t, queueURL)
	cfg.Delay = 2 * time.Second // robots.txt now, the first page only in 2 s
	var cancelled time.Time
	time.AfterFunc(300*time.Millisecond, func() { cancelled = time.Now(); cancel() })
	_, err := (&scrape.Scraper{Config: cfg}).Run(ctx, src)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if took := time.Since(cancelled); took > time.Second {
		t.Errorf("the run took %v to stop after the cancel", took)
	}
	if n := hits.total() - hits.of("/robots.txt"); n != 0 {
		t.Fatalf("%d pages fetched before the cancel; the test needs none", n)
	}

	resumed, err := (&scrape.Scraper{Config: sharedConfig(t, queueURL)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range allPaths(board)[1:] {
		if n := hits.of(path); n != 1 {
			t.Errorf("%s fetched %d times, want 1", path, n)
		}
	}
	if len(resumed.Records) != board.Postings {
		t.Errorf("resumed: %d records, want %d", len(resumed.Records), board.Postings)
	}
}

// TestSharedQueueMaxPagesPerWorker: max_pages bounds what one worker
// takes from the queue; it says what it left, and another worker with
// more to spend finishes the crawl, fetching nothing twice. An offline
// re-read ignores the queue and reads the worker's own store.
func TestSharedQueueMaxPagesPerWorker(t *testing.T) {
	queueURL := redistest.Start(t) + "?crawl=max-pages"
	board := scrapetest.Board{Postings: 30, PerPage: 10}
	srv, hits := serve(t, board)
	src := []scrape.Source{board.Source("board", srv.URL)}
	limited := sharedConfig(t, queueURL)
	limited.MaxPages = 10
	first, err := (&scrape.Scraper{Config: limited}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st := first.Stats[0]; st.Fetched != 10 {
		t.Errorf("the limited worker fetched %d pages, want 10", st.Fetched)
	}
	note := first.Records[len(first.Records)-1]
	for _, r := range first.Records {
		if strings.Contains(r.RejectReason, "max_pages") {
			note = r
		}
	}
	if !strings.Contains(note.RejectReason, "max_pages (10) reached by this worker") {
		t.Errorf("no reject says max_pages stopped the worker; the last record: %+v", note)
	}
	second, err := (&scrape.Scraper{Config: sharedConfig(t, queueURL)}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range allPaths(board)[1:] {
		if n := hits.of(path); n != 1 {
			t.Errorf("%s fetched %d times, want 1", path, n)
		}
	}
	if got := len(first.Records) - 1 + len(second.Records); got != board.Postings {
		t.Errorf("%d postings in all, want %d", got, board.Postings)
	}

	before := hits.total()
	offline := limited
	offline.Queue = fmt.Sprintf("redis://127.0.0.1:%d/0", closedPort(t)) // not asked
	reread, err := (&scrape.Scraper{Config: offline, Offline: true}).Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	if hits.total() != before || reread.Err() != nil || reread.Stats[0].FromStore != 10 {
		t.Errorf("offline re-read: %d requests, %d pages from the store (want 10), Err %v",
			hits.total()-before, reread.Stats[0].FromStore, reread.Err())
	}
}

// TestSharedQueueWorkerDies: a worker killed with SIGKILL mid-crawl (a
// child process) loses the requests it had taken, but holds the others
// back only until its lease runs out: the worker left finishes the rest,
// fetching nothing twice.
func TestSharedQueueWorkerDies(t *testing.T) {
	const lease = time.Second
	scrape.SetSharedLease(t, lease)
	if os.Getenv(envWorkerQueue) != "" {
		cfg := scrape.DefaultConfig()
		cfg.Store = os.Getenv(envWorkerStore)
		cfg.Queue = os.Getenv(envWorkerQueue)
		cfg.Delay = 20 * time.Millisecond
		(&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{sharedBoard.Source("board", os.Getenv(envWorkerBoard))})
		t.Fatal("the worker ended before it was killed")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	queueURL := redistest.Start(t) + "?crawl=dies"
	srv, hits := serve(t, sharedBoard)
	child := exec.Command(os.Args[0], "-test.run=^TestSharedQueueWorkerDies$")
	child.Env = append(os.Environ(), envWorkerBoard+"="+srv.URL, envWorkerQueue+"="+queueURL, envWorkerStore+"="+t.TempDir())
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); hits.total() < 40 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	killedAt := hits.total()

	started := time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second) // a lease that never ran out would hold it for ever
	defer cancel()
	res, err := (&scrape.Scraper{Config: sharedConfig(t, queueURL)}).Run(ctx, []scrape.Source{sharedBoard.Source("board", srv.URL)})
	if err != nil {
		t.Fatalf("the worker left: %v after %v", err, time.Since(started))
	}
	took := time.Since(started)
	if took > lease+2*time.Second {
		t.Errorf("the worker left took %v to finish; a dead worker's lease is %v", took, lease)
	}
	lost := 0
	for _, path := range allPaths(sharedBoard)[1:] {
		switch n := hits.of(path); n {
		case 0:
			lost++
		case 1:
		default:
			t.Errorf("%s fetched %d times", path, n)
		}
	}
	if res.Stats[0].Fetched == 0 {
		t.Error("nothing fetched after the kill: the test tests nothing")
	}
	t.Logf("killed after %d requests; the worker left fetched %d in %v; %d pages lost with the dead worker's requests or their links",
		killedAt, res.Stats[0].Fetched, took.Round(time.Millisecond), lost)
}

// TestSharedQueueDown: a queue server that does not answer gives the
// source up, saying why, without hanging the run.
func TestSharedQueueDown(t *testing.T) {
	srv, hits := serve(t, scrapetest.Board{Postings: 5})
	cfg := sharedConfig(t, fmt.Sprintf("redis://:s3cret-pw@127.0.0.1:%d/0?max_retries=-1", closedPort(t)))
	res, err := (&scrape.Scraper{Config: cfg}).Run(t.Context(), []scrape.Source{scrapetest.Board{}.Source("board", srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	st := res.Stats[0]
	if !errors.Is(res.Err(), scrape.ErrPartial) || !strings.Contains(st.GivenUp, "shared queue") {
		t.Errorf("Err() = %v, given up: %q; want the source given up over the shared queue", res.Err(), st.GivenUp)
	}
	if strings.Contains(st.GivenUp, "s3cret-pw") {
		t.Errorf("the reason shows the password: %q", st.GivenUp)
	}
	if n := hits.total(); n != 0 {
		t.Errorf("%d requests made without a queue", n)
	}
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestConfigQueue(t *testing.T) {
	src := []scrape.Source{scrapetest.Board{}.Source("board", "http://127.0.0.1:1")}
	tests := []struct {
		name  string
		queue string
		err   string
	}{
		{name: "unset", queue: ""},
		{name: "host port db", queue: "redis://queue.lan:6379/0"},
		{name: "password and crawl", queue: "redis://:s3cret-pw@queue.lan:6379/3?crawl=weekly"},
		{name: "not redis", queue: "http://:s3cret-pw@queue.lan:6379/0", err: `scrape.queue: "http://:xxxxx@queue.lan:6379/0": scheme "http" is not redis`},
		{name: "bad db", queue: "redis://:s3cret-pw@queue.lan:6379/x", err: `scrape.queue: "redis://:xxxxx@queue.lan:6379/x": invalid database number`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := scrape.DefaultConfig()
			cfg.Queue = tc.queue
			err := cfg.Validate(src)
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("Validate: %v; want an error containing %q", err, tc.err)
			case err != nil && strings.Contains(err.Error(), "s3cret-pw"):
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}
