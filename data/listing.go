package data

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
)

// Listing is one normalized posting: a row of listings.parquet and
// listings.arrow. Money fields are NaN (null in the files) when not stated.
type Listing struct {
	Source     string
	URL        string
	PostedDate string // "2006-01-02", "" when the board gave none
	Quarter    string // "2026Q3", "" when the date is unknown
	Title      string
	Company    string
	Location   string // as shown by the board
	Country    string // ISO 3166-1 alpha-2, "" when unknown
	// Region is the region name from the config, or one of RegionUnknown,
	// RegionOutside, RegionMulti and RegionAnywhere.
	Region string
	Remote bool

	SalaryMin       float64 // as stated, in SalaryCurrency per SalaryPeriod
	SalaryMax       float64
	SalaryCurrency  string  // ISO 4217
	SalaryPeriod    string  // HOUR, DAY, WEEK, MONTH, YEAR
	SalaryAnnualUSD float64 // midpoint, annualized, converted to USD
	SalarySource    string  // PaySourceEmployer or PaySourceBoard
	SalaryText      string  // the pay text it was read from, if any
	// SalaryNote says why there is no usable pay (none stated, unreadable,
	// unknown currency) or why the pay is left out of estimates (outlier).
	SalaryNote string
	// SalaryCode is SalaryNote as a code for counting: one of the
	// SalaryCode* constants, "" when the pay enters estimates.
	SalaryCode string

	Role Role
	// RoleEvidence says which rule and words made the role, for audits.
	RoleEvidence string
	// OpenStack and Python say how central each technology is to the
	// posting: LevelCore, LevelListed or LevelNone. Role follows from them
	// and classify.definition (see RoleUnder).
	OpenStack Level
	Python    Level
	// Seniority from the title: junior, mid, senior, lead, principal; ""
	// when neither the title nor the text says. When the title names no
	// level, the text may ("5+ years", "lead a team"); Notes then says so.
	Seniority   string
	DuplicateOf string // URL of the first listing of the same posting, "" if none
	// Notes holds what normalization could not settle, e.g. an unknown place.
	Notes string
}

// The region of a listing whose place is in no one configured region.
// Each is counted as a step of the funnel; only RegionAnywhere has an
// estimate of its own (data.RegionAnywhere rows).
const (
	// RegionUnknown: the place names no country and no area we know.
	RegionUnknown = "Unknown"
	// RegionOutside: the country, or every country of the area, is in no
	// configured region.
	RegionOutside = "Outside regions"
	// RegionMulti: the place names an area whose countries fall in several
	// configured regions ("EMEA" with Europe and Middle East & Africa), or
	// several such areas ("Europe or Asia"). It counts in none of them.
	RegionMulti = "Several regions"
	// RegionAnywhere: the posting is open anywhere ("Remote", "Worldwide",
	// "Anywhere in the World"). Its pay is set for no one labour market, so
	// it has rows of its own and joins All regions only when
	// analysis.regions_include_anywhere says so.
	RegionAnywhere = "Remote, anywhere"
)

// PlaceRegions are the region values that name no configured region, in
// the order the funnel lists them.
var PlaceRegions = []string{RegionUnknown, RegionOutside, RegionMulti, RegionAnywhere}

// SalaryNoteOutlier marks pay that was read but is implausible as annual
// pay; such listings stay in the table and out of estimates.
const SalaryNoteOutlier = "outlier"

// Values of Listing.Seniority, from the title; "" when the title names no
// level.
const (
	SeniorityJunior    = "junior"
	SeniorityMid       = "mid"
	SenioritySenior    = "senior"
	SeniorityLead      = "lead"
	SeniorityPrincipal = "principal"
)

// SeniorityLevels lists the seniority levels from lowest to highest.
var SeniorityLevels = []string{SeniorityJunior, SeniorityMid, SenioritySenior, SeniorityLead, SeniorityPrincipal}

// Values of Listing.SalaryCode: why a listing's pay does not enter
// estimates. An empty code means it does.
const (
	SalaryCodeNoPay           = "no_pay"           // no figure stated, or hidden ("competitive", "DOE", equity only)
	SalaryCodeUnparsed        = "unparsed_pay"     // a figure that cannot be read with confidence
	SalaryCodeNoCurrency      = "no_currency"      // no currency stated and the country unknown
	SalaryCodeNoRate          = "no_rate"          // the currency has no rate in currency.rates
	SalaryCodeNotAnnualizable = "not_annualizable" // a one-time amount or a period with no yearly factor
	SalaryCodeOutlier         = "outlier"          // annual pay outside pay.min_annual_usd..max_annual_usd
)

var listingTable = newTable("listings",
	column[Listing]{name: "source", str: func(l *Listing) *string { return &l.Source }},
	column[Listing]{name: "url", str: func(l *Listing) *string { return &l.URL }},
	column[Listing]{name: "posted_date", day: func(l *Listing) *string { return &l.PostedDate }},
	column[Listing]{name: "quarter", str: func(l *Listing) *string { return &l.Quarter }},
	column[Listing]{name: "title", str: func(l *Listing) *string { return &l.Title }},
	column[Listing]{name: "company", str: func(l *Listing) *string { return &l.Company }},
	column[Listing]{name: "location", str: func(l *Listing) *string { return &l.Location }},
	column[Listing]{name: "country", str: func(l *Listing) *string { return &l.Country }},
	column[Listing]{name: "region", str: func(l *Listing) *string { return &l.Region }},
	column[Listing]{name: "remote", flag: func(l *Listing) *bool { return &l.Remote }},
	column[Listing]{name: "salary_min", num: func(l *Listing) *float64 { return &l.SalaryMin }},
	column[Listing]{name: "salary_max", num: func(l *Listing) *float64 { return &l.SalaryMax }},
	column[Listing]{name: "salary_currency", str: func(l *Listing) *string { return &l.SalaryCurrency }},
	column[Listing]{name: "salary_period", str: func(l *Listing) *string { return &l.SalaryPeriod }},
	column[Listing]{name: "salary_annual_usd", num: func(l *Listing) *float64 { return &l.SalaryAnnualUSD }},
	column[Listing]{name: "salary_source", str: func(l *Listing) *string { return &l.SalarySource }},
	column[Listing]{name: "salary_text", str: func(l *Listing) *string { return &l.SalaryText }},
	column[Listing]{name: "salary_note", str: func(l *Listing) *string { return &l.SalaryNote }},
	column[Listing]{name: "salary_code", str: func(l *Listing) *string { return &l.SalaryCode }},
	column[Listing]{name: "role", str: func(l *Listing) *string { return (*string)(&l.Role) }},
	column[Listing]{name: "role_evidence", str: func(l *Listing) *string { return &l.RoleEvidence }},
	column[Listing]{name: "openstack", str: func(l *Listing) *string { return (*string)(&l.OpenStack) }},
	column[Listing]{name: "python", str: func(l *Listing) *string { return (*string)(&l.Python) }},
	column[Listing]{name: "seniority", str: func(l *Listing) *string { return &l.Seniority }},
	column[Listing]{name: "duplicate_of", str: func(l *Listing) *string { return &l.DuplicateOf }},
	column[Listing]{name: "notes", str: func(l *Listing) *string { return &l.Notes }},
)

// ListingsSchema is the Arrow schema of the listings table.
func ListingsSchema() *arrow.Schema { return listingTable.schema }

// WriteListingsIPC writes listings as an Arrow IPC file.
func WriteListingsIPC(w io.WriteSeeker, mem memory.Allocator, rows []Listing) error {
	wr, err := listingTable.newIPCWriter(w, mem)
	return writeAll(wr, err, rows)
}

// NewListingsIPCWriter streams listings into an Arrow IPC file.
func NewListingsIPCWriter(w io.WriteSeeker, mem memory.Allocator) (*Writer[Listing], error) {
	return listingTable.newIPCWriter(w, mem)
}

// ReadListingsIPC reads an Arrow IPC file with the listings schema; extra
// columns are ignored, a missing or mistyped column is an error.
func ReadListingsIPC(r ipc.ReadAtSeeker, mem memory.Allocator) ([]Listing, error) {
	return readAll(listingTable.newIPCReader(r, mem))
}

// NewListingsIPCReader streams listings from an Arrow IPC file batch by
// batch, for tables too large to hold.
func NewListingsIPCReader(r ipc.ReadAtSeeker, mem memory.Allocator) (*Reader[Listing], error) {
	return listingTable.newIPCReader(r, mem)
}

// WriteListingsParquet writes listings as a Snappy-compressed Parquet file.
func WriteListingsParquet(w io.Writer, mem memory.Allocator, rows []Listing) error {
	wr, err := listingTable.newParquetWriter(w, mem, batchRows)
	return writeAll(wr, err, rows)
}

// NewListingsParquetWriter streams listings into a Snappy-compressed
// Parquet file with row groups of 65,536 rows.
func NewListingsParquetWriter(w io.Writer, mem memory.Allocator) (*Writer[Listing], error) {
	return listingTable.newParquetWriter(w, mem, batchRows)
}

// ReadListingsParquet reads a Parquet file with the listings schema.
func ReadListingsParquet(ctx context.Context, r parquet.ReaderAtSeeker, mem memory.Allocator) ([]Listing, error) {
	return readAll(listingTable.newParquetReader(ctx, r, mem))
}

// NewListingsParquetReader streams listings from a Parquet file batch by
// batch.
func NewListingsParquetReader(ctx context.Context, r parquet.ReaderAtSeeker, mem memory.Allocator) (*Reader[Listing], error) {
	return listingTable.newParquetReader(ctx, r, mem)
}
