package analyze

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/jobmarket/jobmarket/data"
)

// noteSilentSources says, on the funnel row of every source without
// postings, why it has none, and adds a row for each of sources that gave
// no records at all, so that the report shows a source that was silent
// rather than leaving it out. For a period (limited), rejects are not
// counted and a row without postings has none in the period.
func noteSilentSources(funnel []data.Funnel, sources []string, rejects []data.Reject, limited bool) []data.Funnel {
	seen := map[string]bool{}
	for _, f := range funnel {
		seen[f.Source] = true
	}
	for _, s := range sources {
		if !seen[s] {
			seen[s] = true
			funnel = append(funnel, data.Funnel{Source: s})
		}
	}
	type codeCount struct {
		n      int
		reason string // the first reject's
	}
	var byCode map[string]map[string]*codeCount // source → code → count
	for i := range funnel {
		f := &funnel[i]
		switch {
		case f.Parsed > 0:
			continue
		case limited:
			f.Note = "no postings in the period"
			continue
		case f.Fetched == 0:
			f.Note = "gave no records: nothing was fetched or read (see the scrape summary)"
			continue
		}
		if byCode == nil {
			byCode = map[string]map[string]*codeCount{}
			for _, r := range rejects {
				codes := byCode[r.Source]
				if codes == nil {
					codes = map[string]*codeCount{}
					byCode[r.Source] = codes
				}
				c := codes[r.Code]
				if c == nil {
					c = &codeCount{reason: r.Reason}
					codes[r.Code] = c
				}
				c.n++
			}
		}
		codes := byCode[f.Source]
		if len(codes) == 0 {
			f.Note = fmt.Sprintf("no postings: all %d records rejected", f.Fetched)
			continue
		}
		top := slices.MaxFunc(slices.Sorted(maps.Keys(codes)), func(a, b string) int {
			// The most frequent code; of equals, the first by name.
			return cmp.Or(cmp.Compare(codes[a].n, codes[b].n), cmp.Compare(b, a))
		})
		f.Note = fmt.Sprintf("no postings: all %d records rejected, %d as %s (%s)", f.Fetched, codes[top].n, top, codes[top].reason)
	}
	return funnel
}
