package main

import (
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// undatedNote says how many postings in All regions have no posted date,
// summed over the sources and by source; "" when none. They are in the
// estimates over all quarters but in no quarter's, which a researcher
// reading a trend must know.
func undatedNote(funnels []data.Funnel) string {
	total := 0
	var per []string
	for _, f := range funnels {
		if f.Undated > 0 {
			total += f.Undated
			per = append(per, fmt.Sprintf("%s %d", f.Source, f.Undated))
		}
	}
	if total == 0 {
		return ""
	}
	return fmt.Sprintf("%d postings in All regions have no posted date (%s): none given, or one that could not be read "+
		"(their notes say why; set date_order on a source whose dates read either way). They count over all quarters, in no quarter.",
		total, strings.Join(per, ", "))
}
