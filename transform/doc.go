// Package transform turns raw scraped records into the listings table:
// it reads pay (structured or free text), annualizes and converts it to
// USD, resolves places to countries and regions, classifies roles and marks
// repeated postings. Nothing is dropped quietly: a record that cannot
// become a listing is a reject with a reason, and a listing whose pay or
// place could not be settled says why in its note columns.
//
// Every decision is a pure function of a record and the config, so the same
// raw records and config always give the same table.
package transform
