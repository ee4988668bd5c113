package redisq

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/redis/go-redis/v9"
)

// DefaultCrawl is the crawl name of a URL that gives none.
const DefaultCrawl = "default"

// ErrBadURL is wrapped by every error ParseURL returns.
var ErrBadURL = errors.New("bad queue URL")

// crawlName is what a crawl name may be: it goes into key names, where a
// colon would make them ambiguous, and into logs.
var crawlName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// hostName is a DNS name, loosely: what a server may be called.
var hostName = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_])?$`)

// Target is a parsed queue URL: which Redis server, and which crawl on it.
type Target struct {
	// Options are for redis.NewClient; they hold the password, if any.
	Options *redis.Options
	// Crawl names the crawl, from the URL's crawl parameter; default
	// DefaultCrawl. Workers share state only when they name the same crawl.
	Crawl string
}

// String is the URL to show in logs and messages: scheme, host, port,
// database and crawl, never the user name or password.
func (t Target) String() string {
	scheme := "redis"
	if t.Options.TLSConfig != nil {
		scheme = "rediss"
	}
	return fmt.Sprintf("%s://%s/%d?crawl=%s", scheme, t.Options.Addr, t.Options.DB, t.Crawl)
}

// URLError is a queue URL that cannot be used. URL is the URL as given
// with its password masked; Err says what is wrong. It wraps ErrBadURL.
type URLError struct {
	URL string
	Err error
}

func (e *URLError) Error() string {
	return fmt.Sprintf("%q: %v (want redis://[user:password@]host:port/db[?crawl=name])", e.URL, e.Err)
}

func (e *URLError) Unwrap() []error { return []error{ErrBadURL, e.Err} }

// ParseURL reads redis://[user:password@]host[:port][/db][?crawl=name]
// (rediss:// for TLS). The port defaults to 6379 and the database to 0;
// crawl must be letters, digits, '.', '_' or '-', at most 64 of them, and
// defaults to DefaultCrawl. Any other query parameter is go-redis's (for
// example dial_timeout=10s). Errors are *URLError and never contain the
// password: the URL usually comes from a config file whose errors are
// printed and logged.
func ParseURL(raw string) (Target, error) {
	fail := func(err error) (Target, error) { return Target{}, &URLError{URL: maskPassword(raw), Err: err} }
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the whole URL, password and all.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fail(err)
	}
	switch {
	case u.Scheme != "redis" && u.Scheme != "rediss":
		return fail(fmt.Errorf("scheme %q is not redis or rediss", u.Scheme))
	case u.Opaque != "" || u.Hostname() == "":
		return fail(errors.New("no host"))
	case net.ParseIP(u.Hostname()) == nil && !hostName.MatchString(u.Hostname()):
		return fail(fmt.Errorf("host %q is neither a name nor an IP address", u.Hostname()))
	case u.Fragment != "":
		return fail(errors.New("a #fragment means nothing here"))
	}
	q := u.Query()
	crawl := DefaultCrawl
	if names, ok := q["crawl"]; ok {
		if len(names) != 1 || !crawlName.MatchString(names[0]) {
			return fail(fmt.Errorf("crawl %q: want one name of letters, digits, '.', '_' or '-', at most 64", strings.Join(names, ",")))
		}
		crawl = names[0]
		q.Del("crawl")
	}
	u.RawQuery = q.Encode()
	opts, err := redis.ParseURL(u.String())
	if err != nil {
		return fail(errors.New(strings.TrimPrefix(err.Error(), "redis: ")))
	}
	return Target{Options: opts, Crawl: crawl}, nil
}

// maskPassword replaces the password in a URL's user info with "xxxxx",
// reading the URL the way net/url does (the user info ends at the last '@'
// before the first '/', '?' or '#' after "//"), but without needing the
// URL to be valid.
func maskPassword(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "//")
	if !ok {
		return raw
	}
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return raw
	}
	user, _, hasPassword := strings.Cut(authority[:at], ":")
	if !hasPassword {
		return raw
	}
	return scheme + "//" + user + ":xxxxx" + authority[at:] + tail
}
