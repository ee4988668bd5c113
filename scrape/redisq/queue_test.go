package redisq_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"
	"github.com/redis/go-redis/v9"

	"github.com/jobmarket/jobmarket/scrape/redisq"
	"github.com/jobmarket/jobmarket/scrape/redisq/redistest"
)

// client connects to a redis-server of the test's own.
func client(t *testing.T) *redis.Client {
	t.Helper()
	target, err := redisq.ParseURL(redistest.Start(t))
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(target.Options)
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// request serializes a GET of u as colly does, with ctx values.
func request(t *testing.T, u string, ctx map[string]string) []byte {
	t.Helper()
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	cctx := colly.NewContext()
	for k, v := range ctx {
		cctx.Put(k, v)
	}
	b, err := (&colly.Request{URL: parsed, Method: http.MethodGet, Ctx: cctx}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Queue satisfies colly's interface.
var _ queue.Storage = (*redisq.Queue)(nil)

func TestQueueAddGetSize(t *testing.T) {
	q := redisq.NewQueue(client(t), "test:")
	if err := q.Init(); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"http://a.example/1", "http://a.example/2", "http://a.example/3"} {
		if err := q.AddRequest(request(t, u, nil)); err != nil {
			t.Fatalf("add %s: %v", u, err)
		}
	}
	if err := q.AddRequest(request(t, "http://a.example/2", nil)); !errors.Is(err, redisq.ErrSeen) {
		t.Errorf("adding a URL twice: %v, want ErrSeen", err)
	}
	if err := q.AddRequest([]byte("not json")); err == nil {
		t.Error("adding garbage: no error")
	}
	if n, err := q.QueueSize(); err != nil || n != 3 {
		t.Fatalf("QueueSize = %d, %v; want 3", n, err)
	}
	first, err := q.GetRequest()
	if err != nil {
		t.Fatal(err)
	}
	req, err := colly.NewCollector().UnmarshalRequest(first)
	if err != nil || req.URL.String() != "http://a.example/1" {
		t.Fatalf("first request: %v, %v; want http://a.example/1 (first in, first out)", req, err)
	}
	// A request given back goes to the end and is not refused as seen.
	if err := q.Requeue(t.Context(), first); err != nil {
		t.Fatal(err)
	}
	var order []string
	for {
		r, err := q.GetRequest()
		if errors.Is(err, redisq.ErrEmpty) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		req, err := colly.NewCollector().UnmarshalRequest(r)
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, req.URL.Path)
	}
	if got, want := fmt.Sprint(order), "[/2 /3 /1]"; got != want {
		t.Errorf("order after requeue %s, want %s", got, want)
	}

	// A claimed URL is seen and cannot be queued; a new one is neither.
	if ok, err := q.Claim(t.Context(), "http://a.example/redirected"); !ok || err != nil {
		t.Errorf("first claim: %v, %v", ok, err)
	}
	if ok, _ := q.Claim(t.Context(), "http://a.example/redirected"); ok {
		t.Error("second claim of one URL succeeded")
	}
	if err := q.AddRequest(request(t, "http://a.example/redirected", nil)); !errors.Is(err, redisq.ErrSeen) {
		t.Errorf("adding a claimed URL: %v, want ErrSeen", err)
	}
	if seen, err := q.Seen(t.Context(), "http://a.example/new"); seen || err != nil {
		t.Errorf("Seen(new) = %v, %v", seen, err)
	}
}

// TestQueueAddIsAtomic: many goroutines (standing for many workers) add
// the same URLs at once; each URL is queued exactly once.
func TestQueueAddIsAtomic(t *testing.T) {
	rdb := client(t)
	const workers, urls = 32, 50
	var added atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			q := redisq.NewQueue(rdb, "race:") // one Queue each, as in separate processes
			for i := range urls {
				n := (i + w) % urls // every worker in another order
				ok, err := q.Add(t.Context(), fmt.Sprint(n), []byte(fmt.Sprint(n)))
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					added.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if n := added.Load(); n != urls {
		t.Errorf("%d adds succeeded, want %d (one per URL)", n, urls)
	}
	if n, _ := redisq.NewQueue(rdb, "race:").Len(t.Context()); n != urls {
		t.Errorf("%d requests queued, want %d", n, urls)
	}
}

// TestQueueDrivesColly runs colly's own queue.Queue on a Queue shared by
// two collectors, as two workers would: every page is fetched once, and
// string context values travel with the requests.
func TestQueueDrivesColly(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		fmt.Fprint(w, "<html><body>ok</body></html>")
	}))
	defer srv.Close()
	rdb := client(t)
	const pages = 40
	seed := redisq.NewQueue(rdb, "colly:")
	for i := range pages {
		if err := seed.AddRequest(request(t, fmt.Sprintf("%s/p/%d", srv.URL, i), map[string]string{"depth": "3"})); err != nil {
			t.Fatal(err)
		}
	}
	var badCtx atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			c := colly.NewCollector()
			c.OnResponse(func(r *colly.Response) {
				if r.Ctx.Get("depth") != "3" {
					badCtx.Add(1)
				}
			})
			q, err := queue.New(2, redisq.NewQueue(rdb, "colly:"))
			if err != nil {
				t.Error(err)
				return
			}
			if err := q.Run(c); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range pages {
		if n := hits[fmt.Sprintf("/p/%d", i)]; n != 1 {
			t.Errorf("/p/%d fetched %d times, want 1", i, n)
		}
	}
	if n := badCtx.Load(); n > 0 {
		t.Errorf("%d responses lost the request's context value", n)
	}
}

func TestQueuePendingAndLease(t *testing.T) {
	q := redisq.NewQueue(client(t), "lease:")
	ctx := t.Context()
	pending := func() (int, int) {
		t.Helper()
		queued, busy, err := q.Pending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return queued, busy
	}
	if queued, busy := pending(); queued != 0 || busy != 0 {
		t.Fatalf("new queue: %d queued, %d busy", queued, busy)
	}
	if err := q.Busy(ctx, "w1", time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := q.Busy(ctx, "w2", 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	q.Add(ctx, "u", []byte("r"))
	if queued, busy := pending(); queued != 1 || busy != 2 {
		t.Errorf("%d queued, %d busy; want 1, 2", queued, busy)
	}
	time.Sleep(100 * time.Millisecond) // w2 stops renewing its lease, as a dead worker would
	if _, busy := pending(); busy != 1 {
		t.Errorf("%d busy after w2's lease ran out, want 1", busy)
	}
	if err := q.Idle(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if _, busy := pending(); busy != 0 {
		t.Errorf("%d busy after w1 went idle, want 0", busy)
	}
}
