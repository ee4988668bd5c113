// Package scrape fetches job postings from the sources named in the
// pipeline config and turns each into a data.RawRecord, keeping every
// fetched page in a content-addressed store.
//
// All sources go through colly, whether they are live boards over HTTP,
// saved pages on disk (file://) or the bundled synthetic snapshot
// (bundled://), so the demo exercises the same code as a live crawl. The
// package reads what a page says; it does not interpret pay, places or
// roles — that is the transform stage's job.
package scrape
