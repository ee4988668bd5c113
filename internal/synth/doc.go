// Package synth is synthetic data for benchmarks and scaling runs; never
// real postings. It draws raw records, as the scrape stage gives them, in
// a stream of any length: the same seed gives the same records on any
// machine, and a stream of ten million holds no more memory than one of
// ten thousand.
//
// The records take the shapes real boards use, so that normalizing them is
// as hard as normalizing real ones: structured pay (schema.org, Lever)
// with its currency as a code, a mark or not at all and its period named
// in several ways; pay text in many formats and languages ("$120K - $150K
// a year", "60.000 - 70.000 EUR", "600万円～800万円", "12-16 Lacs P.A.",
// "Competitive"); pay only in the description; no pay; places as codes,
// names, "City, ST" and remote markers; descriptions of 5 to 16 sentences
// full of numbers that are not pay; 5% repeats of recent postings on other
// boards; and a few rejects.
//
// Unlike real postings, the pay follows a known model, so that a scaling
// run of the whole pipeline gives estimates one can check. Annual pay is
//
//	base of the country × (1 + StructuralPremium if OpenStack) × seniority × noise
//
// The base is a mid-level Python role's pay in the posting's country, in
// USD: 140,000 in the US, 90,000 in Great Britain, 25,000 in India, 75,000
// where the place names no country. A posting is OpenStack by its title or
// description as the default classify rules read them. The seniority
// factor follows the level the title names: 0.75 junior, 1 none, 1.25
// senior, 1.4 lead or staff, 1.6 principal. The noise is uniform between
// 0.8 and 1.2. Role, seniority, place, remote marker and date are drawn
// independently, so OpenStack roles pay StructuralPremium more than Python
// roles in every region and quarter, with or without controls: log(1.15)
// ≈ 0.140 log points, up to sampling noise.
//
// Structured pay states that amount in the country's currency, converted
// at the project's one exchange-rate table (data.DefaultRates), the top of
// the range 1.2 times the bottom; one posting in fifty labels it "INR", as
// boards mislabel currencies, which makes its pay an outlier or noise. Pay
// text keeps the currency and period of its format and scales the
// format's figures by role, seniority and noise alone, so it carries the
// premium but not the country's level. Posting dates fall evenly on the
// 730 days before 2026-10-01, not before today, so that the same seed
// gives the same quarters: 2024Q4 to 2026Q3.
//
// The model uses integer arithmetic but for one step, the division by the
// exchange rate, which IEEE 754 rounds alike everywhere and no compiler
// fuses, so no platform's floating-point contraction changes a figure.
// internal/boardgen makes the small demo snapshot the default pipeline
// scrapes, with its ground truth; this package is for volume.
package synth
