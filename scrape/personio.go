package scrape

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// KindPersonio names the kind that reads a Personio company's public job
// feed.
const KindPersonio = "personio"

// The personio kind reads GET https://COMPANY.jobs.personio.de/xml (add
// ?language=en for English texts): one XML document, <workzag-jobs>,
// lists every published position of one company. The feed does not page,
// and states neither pay nor country nor a remote flag: those are left
// to the transform stage's reading of the office and the description.
var _ = register(Kind{
	Name:     KindPersonio,
	Doc:      "the Personio job feed: start_urls are https://COMPANY.jobs.personio.de/xml",
	Keys:     []string{"start_urls", "max_pages"},
	Required: []string{"start_urls"},
	Check:    checkAPI,
	reader:   personioReader{},
})

type personioReader struct{}

func (personioReader) start(src Source) []link { return startURLs(src, roleAPI) }

// personioPosition holds the fields of a Personio position that we use.
type personioPosition struct {
	ID                string   `xml:"id"`
	Subcompany        string   `xml:"subcompany"`
	Office            string   `xml:"office"`
	AdditionalOffices []string `xml:"additionalOffices>office"`
	Name              string   `xml:"name"`
	JobDescriptions   []struct {
		Name  string `xml:"name"`
		Value string `xml:"value"` // HTML, in CDATA
	} `xml:"jobDescriptions>jobDescription"`
	CreatedAt string `xml:"createdAt"`
}

func (personioReader) read(p page) ([]data.RawRecord, []link) {
	var feed struct {
		XMLName   xml.Name
		Positions []personioPosition `xml:"position"`
	}
	dec := xml.NewDecoder(bytes.NewReader(p.body))
	dec.Strict = true
	err := dec.Decode(&feed)
	if err == nil && feed.XMLName.Local != "workzag-jobs" {
		err = fmt.Errorf("root element <%s>, want <workzag-jobs>", feed.XMLName.Local)
	}
	if err != nil {
		return []data.RawRecord{wrongShape(p, data.RejectCodeBadXML, "personio", "a workzag-jobs feed", personioError(err))}, nil
	}
	company := hostCompany(p.url, ".jobs.personio.de")
	out := make([]data.RawRecord, 0, len(feed.Positions))
	for i, pos := range feed.Positions {
		id := strings.TrimSpace(pos.ID)
		u := postingURL(p, "", i)
		if id != "" {
			if ref, err := p.url.Parse("job/" + id); err == nil {
				ref.RawQuery = p.url.RawQuery // keeps ?language=
				u = ref.String()
			}
		}
		r := newRecord(p, u)
		r.Title = cleanText(pos.Name)
		r.Company = cmpOr(cleanText(pos.Subcompany), company)
		// Several offices are written "Munich; Berlin", which the
		// transform stage reads as several places.
		offices := []string{cleanText(pos.Office)}
		for _, o := range pos.AdditionalOffices {
			offices = append(offices, cleanText(o))
		}
		r.Location = joinNonEmpty("; ", offices...)
		r.PostedDate = apiDate(pos.CreatedAt, "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05-0700")
		var desc []string
		for _, d := range pos.JobDescriptions {
			desc = append(desc, joinNonEmpty(": ", cleanText(d.Name), htmlToText(d.Value)))
		}
		r.Description = joinNonEmpty(" ", desc...)
		if r.Title == "" {
			r.RejectReason, r.RejectCode = fmt.Sprintf("personio position %d (id %s) has no name", i+1, id), data.RejectCodeNoTitle
		}
		out = append(out, r)
	}
	return out, nil
}

// personioError says what an unreadable answer looked like: an HTML
// page or JSON is the usual mistake, and the XML error alone hides it.
func personioError(err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("not XML (line %d: %s)", syn.Line, syn.Msg)
	}
	return err
}
