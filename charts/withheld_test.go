package charts_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestRenderWithheld checks that a withheld region (Asia-Pacific in the
// sample) is drawn as "withheld" and never as an interval, and that its
// table row says so instead of showing numbers.
func TestRenderWithheld(t *testing.T) {
	page := render(t, sampleReport())
	script := chartScript(t, page)

	estimates, withheld, ok := strings.Cut(script, `{"name":"withheld","type":"custom"`)
	if !ok {
		t.Fatal("chart has no withheld series")
	}
	if strings.Contains(estimates, "Asia-Pacific") && !strings.Contains(estimates, `"Asia-Pacific (n=21 / 40)"`) {
		t.Error("withheld region is in the interval series")
	}
	if strings.Contains(estimates, `"name":"Asia-Pacific"`) {
		t.Error("withheld region has an interval")
	}
	if !strings.Contains(withheld, `"name":"Asia-Pacific"`) {
		t.Error("withheld region is missing from the withheld series")
	}
	if !strings.Contains(withheld, "withheld: 21 OpenStack postings, fewer than 30") {
		t.Error("withheld tooltip does not give the reason")
	}
	if !strings.Contains(script, `"Asia-Pacific (n=21 / 40)"`) {
		t.Error("withheld region has no axis label with its sample sizes")
	}

	row := regexp.MustCompile(`(?s)<tr class="withheld">\s*<th scope="row">Asia-Pacific</th>.*?</tr>`).FindString(page)
	if row == "" {
		t.Fatal("no withheld table row for Asia-Pacific")
	}
	for _, want := range []string{"<td>withheld</td>", `<td class="interval">—</td>`, "fewer than 30"} {
		if !strings.Contains(row, want) {
			t.Errorf("withheld row %q does not contain %q", row, want)
		}
	}
	if strings.Contains(row, "%") {
		t.Errorf("withheld row %q shows a percentage", row)
	}
}
