// Package data is the vocabulary every stage of jobmarket shares: the
// domain types (a raw scraped record, a normalized listing, a reject, a
// premium estimate), the Arrow schemas of the tables the stages hand to one
// another, the code that reads and writes those tables, and the bundled
// synthetic job-board snapshot the default pipeline scrapes.
//
// It imports only the standard library and Arrow, never a stage, so the
// pipeline's data can flow one way: scrape → transform → analyze → charts.
package data
