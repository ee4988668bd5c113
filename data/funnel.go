package data

// Funnel counts, for one source, how many postings survive each step from
// fetch to estimate, so a reader can see where data was lost and why.
// Of the unique postings, those not in the estimate are counted by why
// their place kept them out: Unique = InEstimate + PlaceUnknown +
// NoRegion + OutsideRegions + MultiRegion + Anywhere.
type Funnel struct {
	Source     string `json:"source"`
	Fetched    int    `json:"fetched"`    // posting pages and API records fetched: listings + rejects
	Parsed     int    `json:"parsed"`     // became a listing
	WithPay    int    `json:"with_pay"`   // listing with usable annual pay
	Classified int    `json:"classified"` // role is openstack or python
	Unique     int    `json:"unique"`     // not a repeat of an earlier listing
	// PlaceUnknown: region RegionUnknown, the place names nothing known.
	PlaceUnknown int `json:"place_unknown,omitempty"`
	// OutsideRegions: a region the analysis was not asked to estimate
	// (a place in no configured region is NoRegion).
	OutsideRegions int `json:"outside_regions,omitempty"`
	// MultiRegion: region RegionMulti, open in several regions.
	MultiRegion int `json:"multi_region,omitempty"`
	// Anywhere: region RegionAnywhere, open anywhere and left out of All
	// regions (0 when the analysis pools them in; their own rows count
	// them either way).
	Anywhere   int `json:"anywhere,omitempty"`
	InEstimate int `json:"in_estimate"` // in the All regions estimate
	// Undated: of InEstimate, postings without a posted date and so
	// without a quarter (none given, or one the transform could not read;
	// the listing's note says why).
	// They count in the estimates over all quarters but in no quarter's.
	Undated int `json:"undated,omitempty"`
	// Note says why a source gave no postings ("" when it gave some): the
	// report names the source and the reason, so that silence is seen.
	Note string `json:"note,omitempty"`
	// NoRegion: region RegionOutside, a place whose countries are in no
	// configured region.
	NoRegion int `json:"no_region,omitempty"`
	// PayCodes counts the parsed listings whose pay enters no estimate,
	// by salary_code (no_pay, not_pay_context, ignored_by_source,
	// unparsed_pay, no_currency, no_rate, ...); board pay left out of
	// estimates counts as "board_estimate", and any other unusable figure
	// as "unusable".
	PayCodes map[string]int `json:"pay_codes,omitempty"`
}
