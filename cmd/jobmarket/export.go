package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/jobmarket/jobmarket/data"
)

// ownFlags are the flags only one command takes.
type ownFlags struct {
	format  string   // export --format
	filters []string // export --filter, repeatable
	file    string   // export -o
	yes     bool     // clean --yes
}

// listingColumn is a column of the listings table as export writes it.
type listingColumn struct {
	name string
	text bool // free text, which a spreadsheet could read as a formula
	get  func(*data.Listing) any
}

// listingColumns are the listings table's columns in its schema's order,
// each with its value of a listing as text (for CSV and filters) and as
// a JSON value; a test keeps the names equal to data.ListingsSchema.
var listingColumns = []listingColumn{
	{"source", true, func(l *data.Listing) any { return l.Source }},
	{"url", true, func(l *data.Listing) any { return l.URL }},
	{"posted_date", false, func(l *data.Listing) any { return l.PostedDate }},
	{"quarter", false, func(l *data.Listing) any { return l.Quarter }},
	{"title", true, func(l *data.Listing) any { return l.Title }},
	{"company", true, func(l *data.Listing) any { return l.Company }},
	{"location", true, func(l *data.Listing) any { return l.Location }},
	{"country", false, func(l *data.Listing) any { return l.Country }},
	{"region", false, func(l *data.Listing) any { return l.Region }},
	{"remote", false, func(l *data.Listing) any { return l.Remote }},
	{"salary_min", false, func(l *data.Listing) any { return l.SalaryMin }},
	{"salary_max", false, func(l *data.Listing) any { return l.SalaryMax }},
	{"salary_currency", false, func(l *data.Listing) any { return l.SalaryCurrency }},
	{"salary_period", false, func(l *data.Listing) any { return l.SalaryPeriod }},
	{"salary_annual_usd", false, func(l *data.Listing) any { return l.SalaryAnnualUSD }},
	{"salary_source", false, func(l *data.Listing) any { return l.SalarySource }},
	{"salary_text", true, func(l *data.Listing) any { return l.SalaryText }},
	{"salary_note", true, func(l *data.Listing) any { return l.SalaryNote }},
	{"salary_code", false, func(l *data.Listing) any { return l.SalaryCode }},
	{"role", false, func(l *data.Listing) any { return string(l.Role) }},
	{"role_evidence", true, func(l *data.Listing) any { return l.RoleEvidence }},
	{"openstack", false, func(l *data.Listing) any { return string(l.OpenStack) }},
	{"python", false, func(l *data.Listing) any { return string(l.Python) }},
	{"seniority", false, func(l *data.Listing) any { return l.Seniority }},
	{"duplicate_of", true, func(l *data.Listing) any { return l.DuplicateOf }},
	{"notes", true, func(l *data.Listing) any { return l.Notes }},
}

// cellText is a value as a CSV cell and as filters compare it: a number
// without exponent, a missing number (NaN) as an empty cell.
func cellText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		if math.IsNaN(v) {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// listingFilter keeps the listings whose column equals a value, ignoring
// case: --filter role=openstack.
type listingFilter struct {
	column int
	value  string
}

// parseFilter reads one --filter COLUMN=VALUE; an unknown column is an
// error naming the columns.
func parseFilter(s string) (listingFilter, error) {
	name, value, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return listingFilter{}, fmt.Errorf("--filter: %q is not COLUMN=VALUE, like role=openstack", s)
	}
	i := slices.IndexFunc(listingColumns, func(c listingColumn) bool { return c.name == name })
	if i < 0 {
		names := make([]string, len(listingColumns))
		for j, c := range listingColumns {
			names[j] = c.name
		}
		return listingFilter{}, fmt.Errorf("--filter: no column %q (columns: %s)", name, strings.Join(names, ", "))
	}
	return listingFilter{column: i, value: value}, nil
}

func (f listingFilter) keep(l *data.Listing) bool {
	return strings.EqualFold(cellText(listingColumns[f.column].get(l)), f.value)
}

// listingEncoder writes listings in one format.
type listingEncoder interface {
	encode(*data.Listing) error
	flush() error
}

type csvEncoder struct {
	w   *csv.Writer
	row []string
}

func newCSVEncoder(w io.Writer) (*csvEncoder, error) {
	e := &csvEncoder{w: csv.NewWriter(w), row: make([]string, len(listingColumns))}
	for i, c := range listingColumns {
		e.row[i] = c.name
	}
	return e, e.w.Write(e.row)
}

func (e *csvEncoder) encode(l *data.Listing) error {
	for i, c := range listingColumns {
		e.row[i] = cellText(c.get(l))
		if c.text {
			e.row[i] = data.CSVCell(e.row[i])
		}
	}
	return e.w.Write(e.row)
}

func (e *csvEncoder) flush() error { e.w.Flush(); return e.w.Error() }

// jsonlEncoder writes one JSON object per listing, keys in column order;
// a missing number is null.
type jsonlEncoder struct {
	w   *bufio.Writer
	buf []byte
}

func (e *jsonlEncoder) encode(l *data.Listing) error {
	b := append(e.buf[:0], '{')
	for i, c := range listingColumns {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, c.name)
		b = append(b, ':')
		v := c.get(l)
		if f, ok := v.(float64); ok && math.IsNaN(f) {
			v = nil
		}
		enc, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b = append(b, enc...)
	}
	e.buf = append(b, '}', '\n')
	_, err := e.w.Write(e.buf)
	return err
}

func (e *jsonlEncoder) flush() error { return e.w.Flush() }

// runExport writes the listings table, filtered, as CSV or JSON Lines to
// standard output or to the -o file (written whole or not at all).
func runExport(ctx context.Context, e *env) error {
	var filters []listingFilter
	for _, s := range e.own.filters {
		f, err := parseFilter(s)
		if err != nil {
			return fmt.Errorf("%w: %w", err, errUsage)
		}
		filters = append(filters, f)
	}
	if e.own.format != "csv" && e.own.format != "jsonl" {
		return fmt.Errorf("--format: %q is not csv or jsonl: %w", e.own.format, errUsage)
	}
	f, err := e.openInput(ListingsArrowFile, "transform")
	if err != nil {
		return err
	}
	f.Close()
	write := func(w io.Writer) (int, error) {
		bw := bufio.NewWriter(w)
		var enc listingEncoder = &jsonlEncoder{w: bw}
		if e.own.format == "csv" {
			c, err := newCSVEncoder(bw)
			if err != nil {
				return 0, err
			}
			enc = c
		}
		n := 0
		err := listingsFile(e.path(ListingsArrowFile))(func(batch []data.Listing) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			for i := range batch {
				if !slices.ContainsFunc(filters, func(f listingFilter) bool { return !f.keep(&batch[i]) }) {
					if err := enc.encode(&batch[i]); err != nil {
						return err
					}
					n++
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		if err := enc.flush(); err != nil {
			return n, err
		}
		return n, bw.Flush()
	}
	if e.own.file == "" || e.own.file == "-" {
		_, err := write(e.stdout)
		return err
	}
	var n int
	if err := data.WriteFileAtomic(e.own.file, func(f *os.File) error {
		var err error
		n, err = write(f)
		return err
	}); err != nil {
		return fmt.Errorf("export to %s: %w", e.own.file, err)
	}
	_, err = fmt.Fprintf(e.stderr, "wrote %s (%d listings)\n", e.own.file, n)
	return err
}

// exportCommand is `jobmarket export`.
var exportCommand = stageCommand{
	use:   "export",
	short: "Write the listings as CSV or JSON Lines, for spreadsheets and other tools",
	long: `Write the listings table (listings.arrow of the output folder) as CSV or
JSON Lines, to standard output or to -o FILE. --filter COLUMN=VALUE keeps
the listings whose column has that value (any case); repeat it to narrow
further. In CSV, a text cell that a spreadsheet would run as a formula
(starting with =, +, -, @, a tab or a carriage return) starts with a
single quote instead.`,
	flags: flagConfig,
	more: func(fs *pflag.FlagSet, o *options) {
		fs.StringVar(&o.out, "dir", "", "read the listings of output `DIR` (default: the config's output)")
		fs.StringVarP(&o.own.file, "out", "o", "", "write to `FILE` (default: standard output)")
		fs.StringVar(&o.own.format, "format", "csv", "`csv` or jsonl")
		fs.StringArrayVar(&o.own.filters, "filter", nil, "keep listings whose `COLUMN=VALUE`, like role=openstack; repeatable")
	},
	run: runExport,
}
