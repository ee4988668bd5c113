package redisq_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/scrape/redisq"
)

var urlTests = []struct {
	name  string
	input string
	addr  string // "" when an error is expected
	db    int
	user  string
	pass  string
	crawl string
	shown string // Target.String()
	err   string // part of the error
}{
	{name: "host port db", input: "redis://queue.lan:6379/0", addr: "queue.lan:6379", crawl: "default", shown: "redis://queue.lan:6379/0?crawl=default"},
	{name: "default port and db", input: "redis://queue.lan", addr: "queue.lan:6379", crawl: "default", shown: "redis://queue.lan:6379/0?crawl=default"},
	{name: "password only", input: "redis://:s3cret-pw@queue.lan:6380/2", addr: "queue.lan:6380", db: 2, pass: "s3cret-pw", crawl: "default", shown: "redis://queue.lan:6380/2?crawl=default"},
	{name: "user and password", input: "redis://crawler:s3cret-pw@10.0.0.5:6379/1", addr: "10.0.0.5:6379", db: 1, user: "crawler", pass: "s3cret-pw", crawl: "default", shown: "redis://10.0.0.5:6379/1?crawl=default"},
	{name: "crawl name", input: "redis://queue.lan:6379/0?crawl=2026-07_weekly", addr: "queue.lan:6379", crawl: "2026-07_weekly", shown: "redis://queue.lan:6379/0?crawl=2026-07_weekly"},
	{name: "go-redis option kept", input: "redis://queue.lan/0?dial_timeout=10s&crawl=a", addr: "queue.lan:6379", crawl: "a", shown: "redis://queue.lan:6379/0?crawl=a"},
	{name: "tls", input: "rediss://queue.lan:6379/0", addr: "queue.lan:6379", crawl: "default", shown: "rediss://queue.lan:6379/0?crawl=default"},
	{name: "ipv6", input: "redis://[::1]:6379/0", addr: "[::1]:6379", crawl: "default", shown: "redis://[::1]:6379/0?crawl=default"},

	{name: "http scheme", input: "http://queue.lan:6379/0", err: `scheme "http" is not redis`},
	{name: "unix socket", input: "unix:///run/redis.sock", err: `scheme "unix"`},
	{name: "no scheme", input: "queue.lan:6379", err: "scheme"},
	{name: "no host", input: "redis:///0", err: "no host"},
	{name: "db not a number", input: "redis://:s3cret-pw@queue.lan:6379/zero", err: "invalid database number"},
	{name: "two path parts", input: "redis://queue.lan:6379/0/1", err: "invalid URL path"},
	{name: "bad port", input: "redis://:s3cret-pw@queue.lan:six/0", err: "invalid port"},
	{name: "unknown option", input: "redis://queue.lan/0?crowl=x", err: "unexpected option: crowl"},
	{name: "crawl with colon", input: "redis://queue.lan/0?crawl=a:b", err: `crawl "a:b"`},
	{name: "empty crawl", input: "redis://queue.lan/0?crawl=", err: `crawl ""`},
	{name: "two crawls", input: "redis://queue.lan/0?crawl=a&crawl=b", err: `crawl "a,b"`},
	{name: "colons for a host", input: "redis://::", err: "neither a name nor an IP address"},
	{name: "fragment", input: "redis://queue.lan/0#x", err: "fragment"},
	{name: "control character", input: "redis://:s3cret-pw@queue.lan/0\x7f", err: "invalid control character"},
}

func TestParseURL(t *testing.T) {
	for _, tc := range urlTests {
		t.Run(tc.name, func(t *testing.T) {
			target, err := redisq.ParseURL(tc.input)
			if tc.err != "" {
				if err == nil {
					t.Fatalf("no error; want one containing %q", tc.err)
				}
				if !strings.Contains(err.Error(), tc.err) || !errors.Is(err, redisq.ErrBadURL) {
					t.Errorf("error %q; want ErrBadURL containing %q", err, tc.err)
				}
				if strings.Contains(err.Error(), "s3cret-pw") {
					t.Errorf("error shows the password: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			o := target.Options
			if o.Addr != tc.addr || o.DB != tc.db || o.Username != tc.user || o.Password != tc.pass || target.Crawl != tc.crawl {
				t.Errorf("got addr %q db %d user %q password %q crawl %q", o.Addr, o.DB, o.Username, o.Password, target.Crawl)
			}
			if got := target.String(); got != tc.shown {
				t.Errorf("String() = %q, want %q", got, tc.shown)
			}
		})
	}
}

// FuzzParseURL: ParseURL never panics; a URL it accepts is shown without
// its password and shows as a URL that parses to the same server and
// crawl; and no error repeats a password.
func FuzzParseURL(f *testing.F) {
	for _, tc := range urlTests {
		f.Add(tc.input)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		target, err := redisq.ParseURL(raw)
		password := ""
		if u, perr := url.Parse(raw); perr == nil && u.User != nil {
			password, _ = u.User.Password()
		}
		// A password that is short or also appears elsewhere in the URL
		// (as the host, say) may show legitimately.
		secret := len(password) >= 4 && strings.Count(raw, password) == 1
		if err != nil {
			if !errors.Is(err, redisq.ErrBadURL) {
				t.Errorf("error %q does not wrap ErrBadURL", err)
			}
			if secret && strings.Contains(err.Error(), password) {
				t.Errorf("error %q shows the password %q", err, password)
			}
			return
		}
		shown := target.String()
		if secret && strings.Contains(shown, password) {
			t.Errorf("String() %q shows the password %q", shown, password)
		}
		again, err := redisq.ParseURL(shown)
		if err != nil {
			t.Fatalf("String() %q does not parse: %v", shown, err)
		}
		if again.Options.Addr != target.Options.Addr || again.Options.DB != target.Options.DB ||
			again.Crawl != target.Crawl || (again.Options.TLSConfig == nil) != (target.Options.TLSConfig == nil) {
			t.Errorf("%q shows as %q, which parses to another target", raw, shown)
		}
	})
}
