package data

// Further values of Listing.SalaryCode (see SalaryCodeNoPay and the
// others in listing.go).
const (
	// SalaryCodeNotPayContext: the posting states money or counts, but
	// none of it is the role's pay (funding, headcount, 401(k), stipends,
	// insurance, equity, bonuses, commission, another role's pay, weights);
	// SalaryNote names which.
	SalaryCodeNotPayContext = "not_pay_context"
	// SalaryCodeIgnoredBySource: the pay field holds a value the source's
	// pay.ignore setting names (a board's site default), and the
	// description states no pay either.
	SalaryCodeIgnoredBySource = "ignored_by_source"
)
