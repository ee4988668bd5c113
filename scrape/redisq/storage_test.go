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

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/storage"

	"github.com/jobmarket/jobmarket/scrape/redisq"
)

// Storage satisfies colly's interface.
var _ storage.Storage = (*redisq.Storage)(nil)

// TestStorageVisitedClaimsOnce: many goroutines do what colly does for
// one request, IsVisited then Visited; exactly one gets through.
func TestStorageVisitedClaimsOnce(t *testing.T) {
	rdb := client(t)
	var through, refused atomic.Int64
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			s := redisq.NewStorage(rdb, "visit:")
			seen, err := s.IsVisited(42)
			if err != nil {
				t.Error(err)
				return
			}
			if seen {
				return
			}
			switch err := s.Visited(42); {
			case err == nil:
				through.Add(1)
			case errors.Is(err, redisq.ErrVisited):
				refused.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := through.Load(); n != 1 {
		t.Errorf("%d goroutines got through, want 1 (%d refused by Visited)", n, refused.Load())
	}
	if seen, _ := redisq.NewStorage(rdb, "visit:").IsVisited(42); !seen {
		t.Error("not visited afterwards")
	}
	if seen, _ := redisq.NewStorage(rdb, "other:").IsVisited(42); seen {
		t.Error("another prefix sees the visit")
	}
}

// TestStorageSharedByCollectors: two collectors on one Storage visit the
// same pages at once; each page is fetched once, and a cookie one
// collector received is sent by the other.
func TestStorageSharedByCollectors(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	var withCookie atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if c, err := r.Cookie("session"); err == nil && c.Value == "s1" {
			withCookie.Add(1)
		}
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/"})
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	rdb := client(t)
	newCollector := func() *colly.Collector {
		c := colly.NewCollector()
		if err := c.SetStorage(redisq.NewStorage(rdb, "shared:")); err != nil {
			t.Fatal(err)
		}
		return c
	}
	if err := newCollector().Visit(srv.URL + "/login"); err != nil {
		t.Fatal(err)
	}
	a, b := newCollector(), newCollector()
	var wg sync.WaitGroup
	for _, c := range []*colly.Collector{a, b} {
		wg.Go(func() {
			for i := range 30 {
				c.Visit(fmt.Sprintf("%s/p/%d", srv.URL, i)) // an already-visited error is the point
			}
		})
	}
	wg.Wait()
	for i := range 30 {
		if n := hits[fmt.Sprintf("/p/%d", i)]; n != 1 {
			t.Errorf("/p/%d fetched %d times, want 1", i, n)
		}
	}
	if n := withCookie.Load(); n != 30 {
		t.Errorf("%d of 30 requests carried the session cookie set for the first collector", n)
	}
	u, _ := url.Parse(srv.URL)
	if got := redisq.NewStorage(rdb, "shared:").Cookies(u); got == "" {
		t.Error("no cookies stored for the host")
	}
}
