package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

// TestDatesOfSources: each source's numeric dates read by its date_order,
// relative dates by the fetch time, and an unreadable date is counted,
// for the whole run and its source, with a note on the listing.
func TestDatesOfSources(t *testing.T) {
	uk := raw("u1", "Python Developer", "Acme", "London", "GB")
	uk.Source, uk.PostedDate = "uk", "07/08/2026"
	us := raw("u2", "Python Developer", "Bluefin", "Austin, TX", "US")
	us.Source, us.PostedDate = "us", "07/08/2026"
	unset := raw("u3", "Python Developer", "Corvid", "Berlin", "DE")
	unset.Source, unset.PostedDate = "unset", "07/08/2026"
	relative := raw("u4", "Python Developer", "Dune", "Toronto", "CA")
	relative.Source, relative.PostedDate, relative.FetchedAt = "us", "Posted 30+ Days Ago", "2026-09-14T08:00:00Z"
	noFetch := raw("u5", "Python Developer", "Eel", "Munich", "DE")
	noFetch.Source, noFetch.PostedDate = "unset", "3 days ago"
	none := raw("u6", "Python Developer", "Fox", "Hamburg", "DE")
	none.Source, none.PostedDate = "unset", ""

	cfg := testConfig()
	cfg.DateOrders = map[string]string{"uk": "dmy", "us": "mdy"}
	res, err := transform.Normalize(t.Context(), cfg, []data.RawRecord{uk, us, unset, relative, noFetch, none})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ day, note string }{
		"u1": {"2026-08-07", ""}, "u2": {"2026-07-08", ""}, "u3": {"", "date_order"},
		"u4": {"2026-08-15", "latest it can be"}, "u5": {"", "fetch time"}, "u6": {"", ""},
	}
	for _, l := range res.Listings {
		w := want[l.URL]
		if l.PostedDate != w.day || (w.note == "") != (l.Notes == "") || !strings.Contains(l.Notes, w.note) {
			t.Errorf("%s: date %q, notes %q; want %q with a note saying %q", l.URL, l.PostedDate, l.Notes, w.day, w.note)
		}
	}
	if got := res.Stats.BadDates; got != 2 {
		t.Errorf("BadDates = %d, want 2 (u3, u5)", got)
	}
	for _, s := range res.Stats.Sources {
		if want := map[string]int{"unset": 2}[s.Source]; s.BadDates != want {
			t.Errorf("source %s: BadDates = %d, want %d", s.Source, s.BadDates, want)
		}
	}
}

// TestAmbiguousDatesCounted: of the unreadable dates, those whose day and
// month could be swapped are counted apart, for the run and the source;
// an unambiguous day-first or month-first date is read with no order set,
// and a YYYYMMDD number is a date, not 1970-01-01.
func TestAmbiguousDatesCounted(t *testing.T) {
	var records []data.RawRecord
	for i, date := range []string{"19/07/2026", "07/21/2026", "03/04/2026", "04/03/2026", "31/31/2026", "20260101"} {
		r := raw(fmt.Sprintf("f%d", i), "Python Developer", fmt.Sprintf("Firm %d", i), "London", "GB")
		r.Source, r.PostedDate = "file", date
		records = append(records, r)
	}
	res, err := transform.Normalize(t.Context(), testConfig(), records)
	if err != nil {
		t.Fatal(err)
	}
	days := map[string]string{}
	for _, l := range res.Listings {
		days[l.URL] = l.PostedDate
	}
	want := map[string]string{"f0": "2026-07-19", "f1": "2026-07-21", "f2": "", "f3": "", "f4": "", "f5": "2026-01-01"}
	for url, day := range want {
		if days[url] != day {
			t.Errorf("%s: date %q, want %q", url, days[url], day)
		}
	}
	if st := res.Stats; st.BadDates != 3 || st.AmbiguousDates != 2 {
		t.Errorf("BadDates %d, AmbiguousDates %d; want 3 and 2", st.BadDates, st.AmbiguousDates)
	}
	if src := res.Stats.Sources[0]; src.BadDates != 3 || src.AmbiguousDates != 2 {
		t.Errorf("source: BadDates %d, AmbiguousDates %d; want 3 and 2", src.BadDates, src.AmbiguousDates)
	}
}
