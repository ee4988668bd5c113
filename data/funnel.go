package data

// Funnel counts, for one source, how many postings survive each step from
// fetch to estimate, so a reader can see where data was lost and why.
type Funnel struct {
	Source     string `json:"source"`
	Fetched    int    `json:"fetched"`    // posting pages and API records fetched: listings + rejects
	Parsed     int    `json:"parsed"`     // became a listing
	WithPay    int    `json:"with_pay"`   // listing with usable annual pay
	Classified int    `json:"classified"` // role is openstack or python
	Unique     int    `json:"unique"`     // not a repeat of an earlier listing
	InEstimate int    `json:"in_estimate"`
	// Note says why a source gave no postings ("" when it gave some): the
	// report names the source and the reason, so that silence is seen.
	Note string `json:"note,omitempty"`
}
