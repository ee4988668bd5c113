package data

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// Hive partitioning of the listings table: DIR/quarter=2026Q3/region=Europe/
// part-0.parquet, the layout DuckDB, Spark and Trino read as one table
// with quarter and region columns taken from the folder names. As those
// engines write it, the partition columns are not repeated inside the
// files; ReadListingsPartitioned restores them from the path.
const (
	// HiveDefaultPartition is the folder value of an empty quarter (a
	// listing with no date), Hive's own name for a null partition value,
	// which DuckDB and Spark read back as NULL.
	HiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__"
	partitionFile        = "part-0.parquet"
	// partitionFlush is the rows each open partition buffers before it
	// writes a row group: small enough that dozens of open partitions
	// stay within tens of MB, large enough for efficient row groups.
	partitionFlush = 8192
)

// listingPartTable is the listings table without its partition columns.
var listingPartTable = func() *table[Listing] {
	var cols []column[Listing]
	for _, c := range listingTable.columns {
		if c.name != "quarter" && c.name != "region" {
			cols = append(cols, c)
		}
	}
	return newTable(listingTable.name, cols...)
}()

// PartitionedWriter streams listings into a hive-partitioned folder. It
// writes into a temporary folder beside the target and renames it into
// place on Close, so readers never see a half-written dataset.
type PartitionedWriter struct {
	dir, tmp string
	mem      memory.Allocator
	parts    map[[2]string]*partition
}

type partition struct {
	f *os.File
	w *Writer[Listing]
}

// NewListingsPartitionedWriter prepares to write the listings dataset at
// dir, replacing any dataset there when Close succeeds.
func NewListingsPartitionedWriter(dir string, mem memory.Allocator) (*PartitionedWriter, error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-"+filepath.Base(dir)+"-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	return &PartitionedWriter{dir: dir, tmp: tmp, mem: mem, parts: map[[2]string]*partition{}}, nil
}

// Write adds listings to their partitions.
func (p *PartitionedWriter) Write(rows ...Listing) error {
	for i := range rows {
		key := [2]string{rows[i].Quarter, rows[i].Region}
		part, ok := p.parts[key]
		if !ok {
			var err error
			if part, err = p.open(key); err != nil {
				return err
			}
			p.parts[key] = part
		}
		if err := part.w.Write(rows[i]); err != nil {
			return fmt.Errorf("write %s: %w", part.f.Name(), err)
		}
	}
	return nil
}

func (p *PartitionedWriter) open(key [2]string) (*partition, error) {
	folder := filepath.Join(p.tmp, PartitionPath(key[0], key[1]))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", p.dir, err)
	}
	f, err := os.Create(filepath.Join(folder, partitionFile))
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", p.dir, err)
	}
	w, err := listingPartTable.newParquetWriter(f, p.mem, partitionFlush)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write %s: %w", f.Name(), err)
	}
	return &partition{f: f, w: w}, nil
}

// Close finishes every partition file and moves the dataset into place;
// on any error the previous dataset, if any, is left as it was.
func (p *PartitionedWriter) Close() error {
	var errs []error
	for _, part := range p.parts {
		if err := part.w.Close(); err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", part.f.Name(), err))
		}
		if err := part.f.Close(); err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", part.f.Name(), err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		os.RemoveAll(p.tmp)
		return err
	}
	// A temporary folder is private; the dataset is meant to be shared.
	if err := os.Chmod(p.tmp, 0o755); err != nil {
		os.RemoveAll(p.tmp)
		return fmt.Errorf("write %s: %w", p.dir, err)
	}
	if err := ReplaceDir(p.tmp, p.dir); err != nil {
		os.RemoveAll(p.tmp)
		return fmt.Errorf("write %s: %w", p.dir, err)
	}
	return nil
}

// Abort drops what was written and leaves any previous dataset alone.
func (p *PartitionedWriter) Abort() {
	for _, part := range p.parts {
		part.w.Close()
		part.f.Close()
	}
	os.RemoveAll(p.tmp)
}

// PartitionPath is the folder, relative to the dataset, of one quarter and
// region, escaped as Hive escapes partition values.
func PartitionPath(quarter, region string) string {
	q := HiveDefaultPartition
	if quarter != "" {
		q = hiveEscape(quarter)
	}
	return filepath.Join("quarter="+q, "region="+hiveEscape(region))
}

// hiveEscaped lists the bytes Hive escapes as %XX in partition values
// (besides control characters).
const hiveEscaped = "\"#%'*/:=?\\\x7f{[]^"

func hiveEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || strings.IndexByte(hiveEscaped, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func hiveUnescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("bad escape at byte %d of %q", i, s)
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escape at byte %d of %q", i, s)
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String(), nil
}

// ReadListingsPartitioned reads a dataset written by PartitionedWriter,
// partition by partition in path order, restoring quarter and region from
// the folder names. Rows keep their order within a partition.
func ReadListingsPartitioned(ctx context.Context, dir string, mem memory.Allocator) ([]Listing, error) {
	type part struct{ path, quarter, region string }
	var parts []part
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".parquet" {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		q, r, err := ParsePartitionPath(filepath.Dir(rel))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		parts = append(parts, part{path, q, r})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	slices.SortFunc(parts, func(a, b part) int { return cmp.Compare(a.path, b.path) })
	var out []Listing
	for _, p := range parts {
		f, err := os.Open(p.path)
		if err != nil {
			return nil, err
		}
		rows, err := readAll(listingPartTable.newParquetReader(ctx, f, mem))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.path, err)
		}
		for i := range rows {
			rows[i].Quarter, rows[i].Region = p.quarter, p.region
		}
		out = append(out, rows...)
	}
	return out, nil
}

// ParsePartitionPath reads a partition folder "quarter=Q/region=R",
// relative to the dataset, as written by PartitionPath.
func ParsePartitionPath(rel string) (quarter, region string, err error) {
	q, r, ok := strings.Cut(filepath.ToSlash(rel), "/")
	qv, okq := strings.CutPrefix(q, "quarter=")
	rv, okr := strings.CutPrefix(r, "region=")
	if !ok || !okq || !okr || strings.Contains(rv, "/") {
		return "", "", fmt.Errorf("not a quarter=…/region=… partition folder: %q", rel)
	}
	if qv == HiveDefaultPartition {
		qv = ""
	} else if qv, err = hiveUnescape(qv); err != nil {
		return "", "", err
	}
	if rv, err = hiveUnescape(rv); err != nil {
		return "", "", err
	}
	return qv, rv, nil
}
