// Package data is the vocabulary every stage of jobmarket shares: the
// domain types (a raw scraped record, a normalized listing, a reject, a
// premium estimate, a field error of the config), the Arrow schemas of the
// tables the stages hand to one another, the code that reads and writes
// those tables, the one default exchange-rate table (DefaultRates), and
// the bundled defaults: the default pipeline.yaml, the synthetic job-board
// snapshot the default pipeline scrapes (Boards) and a small example of a
// user's own data (examples/).
//
// It is not where data are made. The snapshot in boards/ is written by the
// command internal/boardgen (go generate ./data), and the synthetic
// records of any volume that `jobmarket synth` and the benchmarks use are
// drawn by package internal/synth; both read DefaultRates.
//
// It imports only the standard library and Arrow, never a stage, so the
// pipeline's data can flow one way: scrape → transform → analyze → charts.
package data
