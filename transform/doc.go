// Package transform turns raw scraped records into the listings table:
// it reads pay (structured fields or free text in many languages),
// annualizes and converts it to USD, resolves places to countries and
// regions, classifies roles and seniority with evidence, and marks
// repeated postings by key and by near-duplicate text. Nothing is dropped
// quietly: a record that cannot become a listing is a reject with a code,
// and a listing whose pay or place could not be settled says why in its
// code and note columns.
//
// Run is the stage: it streams the raw tables (raw.arrow, merging several
// scrape workers' tables) through a Normalizer and writes listings.arrow,
// listings.parquet, the partitioned listings dataset and rejects.csv, each
// atomically. Normalize does the same for records held in memory; a
// Normalizer takes them one at a time or a batch at a time. ParsePay,
// ParsePayText (a description: figures count only where introduced as the
// role's pay), ExplainPay, ResolveCountry and Classify.Match are the rules
// on their own, for tests and for the `jobmarket pay` command.
//
// Every decision is a function of a record, the records before it (for
// duplicates) and the config, so the same raw records in the same order
// and config always give the same table. That holds on any number of
// cores: NormalizeBatch and Run parse records on all of them, but decide
// duplicates and count in record order. Only Run reads and writes files,
// the ones its Job names; the package fetches nothing and estimates
// nothing: those are the scrape and analyze stages'.
package transform
