package data

import (
	"io"

	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// RawRecord is one posting as a source presented it, before any
// interpretation: the scrape stage's output and the transform stage's input.
// Every field is kept as the board wrote it, so normalization can be rerun
// with other settings without fetching again.
type RawRecord struct {
	Source      string // source name from the config
	Kind        string // source kind: jsonld, lever, html
	URL         string // the posting's own address
	PageSHA256  string // hash of the stored page the record came from
	Title       string
	Company     string
	Location    string // free-text place, as shown
	Country     string // country as given by structured data, may be a name or a code
	Remote      string // remote marker as given ("TELECOMMUTE", "remote", ...), "" if none
	PayText     string // pay as free text, when the board gives no structured pay
	PayMin      float64
	PayMax      float64
	PayCurrency string
	PayPeriod   string // period as the board names it ("YEAR", "per-year-salary", ...)
	PaySource   string // PaySourceEmployer or PaySourceBoard
	Description string // plain text
	PostedDate  string // as given: a date or date-time in any form, Unix milliseconds, or relative to FetchedAt
	// RejectReason, when set, says why this page could not be read as a
	// posting; the record is carried so that no fetched page goes uncounted.
	RejectReason string
	// RejectCode is RejectReason as one of the RejectCode* constants, set
	// by the scrape stage on every reject it makes. It is empty when
	// RejectReason is, and in raw.arrow files written before the
	// reject_code column existed (which read without error).
	RejectCode string
	// FetchedAt is when the page the record came from was fetched, RFC 3339
	// in UTC, against which a relative date ("3 days ago") is read. The
	// scrape stage sets it for pages fetched over HTTP(S); it is empty for
	// local pages, file sources, and in raw.arrow files written before the
	// fetched_at column existed (which read without error).
	FetchedAt string
}

var rawTable = newTable("raw",
	column[RawRecord]{name: "source", str: func(r *RawRecord) *string { return &r.Source }},
	column[RawRecord]{name: "kind", str: func(r *RawRecord) *string { return &r.Kind }},
	column[RawRecord]{name: "url", str: func(r *RawRecord) *string { return &r.URL }},
	column[RawRecord]{name: "page_sha256", str: func(r *RawRecord) *string { return &r.PageSHA256 }},
	column[RawRecord]{name: "title", str: func(r *RawRecord) *string { return &r.Title }},
	column[RawRecord]{name: "company", str: func(r *RawRecord) *string { return &r.Company }},
	column[RawRecord]{name: "location", str: func(r *RawRecord) *string { return &r.Location }},
	column[RawRecord]{name: "country", str: func(r *RawRecord) *string { return &r.Country }},
	column[RawRecord]{name: "remote", str: func(r *RawRecord) *string { return &r.Remote }},
	column[RawRecord]{name: "pay_text", str: func(r *RawRecord) *string { return &r.PayText }},
	column[RawRecord]{name: "pay_min", num: func(r *RawRecord) *float64 { return &r.PayMin }},
	column[RawRecord]{name: "pay_max", num: func(r *RawRecord) *float64 { return &r.PayMax }},
	column[RawRecord]{name: "pay_currency", str: func(r *RawRecord) *string { return &r.PayCurrency }},
	column[RawRecord]{name: "pay_period", str: func(r *RawRecord) *string { return &r.PayPeriod }},
	column[RawRecord]{name: "pay_source", str: func(r *RawRecord) *string { return &r.PaySource }},
	column[RawRecord]{name: "description", str: func(r *RawRecord) *string { return &r.Description }},
	column[RawRecord]{name: "posted_date", str: func(r *RawRecord) *string { return &r.PostedDate }},
	column[RawRecord]{name: "reject_reason", str: func(r *RawRecord) *string { return &r.RejectReason }},
	column[RawRecord]{name: "reject_code", str: func(r *RawRecord) *string { return &r.RejectCode }, optional: true},
	column[RawRecord]{name: "fetched_at", str: func(r *RawRecord) *string { return &r.FetchedAt }, optional: true},
)

// WriteRawIPC writes raw records as an Arrow IPC file.
func WriteRawIPC(w io.WriteSeeker, mem memory.Allocator, rows []RawRecord) error {
	wr, err := rawTable.newIPCWriter(w, mem)
	return writeAll(wr, err, rows)
}

// NewRawIPCWriter streams raw records into an Arrow IPC file.
func NewRawIPCWriter(w io.WriteSeeker, mem memory.Allocator) (*Writer[RawRecord], error) {
	return rawTable.newIPCWriter(w, mem)
}

// ReadRawIPC reads a whole Arrow IPC file of raw records.
func ReadRawIPC(r ipc.ReadAtSeeker, mem memory.Allocator) ([]RawRecord, error) {
	return readAll(rawTable.newIPCReader(r, mem))
}

// NewRawIPCReader streams raw records from an Arrow IPC file batch by
// batch; a missing or mistyped column fails here, before any row is read,
// except reject_code and fetched_at, which files written before they
// existed lack (their records read with them empty).
func NewRawIPCReader(r ipc.ReadAtSeeker, mem memory.Allocator) (*Reader[RawRecord], error) {
	return rawTable.newIPCReader(r, mem)
}

// NewRawParquetWriter streams raw records into a Parquet file, the table
// a file source reads back (its columns are the file source's field
// names); `jobmarket synth` writes its synthetic input this way.
func NewRawParquetWriter(w io.Writer, mem memory.Allocator) (*Writer[RawRecord], error) {
	return rawTable.newParquetWriter(w, mem, batchRows)
}

// How a source writes numeric dates whose day and month could be swapped
// ("07/08/2026"): its date_order, which the transform stage reads them by.
const (
	DateOrderDMY = "dmy" // day first: 07/08/2026 is 7 August
	DateOrderMDY = "mdy" // month first: 07/08/2026 is 8 July
)
