package charts_test

import (
	"html"
	"regexp"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

var headlinePattern = regexp.MustCompile(`<p class="headline">(.*?)</p>`)

func TestHeadline(t *testing.T) {
	overall := func(premium, lo, hi float64, note string) []data.Premium {
		return []data.Premium{{Region: data.RegionAll, Quarter: data.QuarterAll,
			NOpenStack: 1020, NPython: 1392, MedianOpenStackUSD: 1, MedianPythonUSD: 1,
			Premium: premium, CILow: lo, CIHigh: hi, Confidence: 0.95, Method: method, Note: note}}
	}
	tests := []struct {
		name     string
		premiums []data.Premium
		want     string
	}{
		{"premium", overall(0.1412, 0.0913, 0.1934, ""),
			"OpenStack roles advertise 14% (95% CI 9%–19%) more pay than Python roles — 2,412 postings with pay, 2025-10-01 to 2026-09-30."},
		{"discount", overall(-0.061, -0.112, -0.012, ""),
			"OpenStack roles advertise 6% (95% CI 1%–11%) less pay than Python roles — 2,412 postings with pay, 2025-10-01 to 2026-09-30."},
		{"interval includes zero", overall(0.031, -0.018, 0.079, ""),
			"OpenStack roles advertise 3% more pay than Python roles, but the 95% CI, −2% to +8%, includes no difference — 2,412 postings with pay, 2025-10-01 to 2026-09-30."},
		{"about the same", overall(-0.004, -0.021, 0.015, ""),
			"OpenStack and Python roles advertise about the same pay (95% CI −2% to +2%) — 2,412 postings with pay, 2025-10-01 to 2026-09-30."},
		{"withheld", overall(nan, nan, nan, "withheld: 21 OpenStack postings, fewer than 30"),
			"The overall pay premium of OpenStack over Python roles is withheld (21 OpenStack postings, fewer than 30) — 2,412 postings with pay, 2025-10-01 to 2026-09-30."},
		{"withheld without note", overall(nan, nan, nan, ""),
			"The overall pay premium of OpenStack over Python roles is withheld — 2,412 postings with pay, 2025-10-01 to 2026-09-30."},
		{"employers", func() []data.Premium {
			rows := overall(0.1412, 0.0913, 0.1934, "")
			rows[0].NEmployersOpenStack, rows[0].NEmployersPython, rows[0].LargestEmployerShare = 10, 240, 0.472
			return rows
		}(),
			"OpenStack roles advertise 14% (95% CI 9%–19%) more pay than Python roles — 2,412 postings with pay (OpenStack from 10 employers; the largest posts 47%), 2025-10-01 to 2026-09-30."},
		{"no overall row", nil,
			"No overall estimate is available: the analysis produced no “All regions” row."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleReport()
			r.Premiums = tc.premiums
			m := headlinePattern.FindStringSubmatch(render(t, r))
			if m == nil {
				t.Fatal("page has no headline")
			}
			if got := html.UnescapeString(m[1]); got != tc.want {
				t.Errorf("headline\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}
