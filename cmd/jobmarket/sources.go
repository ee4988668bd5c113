package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/scrape"
)

// secretParams are query parameters whose values sources shows masked:
// the names APIs give keys and tokens.
var secretParams = []string{"key", "api_key", "apikey", "token", "access_token", "secret", "password", "signature", "sig"}

// shownURL is a source's URL as sources prints it: the config's ${NAME}
// secrets masked by the one masker every output goes through, and the
// values of key and token parameters typed into the config masked too.
func shownURL(mask *data.Masker, raw string) string {
	raw = mask.String(raw)
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	masked := false
	for name := range q {
		for _, s := range secretParams {
			if strings.EqualFold(name, s) {
				q.Set(name, "***")
				masked = true
			}
		}
	}
	if !masked {
		return raw
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// storeUse is what the page store holds for one source.
type storeUse struct {
	pages int
	bytes int64
	last  time.Time
}

// ownerOf picks the source a stored page belongs to: of the sources with
// an entry URL on the page's host, the one whose entry URL shares the
// longest prefix with the page's URL; -1 for none. The store keys pages
// by URL alone, so this is how a page is told apart.
func ownerOf(sources []scrape.Source, page string) int {
	pu, err := url.Parse(page)
	if err != nil {
		return -1
	}
	best, bestLen := -1, -1
	for i, s := range sources {
		for _, entry := range append(append(append([]string(nil), s.StartURLs...), s.Sitemaps...), s.Feeds...) {
			eu, err := url.Parse(entry)
			if err != nil || eu.Host != pu.Host {
				continue
			}
			n := 0
			for n < len(entry) && n < len(page) && entry[n] == page[n] {
				n++
			}
			if n > bestLen {
				best, bestLen = i, n
			}
		}
	}
	return best
}

// runSources lists the configured sources with their kind, entry URLs (or
// path) and what the page store holds for each.
func runSources(_ context.Context, e *env) error {
	srcs := e.cfg.Sources
	use := make([]storeUse, len(srcs)+1) // the last: pages of no source
	stored := false
	if _, err := os.Stat(e.cfg.Scrape.Store); err == nil {
		store, err := scrape.OpenStore(e.cfg.Scrape.Store)
		if err != nil {
			return err
		}
		for _, p := range store.Pages() {
			i := ownerOf(srcs, p.URL)
			if i < 0 {
				i = len(srcs)
			}
			use[i].pages++
			use[i].bytes += p.Bytes()
			if p.Fetched.After(use[i].last) {
				use[i].last = p.Fetched
			}
			stored = true
		}
		if err := store.Close(); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "source\tkind\tstart URLs, sitemaps, feeds or path\tstored pages\tbytes\tlast fetched\t")
	row := func(name, kind string, where []string, u storeUse) {
		last, size, pages := "—", "—", "—"
		if u.pages > 0 {
			last, size, pages = u.last.UTC().Format("2006-01-02 15:04 UTC"), humanBytes(u.bytes), fmt.Sprint(u.pages)
		}
		if len(where) == 0 {
			where = []string{""}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", name, kind, where[0], pages, size, last)
		for _, w := range where[1:] {
			fmt.Fprintf(tw, "\t\t%s\t\t\t\t\n", w)
		}
	}
	for i, s := range srcs {
		var where []string
		for _, u := range slices.Concat(s.StartURLs, s.Sitemaps, s.Feeds) {
			where = append(where, shownURL(e.mask, u))
		}
		if s.Path != "" {
			where = append(where, s.Path)
		}
		row(s.Name, s.Kind, where, use[i])
	}
	if other := use[len(srcs)]; other.pages > 0 {
		row("(no source)", "", []string{"pages of sources no longer configured"}, other)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	state := "empty"
	if stored {
		_, total, err := storeFiles(e.cfg.Scrape.Store)
		if err != nil {
			return err
		}
		state = humanBytes(total) + " on disk; `jobmarket clean --yes` removes it"
	}
	_, err := fmt.Fprintf(e.stdout, "\npage store %s: %s\n", e.cfg.Scrape.Store, state)
	return err
}

// sourcesCommand is `jobmarket sources`.
var sourcesCommand = stageCommand{
	use:   "sources",
	short: "List the configured sources and what the page store holds for each",
	long: `List the config's sources: name, kind, start URLs, sitemaps and feeds (or a
file source's path), and how many pages the page store holds for each,
how large, and when the latest was fetched. Values taken from the
environment are shown as written (${NAME}), and key or token parameters
of a URL are masked.`,
	flags: flagConfig,
	run:   runSources,
}
