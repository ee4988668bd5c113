package scrape

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/temoto/robotstxt"
)

// DefaultProbeTimeout bounds each request of Probe: a board that takes
// longer to answer one HEAD is as good as down for a check.
const DefaultProbeTimeout = 10 * time.Second

// Why an entry URL fails a probe; a ProbeError wraps one of them.
var (
	ErrNoAnswer  = errors.New("no answer")
	ErrBadStatus = errors.New("answers with an error status")
	ErrRobots    = errors.New("disallowed by robots.txt")
	ErrNoFile    = errors.New("no such file")
)

// ProbeError is an entry URL of a source that would not give a page.
type ProbeError struct {
	Source string
	URL    string
	Err    error
}

func (e *ProbeError) Error() string { return fmt.Sprintf("%s: %s: %v", e.Source, e.URL, e.Err) }

func (e *ProbeError) Unwrap() error { return e.Err }

// Prober checks, without crawling, that the entry URLs of sources answer.
// Network and Timeout are what tests and the command set; a nil Network
// is http.DefaultTransport, a zero Timeout DefaultProbeTimeout.
type Prober struct {
	Config  Config
	Network http.RoundTripper
	Timeout time.Duration
}

// Probe asks every start URL, sitemap and feed of the crawled sources
// whether it answers: file:// URLs must name a file; http(s) URLs are
// asked with a HEAD (a GET when the server refuses HEAD; an API that
// lists by POST, with the crawl's first POST), with the
// config's user agent, after robots.txt is asked whether the user agent
// may (unless robots is off). bundled:// URLs are part of the binary and
// not asked. It returns one *ProbeError per URL that fails, in source
// order; nothing is stored.
func (pr Prober) Probe(ctx context.Context, sources []Source) []error {
	client := &http.Client{Transport: pr.Network, Timeout: pr.Timeout}
	if client.Timeout == 0 {
		client.Timeout = DefaultProbeTimeout
	}
	robots := map[string]*robotstxt.RobotsData{}
	var errs []error
	for _, src := range sources {
		if !src.crawled() {
			continue
		}
		k, _ := LookupKind(src.Kind)
		entries := k.reader.start(src)
		for _, u := range append(src.Sitemaps, src.Feeds...) {
			entries = append(entries, get(u, roleFeed))
		}
		for _, l := range entries {
			if err := pr.probe(ctx, client, robots, l); err != nil {
				errs = append(errs, &ProbeError{Source: src.Name, URL: l.url, Err: err})
			}
		}
	}
	return errs
}

func (pr Prober) probe(ctx context.Context, client *http.Client, robots map[string]*robotstxt.RobotsData, l link) error {
	u, err := url.Parse(l.url)
	if err != nil {
		return err
	}
	switch u.Scheme {
	case "file":
		if _, err := os.Stat(u.Path); err != nil {
			return fmt.Errorf("%w: %v", ErrNoFile, err)
		}
		return nil
	case "http", "https":
	default:
		return nil
	}
	if pr.Config.Robots {
		host := u.Scheme + "://" + u.Host
		rules, ok := robots[host]
		if !ok {
			rules = pr.robots(ctx, client, host)
			robots[host] = rules
		}
		if rules != nil && !rules.TestAgent(u.RequestURI(), pr.Config.UserAgent) {
			return ErrRobots
		}
	}
	var status int
	if l.method != "" && l.method != http.MethodGet {
		// An API that lists by POST is asked what the crawl would ask.
		status, err = pr.ask(ctx, client, l)
	} else if status, err = pr.ask(ctx, client, link{url: l.url, method: http.MethodHead}); err == nil &&
		(status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented) {
		status, err = pr.ask(ctx, client, link{url: l.url, method: http.MethodGet})
	}
	switch {
	case err != nil:
		return fmt.Errorf("%w: %v", ErrNoAnswer, err)
	case status >= 400:
		return fmt.Errorf("%w: HTTP %d", ErrBadStatus, status)
	}
	return nil
}

// robots reads a host's robots.txt; nil (everything allowed) when it
// cannot be read, as colly does.
func (pr Prober) robots(ctx context.Context, client *http.Client, host string) *robotstxt.RobotsData {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, host+"/robots.txt", nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", pr.Config.UserAgent)
	resp, err := client.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil
	}
	rules, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil
	}
	return rules
}

// ask makes the request l and returns its status, reading no more of the
// answer than its first bytes.
func (pr Prober) ask(ctx context.Context, client *http.Client, l link) (int, error) {
	req, err := http.NewRequestWithContext(ctx, l.method, l.url, bytes.NewReader(l.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", pr.Config.UserAgent)
	if l.contentType != "" {
		req.Header.Set("Content-Type", l.contentType)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	return resp.StatusCode, nil
}
