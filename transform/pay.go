package transform

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// payReading is what a record states about pay, before conversion to USD.
type payReading struct {
	salary data.Salary
	source string   // data.PaySourceEmployer or data.PaySourceBoard
	text   string   // what the pay was read from, for salary_text
	notes  payNotes // what had to be guessed
	code   string   // a data.SalaryCode* when there is no pay to convert, else ""
	note   string   // salary_note when code is set
}

// payNotes say what had to be guessed in reading pay: at most one note
// each on currency, period, a rescaled bound, a zone table and a field set
// aside, held without allocating.
type payNotes struct {
	list [5]string
	n    int
}

func (p *payNotes) add(note string) {
	p.list[p.n] = note
	p.n++
}

func (p *payNotes) all() []string { return p.list[:p.n] }

// currencyNote and periodNote say which currency or period was guessed.
func currencyNote(code string) string { return "currency " + code + " inferred from country" }

func periodNote(p data.Period) string { return "period " + string(p) + " inferred from the amount" }

// readPay reads a record's pay: the structured fields when the board gives
// them (schema.org baseSalary, Lever's salaryRange), else the pay text,
// else the description. country is the posting's resolved country, which
// settles "$" and the currency of bare figures. sp, when not nil, is the
// source's pay settings: a field value it ignores counts as absent, and
// it may put the description first.
//
// The description is also read when the field cannot be read, and when
// the field states one figure, or a range in another currency or period,
// while the description states a range: the employer's stated range wins,
// and a note names the field set aside.
//
// descWords, when not nil, are the word hashes of r.Description.
func readPay(r *data.RawRecord, country string, descWords []uint64, sp *sourcePay) payReading {
	structured := !math.IsNaN(r.PayMin) || !math.IsNaN(r.PayMax)
	hasField := structured || strings.TrimSpace(r.PayText) != ""
	hasText := strings.TrimSpace(r.Description) != ""
	fromText := func() payReading { return readTextPay(r.Description, true, r, country, descWords) }
	var ignored string
	if hasField && sp != nil {
		if f := fieldText(r, structured); sp.ignores(f) {
			ignored, hasField = f, false
		}
	}
	if !hasField {
		pr := fromText()
		if ignored != "" {
			note := fmt.Sprintf("pay field %q ignored by the source's pay.ignore", ignored)
			if pr.code != "" {
				pr.code, pr.note = data.SalaryCodeIgnoredBySource, note+"; "+pr.note
			} else {
				pr.notes.add(note)
			}
		}
		return pr
	}
	if sp != nil && sp.preferText && hasText {
		if pr := fromText(); pr.code == "" {
			pr.notes.add(fmt.Sprintf("pay field %q set aside: the source's pay.prefer is text", fieldText(r, structured)))
			return pr
		}
	}
	var fp payReading
	if structured {
		fp = structuredPay(r, country)
	} else {
		fp = readTextPay(r.PayText, false, r, country, nil)
	}
	if !hasText || fp.code == "" && fp.salary.Min != fp.salary.Max && !math.IsNaN(fp.salary.Min) && !math.IsNaN(fp.salary.Max) &&
		!mayDisagree(r.Description) {
		return fp
	}
	tp := fromText()
	if tp.code != "" {
		return fp
	}
	field := fieldText(r, structured)
	textRange := tp.salary.Min < tp.salary.Max
	switch {
	case fp.code != "":
		tp.notes.add(fmt.Sprintf("pay field %q unreadable: pay read from the description", field))
	case textRange && (math.IsNaN(fp.salary.Min) || math.IsNaN(fp.salary.Max) || fp.salary.Min == fp.salary.Max):
		tp.notes.add(fmt.Sprintf("pay field %q states one figure: kept the range the description states", field))
	case textRange && (tp.salary.Currency != fp.salary.Currency || tp.salary.Period != fp.salary.Period):
		tp.notes.add(fmt.Sprintf("pay field %q disagrees in currency or period: kept the range the description states", field))
	default:
		return fp
	}
	return tp
}

// mayDisagree is a quick test before reading a description beside a pay
// field that states a range: only a description with a currency mark or
// code can state a range in another currency or period.
func mayDisagree(description string) bool {
	return strings.ContainsAny(description, "$€£¥₹") || strings.Contains(description, "USD") || strings.Contains(description, "EUR")
}

// fieldText is the pay field as the board gave it, for notes and for
// pay.ignore.
func fieldText(r *data.RawRecord, structured bool) string {
	if structured {
		return structuredText(r)
	}
	return strings.TrimSpace(r.PayText)
}

// readTextPay reads pay from a pay text or, with fromDescription, from a
// whole description, where a figure must be introduced as the role's pay.
// words, when not nil, are the word hashes of text.
func readTextPay(text string, fromDescription bool, r *data.RawRecord, country string, words []uint64) payReading {
	p, err := parsePay(text, PayOptions{Country: country, Location: r.Location, Description: fromDescription}, words, nil)
	if err != nil {
		pr := payReading{text: text}
		var reason string
		pe, ok := errors.AsType[*PayError](err)
		if ok {
			reason = pe.Reason // the whole text is not worth quoting again
		} else {
			reason = err.Error()
		}
		if fromDescription {
			// A whole description is too long to keep as salary_text.
			pr.text, reason = "", "in description: "+reason
			if pe != nil && pe.Offset >= 0 {
				pr.text = excerpt(text, pe.Offset, pe.Offset)
			}
		}
		switch {
		case errors.Is(err, ErrNotPayContext):
			pr.code, pr.note = data.SalaryCodeNotPayContext, reason
		case errors.Is(err, ErrNoPay):
			pr.code, pr.note = data.SalaryCodeNoPay, "no pay: "+reason
		case errors.Is(err, ErrNoCurrency):
			pr.code, pr.note = data.SalaryCodeNoCurrency, "unreadable pay: "+reason
		default:
			pr.code, pr.note = data.SalaryCodeUnparsed, "unreadable pay: "+reason
		}
		return pr
	}
	pr := payReading{salary: p.Salary, source: p.Source, text: text}
	if fromDescription {
		pr.text = excerpt(text, p.Start, p.End)
	}
	// The scrape stage's mark stands, except that a board's own mark in
	// the text ("(Glassdoor est.)") makes the figure its estimate: a file
	// source marks every pay column as employer pay when it has no
	// pay_source column.
	if r.PaySource != "" && p.Source != data.PaySourceBoard {
		pr.source = r.PaySource
	}
	if p.CurrencyGuessed {
		pr.notes.add(currencyNote(p.Currency))
	}
	if p.PeriodGuessed {
		pr.notes.add(periodNote(p.Period))
	}
	if p.Repaired {
		pr.notes.add("low end of the pay range rescaled to the high end")
	}
	if strings.HasPrefix(p.Rule, "zone table") {
		pr.notes.add(p.Rule)
	}
	return pr
}

// structuredPay reads pay a board gave as fields. A zero bound beside a
// positive one is a placeholder, not a figure; zero for both is no pay.
func structuredPay(r *data.RawRecord, country string) payReading {
	pr := payReading{source: r.PaySource, text: structuredText(r)}
	if pr.source == "" {
		pr.source = data.PaySourceEmployer
	}
	fail := func(code, note string) payReading {
		pr.code, pr.note = code, note
		return pr
	}
	s := data.Salary{Min: r.PayMin, Max: r.PayMax}
	for _, v := range []float64{s.Min, s.Max} {
		if v < 0 || math.IsInf(v, 0) {
			return fail(data.SalaryCodeUnparsed, fmt.Sprintf("unreadable pay: figure %v is not an amount", v))
		}
	}
	switch {
	case s.Min == 0 && (s.Max == 0 || math.IsNaN(s.Max)), s.Max == 0 && math.IsNaN(s.Min):
		return fail(data.SalaryCodeNoPay, "no pay: stated as 0")
	case s.Min == 0:
		s.Min = math.NaN()
	case s.Max == 0:
		s.Max = math.NaN()
	}
	if s.Min > s.Max {
		return fail(data.SalaryCodeUnparsed, fmt.Sprintf("unreadable pay: range %v to %v runs backwards", s.Min, s.Max))
	}
	cur, ok := structuredCurrency(r.PayCurrency, country)
	switch {
	case ok && cur == "":
		cur = currencyOf(country)
		if cur == "" {
			return fail(data.SalaryCodeNoCurrency, "unreadable pay: no currency stated and the country is unknown")
		}
		pr.notes.add(currencyNote(cur))
	case !ok:
		return fail(data.SalaryCodeUnparsed, fmt.Sprintf("unreadable pay: currency %q is not ISO 4217", r.PayCurrency))
	}
	s.Currency = cur
	pr.salary = s
	switch p, kind := periodFromName(r.PayPeriod); kind {
	case periodNamed:
		s.Period = p
	case periodMissing:
		p, ok := periodByMagnitude(s.Midpoint(), cur)
		switch {
		case ok:
			pr.notes.add(periodNote(p))
		case roughUSD[cur] == 0:
			p = data.PeriodYear
			pr.notes.add("period YEAR assumed")
		default:
			return fail(data.SalaryCodeUnparsed, fmt.Sprintf("unreadable pay: no period stated, and %v %s fits no period", s.Midpoint(), cur))
		}
		s.Period = p
	default:
		return fail(data.SalaryCodeNotAnnualizable, fmt.Sprintf("unconvertible pay: pay period %q cannot be annualized", r.PayPeriod))
	}
	pr.salary = s
	return pr
}

// structuredText writes structured pay as the board gave it, for
// salary_text: "60000 - 70000 EUR per year", "up to 55000 EUR per YEAR".
func structuredText(r *data.RawRecord) string {
	var buf [96]byte
	num := func(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }
	var b []byte
	switch {
	case math.IsNaN(r.PayMin):
		b = num(append(buf[:0], "up to "...), r.PayMax)
	case math.IsNaN(r.PayMax):
		b = num(append(buf[:0], "from "...), r.PayMin)
	default:
		b = num(append(num(buf[:0], r.PayMin), " - "...), r.PayMax)
	}
	if r.PayCurrency != "" {
		b = append(append(b, ' '), r.PayCurrency...)
	}
	if r.PayPeriod != "" {
		b = append(append(b, " per "...), r.PayPeriod...)
	}
	return string(b)
}

// structuredCurrency reads a currency field: an ISO code in any case, or a
// mark such as "$" or "€". ok is false when the field names no currency we
// know; code is "" when the field is empty.
func structuredCurrency(field, country string) (code string, ok bool) {
	f := strings.TrimSpace(field)
	if f == "" {
		return "", true
	}
	if u := strings.ToUpper(f); len(u) == 3 && knownCurrency(u) {
		return u, true
	}
	for _, m := range currencyMarks {
		if f == m.mark {
			if m.code != "" {
				return m.code, true
			}
			c, _ := markCurrency(m.mark, country)
			return c, c != ""
		}
	}
	return "", false
}

type periodKind int

const (
	periodNamed   periodKind = iota
	periodMissing            // the board named no period
	periodOther              // a period with no yearly factor: one-time, per project
)

// structuredPeriods maps the period names boards and APIs use, lower case:
// schema.org unitText, Lever's salaryRange.interval, ISO 8601 durations.
var structuredPeriods = map[string]data.Period{
	"hour": data.PeriodHour, "hourly": data.PeriodHour, "per-hour-wage": data.PeriodHour, "per hour": data.PeriodHour, "pt1h": data.PeriodHour, "h": data.PeriodHour,
	"day": data.PeriodDay, "daily": data.PeriodDay, "per-day-wage": data.PeriodDay, "per day": data.PeriodDay, "p1d": data.PeriodDay, "d": data.PeriodDay,
	"week": data.PeriodWeek, "weekly": data.PeriodWeek, "per-week-salary": data.PeriodWeek, "per week": data.PeriodWeek, "p1w": data.PeriodWeek, "wk": data.PeriodWeek,
	"month": data.PeriodMonth, "monthly": data.PeriodMonth, "per-month-salary": data.PeriodMonth, "per month": data.PeriodMonth, "p1m": data.PeriodMonth, "mo": data.PeriodMonth,
	"year": data.PeriodYear, "yearly": data.PeriodYear, "annual": data.PeriodYear, "annually": data.PeriodYear, "annum": data.PeriodYear,
	"per-year-salary": data.PeriodYear, "per year": data.PeriodYear, "per annum": data.PeriodYear, "p1y": data.PeriodYear, "yr": data.PeriodYear,
	"salary": data.PeriodYear,
}

// periodFromName reads a period as a board names it, in any case.
func periodFromName(name string) (data.Period, periodKind) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return "", periodMissing
	}
	// APIs count periods: "1 YEAR", "1 MONTH" (one of them, not several).
	if rest, ok := strings.CutPrefix(n, "1 "); ok {
		n = strings.TrimSpace(rest)
	}
	if p, ok := structuredPeriods[n]; ok {
		return p, periodNamed
	}
	return "", periodOther
}

// excerpt keeps the sentence of a description that pay was read from
// (bytes start to end), so a researcher can check the figure without the
// whole text.
func excerpt(text string, start, end int) string {
	lo, hi := sentenceBounds(text, start, end)
	// Where the sentence was clipped, drop the cut word.
	if lo > 0 && isWordByte(text, lo) && isWordByte(text, lo-1) {
		if i := strings.IndexByte(text[lo:start], ' '); i >= 0 {
			lo += i + 1
		}
	}
	if hi < len(text) && hi > end && isWordByte(text, hi) && isWordByte(text, hi-1) {
		if i := strings.LastIndexByte(text[end:hi], ' '); i >= 0 {
			hi = end + i
		}
	}
	return strings.TrimSpace(text[lo:hi])
}

// AnnualUSD converts stated pay, posted in quarter ("2026Q3", "" when
// unknown), to USD per year: the midpoint of the range (or its one stated
// bound) × periods per year (pay.annualize, else DefaultAnnualize) × the
// rate of the currency (Currency.Rate). It fails when the currency has no
// rate.
func (c Config) AnnualUSD(s data.Salary, quarter string) (float64, error) {
	rate, err := c.Currency.Rate(s.Currency, quarter)
	if err != nil {
		return math.NaN(), err
	}
	factor, ok := c.Pay.Annualize[string(s.Period)]
	if !ok {
		for k, v := range c.Pay.Annualize {
			if strings.EqualFold(k, string(s.Period)) {
				factor, ok = v, true
				break
			}
		}
	}
	if !ok {
		factor, ok = DefaultAnnualize[s.Period]
	}
	if !ok {
		return math.NaN(), fmt.Errorf("period %q has no yearly factor", s.Period)
	}
	return s.Midpoint() * factor * rate, nil
}

// Outlier reports whether annual pay in USD lies outside the plausible
// bounds pay.min_annual_usd and pay.max_annual_usd, as configured.
func (c Config) Outlier(annualUSD float64) bool {
	return annualUSD < c.Pay.MinAnnualUSD || annualUSD > c.Pay.MaxAnnualUSD
}

// upperKeys returns annualize with its keys (period names in any case) in
// the upper case that lookups use.
func upperKeys(annualize map[string]float64) map[string]float64 {
	if len(annualize) == 0 {
		return annualize
	}
	norm := make(map[string]float64, len(annualize))
	for k, v := range annualize {
		norm[strings.ToUpper(strings.TrimSpace(k))] = v
	}
	return norm
}
