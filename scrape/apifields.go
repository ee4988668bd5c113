package scrape

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jobmarket/jobmarket/data"
)

// amount is a pay figure an API gives as a JSON number, a numeric string
// ("85000", "85,000.00") or null. An absent, null or unreadable figure
// reads as NaN, which the transform stage takes for "not stated".
type amount float64

// UnmarshalJSON implements json.Unmarshaler; it never fails, so one odd
// figure does not cost the whole response.
func (a *amount) UnmarshalJSON(b []byte) error {
	*a = amount(math.NaN())
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return nil
		}
		b = []byte(strings.NewReplacer(",", "", " ", "", "'", "").Replace(s))
	}
	if f, err := strconv.ParseFloat(string(b), 64); err == nil && !math.IsInf(f, 0) {
		*a = amount(f)
	}
	return nil
}

// orNaNAmount reads a figure held through a pointer, as API structs hold
// them so that an absent or null figure (a nil pointer) reads as NaN.
func orNaNAmount(a *amount) float64 {
	if a == nil {
		return math.NaN()
	}
	return float64(*a)
}

// apiDate returns s as an RFC 3339 date-time in UTC when it reads under
// one of layouts (an API's documented date format), else s as given, so
// the transform stage still sees, and counts, a date it cannot read.
func apiDate(s string, layouts ...string) string {
	s = strings.TrimSpace(s)
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return s
}

// hostCompany names a company from the first label of a board's host
// name when the host ends in suffix: acme-cloud.recruitee.com →
// "Acme Cloud". It is the fallback for responses that name no employer.
func hostCompany(u *url.URL, suffix string) string {
	host := u.Hostname()
	if !strings.HasSuffix(host, suffix) {
		return ""
	}
	label, _, _ := strings.Cut(host, ".")
	return leverCompany(label)
}

// wrongShape is the reject of a response that is not what its kind's API
// answers: another API's answer, an HTML error page, a login wall.
func wrongShape(p page, code, kind, want string, err error) data.RawRecord {
	reason := fmt.Sprintf("%s response is not %s", kind, want)
	if err != nil {
		reason += ": " + err.Error()
	}
	return reject(p, code, reason)
}

// postingURL is an API posting's own address, or the response's URL with
// the posting's position (#3) when the API gives none.
func postingURL(p page, given string, i int) string {
	if given != "" {
		return given
	}
	return p.url.String() + "#" + strconv.Itoa(i+1)
}

// cmpOr returns the first of its arguments that is not blank.
func cmpOr(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, s := range parts {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, sep)
}
