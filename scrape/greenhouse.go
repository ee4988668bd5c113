package scrape

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"net/url"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// The greenhouse kind reads Greenhouse's public job board API,
// GET /v1/boards/{token}/jobs?content=true: one response lists every open
// posting of one board, descriptions included. The list carries no pay
// ranges; for a posting whose list entry states no pay, the kind asks the
// single-job endpoint, GET /v1/boards/{token}/jobs/{id}?pay_transparency=true,
// which adds pay_input_ranges, and reads the posting from that answer.
var _ = register(Kind{
	Name:     KindGreenhouse,
	Doc:      "the Greenhouse job board API: start_urls are https://boards-api.greenhouse.io/v1/boards/TOKEN/jobs?content=true",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   greenhouseReader{},
})

type greenhouseReader struct{}

func (greenhouseReader) start(src Source) []link { return startURLs(src, roleAPI) }

// greenhouseJob holds the fields of a Greenhouse job that we use. Pay is
// rarely structured: boards that publish pay ranges put them in
// pay_input_ranges (in cents, one per pay zone) or a custom metadata
// field; most write it in the description, where the transform stage
// finds it.
type greenhouseJob struct {
	ID             json.Number `json:"id"`
	Title          *string     `json:"title"`
	CompanyName    string      `json:"company_name"`
	UpdatedAt      string      `json:"updated_at"`
	FirstPublished string      `json:"first_published"`
	AbsoluteURL    string      `json:"absolute_url"`
	Location       struct {
		Name string `json:"name"`
	} `json:"location"`
	Content        string              `json:"content"` // HTML, itself HTML-escaped
	Metadata       []greenhouseMeta    `json:"metadata"`
	PayInputRanges []greenhousePayZone `json:"pay_input_ranges"`
}

type greenhouseMeta struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

func (greenhouseReader) read(p page) ([]data.RawRecord, []link) {
	if p.role == rolePosting {
		var j greenhouseJob
		err := json.Unmarshal(p.body, &j)
		if err == nil && (j.Title == nil || j.ID == "") {
			err = errors.New(`no "id" and "title"`)
		}
		if err != nil {
			return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "greenhouse", "a job", err)}, nil
		}
		return []data.RawRecord{greenhouseRecord(p, j, 0)}, nil
	}
	var board struct {
		Jobs *[]greenhouseJob `json:"jobs"`
	}
	err := json.Unmarshal(p.body, &board)
	if err == nil && board.Jobs == nil {
		err = errors.New(`no "jobs" array`)
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadJSON, "greenhouse", "a job board", err)}, nil
	}
	var out []data.RawRecord
	var follow []link
	for i, j := range *board.Jobs {
		r := greenhouseRecord(p, j, i)
		if detail := greenhouseDetail(p.url, j.ID); r.RejectReason == "" && r.PaySource == "" && detail != "" {
			follow = append(follow, get(detail, rolePosting))
			continue
		}
		out = append(out, r)
	}
	return out, follow
}

func greenhouseRecord(p page, j greenhouseJob, i int) data.RawRecord {
	r := newRecord(p, postingURL(p, j.AbsoluteURL, i))
	if j.Title != nil {
		r.Title = cleanText(*j.Title)
	}
	r.Company = cmpOr(cleanText(j.CompanyName), greenhouseCompany(p.url.Path))
	r.Location = cleanText(j.Location.Name)
	r.PostedDate = cmpOr(j.FirstPublished, j.UpdatedAt)
	// content arrives escaped once more than HTML needs ("&lt;p&gt;").
	r.Description = htmlToText(html.UnescapeString(j.Content))
	r.Remote = greenhouseRemote(j.Metadata)
	if zone, note := pickPayZone(j.PayInputRanges, r.Location); zone != nil {
		r.PayMin, r.PayMax = cents(zone.MinCents), cents(zone.MaxCents)
		r.PayCurrency = zone.CurrencyType
		r.PayText = note
		r.PaySource = data.PaySourceEmployer
	} else if pay := greenhousePayField(j); pay != "" {
		r.PayText = pay
		r.PaySource = data.PaySourceEmployer
	}
	if r.Title == "" {
		r.RejectReason, r.RejectCode = fmt.Sprintf("greenhouse job %d (id %s) has no title", i+1, j.ID), data.RejectCodeNoTitle
	}
	return r
}

// greenhouseDetail is the single-job URL of job id on the board whose list
// is at list (…/v1/boards/TOKEN/jobs), or "" when list is not such a URL.
func greenhouseDetail(list *url.URL, id json.Number) string {
	if id == "" || !strings.HasSuffix(list.Path, "/jobs") {
		return ""
	}
	u := *list
	u.Path = list.Path + "/" + url.PathEscape(id.String())
	u.RawPath = ""
	u.RawQuery = "pay_transparency=true"
	return u.String()
}

// greenhousePayField finds a custom field that holds pay, which boards
// name as they like ("Salary Range", "Compensation").
func greenhousePayField(j greenhouseJob) string {
	for _, m := range j.Metadata {
		name := strings.ToLower(m.Name)
		if strings.Contains(name, "salary") || strings.Contains(name, "compensation") || strings.Contains(name, "pay") {
			if s := cleanText(str(m.Value)); s != "" {
				return s
			}
		}
	}
	return ""
}

// greenhouseRemote reads a custom field naming the workplace type
// ("Workplace Type": "Remote", "Location Type": "Fully remote", "Remote":
// true) as "remote"; hybrid and on-site read as "".
func greenhouseRemote(meta []greenhouseMeta) string {
	for _, m := range meta {
		name := strings.ToLower(m.Name)
		if !strings.Contains(name, "remote") && !strings.Contains(name, "workplace") && !strings.Contains(name, "location type") &&
			!strings.Contains(name, "work type") && !strings.Contains(name, "work arrangement") {
			continue
		}
		var v string
		switch t := m.Value.(type) {
		case bool:
			if t && strings.Contains(name, "remote") {
				return "remote"
			}
			continue
		case []any:
			v = strings.ToLower(str(first(t)))
		default:
			v = strings.ToLower(cleanText(str(t)))
		}
		if strings.Contains(v, "remote") && !strings.Contains(v, "hybrid") && !strings.Contains(v, "not remote") &&
			!strings.Contains(v, "non-remote") && !strings.Contains(v, "no remote") {
			return "remote"
		}
	}
	return ""
}

// greenhouseCompany names the company from the board token,
// /v1/boards/acme-cloud/jobs → "Acme Cloud", for responses without
// company_name.
func greenhouseCompany(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i, part := range parts {
		if part == "boards" && i+1 < len(parts) {
			return leverCompany(parts[i+1])
		}
	}
	return ""
}

func cents(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v / 100
}
