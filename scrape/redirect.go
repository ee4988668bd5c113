package scrape

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/jobmarket/jobmarket/data"
)

// maxRedirects is how many hops one request follows: net/http's and
// colly's limit.
const maxRedirects = 10

// redirectError is a redirect hop not followed; code is the reject's.
type redirectError struct {
	code, reason string
}

func (e *redirectError) Error() string { return e.reason }

// redirect is colly's redirect handler: each hop is checked as a link is
// (the source's origins, robots.txt) and is one more request against
// max_pages. colly's own check (a hop to a URL already asked for is a
// loop) runs before it.
func (cr *crawler) redirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return http.ErrUseLastResponse
	}
	if !cr.origins.allow(req.URL) {
		return &redirectError{code: data.RejectCodeOffSite, reason: fmt.Sprintf("redirect leaves the source's domains (to %s); not followed", req.URL)}
	}
	if cr.robots != nil {
		var blocked *robotsError
		if err := cr.robots.check(req.Context(), req.URL); errors.As(err, &blocked) {
			return &redirectError{code: data.RejectCodeRobots, reason: fmt.Sprintf("redirect to %s: %s", req.URL, blocked.reason)}
		} else if err != nil {
			return err
		}
	}
	if cr.requested.Add(1) > cr.maxPages {
		cr.requested.Add(-1)
		return &redirectError{code: data.RejectCodeLimit, reason: fmt.Sprintf("redirect to %s not followed: max_pages (%d) reached", req.URL, cr.maxPages)}
	}
	if cr.shared != nil {
		return cr.shared.redirect(req, via)
	}
	if req.URL.Host != via[len(via)-1].URL.Host {
		req.Header.Del("Authorization")
	}
	return nil
}

// robotsAllow says whether robots.txt lets u be fetched; if not, u is
// recorded once as a robots reject.
func (cr *crawler) robotsAllow(u string, parsed *url.URL) bool {
	if cr.robots == nil {
		return true
	}
	var blocked *robotsError
	err := cr.robots.check(cr.ctx, parsed)
	switch {
	case errors.As(err, &blocked):
		cr.once(u, func(s *SourceStats) data.RawRecord {
			s.RobotsBlocked++
			return cr.reject(u, data.RejectCodeRobots, blocked.reason)
		})
		return false
	case err != nil:
		return false // cancelled
	}
	return true
}
