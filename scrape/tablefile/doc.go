// Package tablefile reads a researcher's own listings — a CSV, JSON Lines
// or Parquet export — into raw records, so they go through the same
// normalization and rejects accounting as scraped postings.
//
// Real exports are messy, and the package says so row by row rather than
// failing the file: a header that differs in case, extra columns, quoted
// newlines, a byte-order mark, Latin-1 or UTF-16 text, numbers with
// thousands separators. A row that cannot be read becomes a record whose
// RejectReason names its row. A CSV quote that never closes costs the
// lines it broke, skipped as one reject naming them, not the rest of the
// file. Only a table that cannot be read at all (an
// unknown format, a mapped column the header lacks, a file that is not
// Parquet) is an error.
//
// It does not interpret pay, places or dates: that is the transform
// stage's job, as for every other source.
package tablefile
