package scrape

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsRetry is how long a robots.txt that could not be had (5xx, or no
// answer) disallows its host before it is asked for again.
var robotsRetry = time.Minute

// robots answers whether a URL may be fetched, as RFC 9309 says: a
// robots.txt that is found is obeyed; one that is missing (4xx) allows
// everything; one that cannot be had (5xx, or no answer after the
// fetcher's retries) disallows everything on its host until it is asked
// for again, robotsRetry later. Every link and every redirect hop is
// checked here.
//
// colly's own robots.txt handling is not used: it reads a 5xx as allow
// all (robotstxt's disallow-all answer has no group, and colly only tests
// the group), keeps a failure for the whole run or asks again for every
// link, and does not check redirects.
type robots struct {
	agent string
	// fetch asks for a robots.txt: the fetcher, so that it is stored,
	// served on resume, retried and its Crawl-delay seen.
	fetch func(ctx context.Context, u string) (status int, body []byte, err error)
	now   func() time.Time

	mu     sync.Mutex
	byHost map[string]*hostRobots
}

// hostRobots is what one scheme://host[:port] allows.
type hostRobots struct {
	mu      sync.Mutex // one request for robots.txt at a time
	rules   *robotstxt.RobotsData
	failure string    // why robots.txt could not be had, while retryAt is ahead
	retryAt time.Time // zero once rules are known
}

func newRobots(agent string, client *http.Client) *robots {
	fetch := func(ctx context.Context, u string) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("User-Agent", agent)
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, unwrapURLError(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp.StatusCode, body, err
	}
	return &robots{agent: agent, fetch: fetch, now: time.Now, byHost: map[string]*hostRobots{}}
}

// robotsError is a URL robots.txt does not let us fetch.
type robotsError struct {
	reason string
}

func (e *robotsError) Error() string { return e.reason }

// check returns nil if u may be fetched, a *robotsError if robots.txt
// disallows it or could not be had, or ctx's error. A file:// URL has no
// robots.txt: /robots.txt of the machine is not a site's.
func (r *robots) check(ctx context.Context, u *url.URL) error {
	if u.Scheme == "file" {
		return nil
	}
	site := u.Scheme + "://" + u.Host
	r.mu.Lock()
	h := r.byHost[site]
	if h == nil {
		h = &hostRobots{}
		r.byHost[site] = h
	}
	r.mu.Unlock()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.rules == nil && !r.now().Before(h.retryAt) {
		status, body, err := r.fetch(ctx, site+"/robots.txt")
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case err != nil:
			h.failure = fmt.Sprintf("robots.txt of %s could not be had (%v)", u.Host, err)
		case status >= 500:
			h.failure = fmt.Sprintf("robots.txt of %s answered HTTP %d", u.Host, status)
		default:
			h.rules, h.failure, h.retryAt = robotsRules(status, body), "", time.Time{}
		}
		if h.rules == nil {
			h.retryAt = r.now().Add(robotsRetry)
		}
	}
	if h.rules == nil {
		return &robotsError{reason: h.failure + ": everything on it is disallowed until it can be read (RFC 9309); not fetched"}
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !h.rules.TestAgent(path, r.agent) {
		return &robotsError{reason: "disallowed by robots.txt; not fetched"}
	}
	return nil
}

// robotsRules reads a robots.txt answered with status (not 5xx): 2xx is
// parsed, anything else allows everything (RFC 9309: "unavailable"), and
// so does a file that cannot be parsed, as a robots.txt with no rule
// for us would.
func robotsRules(status int, body []byte) *robotstxt.RobotsData {
	if status/100 != 2 {
		status = http.StatusNotFound
	}
	rules, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		rules, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	return rules
}
