package scrape

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"
)

// TestRobotsRetryLater: a robots.txt that answered 5xx disallows its
// host until robotsRetry has passed; then it is asked for again, and
// what it says from then on holds without asking again.
func TestRobotsRetryLater(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	answers := []struct {
		status int
		body   string
	}{{503, "down"}, {200, "User-agent: *\nDisallow: /private/\n"}}
	asked := 0
	r := &robots{agent: "jobmarket", now: func() time.Time { return now }, byHost: map[string]*hostRobots{},
		fetch: func(context.Context, string) (int, []byte, error) {
			a := answers[min(asked, len(answers)-1)]
			asked++
			return a.status, []byte(a.body), nil
		}}
	open, _ := url.Parse("http://board.example/jobs/")
	private, _ := url.Parse("http://board.example/private/x")
	var blocked *robotsError
	steps := []struct {
		after   time.Duration
		u       *url.URL
		allowed bool
		asked   int
	}{
		{0, open, false, 1},
		{robotsRetry / 2, open, false, 1},
		{robotsRetry, open, true, 2},
		{time.Hour, private, false, 2},
		{0, open, true, 2},
	}
	for i, s := range steps {
		now = now.Add(s.after)
		err := r.check(t.Context(), s.u)
		if allowed := err == nil; allowed != s.allowed || (err != nil && !errors.As(err, &blocked)) || asked != s.asked {
			t.Errorf("step %d: %s: err %v, robots.txt asked %d times; want allowed %v after %d", i, s.u, err, asked, s.allowed, s.asked)
		}
	}
}
