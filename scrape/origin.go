package scrape

import (
	"net/url"
	"strings"
)

// origins are the places a source's pages may come from: each entry URL's
// host with its port (two services on one machine are two sites), and a
// scheme class, so that a bundled page's absolute link never reaches the
// network.
type origins map[string]bool

func originsOf(urls []string) origins {
	o := origins{}
	for _, raw := range urls {
		if u, err := url.Parse(raw); err == nil {
			o[originOf(u)] = true
		}
	}
	return o
}

func (o origins) allow(u *url.URL) bool { return o[originOf(u)] }

func originOf(u *url.URL) string {
	class := ""
	switch u.Scheme {
	case "http", "https":
		class = "web"
	case BundledScheme, "file":
		class = u.Scheme
	default:
		return ""
	}
	port := u.Port()
	if port == "80" || port == "443" {
		port = "" // http://x and https://x are one site
	}
	return class + "://" + strings.ToLower(u.Hostname()) + ":" + port
}
