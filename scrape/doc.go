// Package scrape collects job postings from the sources named in the
// pipeline config — job boards with JSON-LD, the Lever, Greenhouse,
// Recruitee, Personio, Teamtailor and Remote OK APIs, boards without structured data, and a researcher's own tables —
// and turns each posting into a data.RawRecord.
//
// All crawled sources go through colly, whether they are live boards over
// HTTP, saved pages on disk (file://) or the bundled synthetic snapshot
// (bundled://), so the demo exercises the same code as a live crawl.
// Under colly sits the fetcher, which is where the package keeps its
// promises to the boards and to the researcher:
//
//   - Politeness: robots.txt (and its Crawl-delay) is honoured as RFC 9309
//     says, for links and redirect hops alike, requests to one host are
//     spaced with jitter and bounded in number, Retry-After is obeyed, and
//     only the source's own hosts are followed.
//   - Nothing lost: every response is written to the page store (WARC
//     files) before it is read, and a later run is served from the store,
//     so a crawl killed at any moment resumes without asking twice, and a
//     parser fix is re-applied offline (Scraper.Offline).
//   - Ctrl-C stops a run within a second: every wait watches the context.
//
// Source kinds are plug-ins: each is one file (jsonld.go, lever.go,
// greenhouse.go, html.go, file.go) that registers a Kind — its name, the
// source keys it reads, its config checks and its reader — and Kinds and
// LookupKind are the registry the config check, the crawler and the
// config schema read. A kind's reader may ask for POSTs with a body as
// well as GETs; the page store keys those by method, URL and body digest
// (RequestKey). Every reject carries a data.RejectCode*, which the
// transform stage keeps.
//
// Subpackage tablefile reads the file kind; scrapetest serves a synthetic
// board for tests and benchmarks.
//
// The package reads what a source says; it does not interpret pay, places
// or roles — that is the transform stage's job.
package scrape
