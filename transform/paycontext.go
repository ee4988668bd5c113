package transform

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Contexts that make a figure in a posting something other than the
// role's pay: values of PayError.Context and PayFigure.Context.
const (
	ContextFunding    = "funding"    // company money: funding, revenue, valuation, payouts, budgets it manages
	ContextHeadcount  = "headcount"  // a count of people, users or things
	Context401k       = "401k"       // 401(k), pension or savings-plan contributions and matches
	ContextStipend    = "stipend"    // stipends, allowances, budgets and reimbursements
	ContextInsurance  = "insurance"  // insurance cover, deductibles, spending accounts
	ContextEquity     = "equity"     // stock, options, RSUs
	ContextBonus      = "bonus"      // signing, referral, retention and other bonuses, prizes
	ContextCommission = "commission" // commission, OTE, quotas and deal sizes
	ContextOtherRole  = "other_role" // pay of another role in the posting: interns, apprentices, other staff
	ContextMeasure    = "measure"    // weights and measures: "lift up to 10 pounds"
)

// contextReasons say in a few words what each context is, for notes.
var contextReasons = map[string]string{
	ContextFunding:    "company money (funding, revenue, valuation)",
	ContextHeadcount:  "a count, not money",
	Context401k:       "a 401(k) or pension contribution",
	ContextStipend:    "a stipend, allowance or reimbursement",
	ContextInsurance:  "insurance cover",
	ContextEquity:     "equity",
	ContextBonus:      "a bonus or referral amount",
	ContextCommission: "commission or on-target earnings",
	ContextOtherRole:  "pay of another role",
	ContextMeasure:    "a weight or measure",
}

// cueKind is what a word near a figure says about it.
type cueKind uint8

const (
	cueNone   cueKind = iota
	cueStrong         // introduces the role's pay: "salary", "base", "pay range", "for this role"
	cueWeak           // may introduce pay: "earn", "paid", "offering"
	cueTrap           // introduces money or a count that is not pay; context says which
)

type cueWord struct {
	kind    cueKind
	context string // for cueTrap
}

// cueWords are single words, lower case; cuePairs two words, space
// separated, tried before the single word they end with ("variable
// compensation" before "compensation").
var cueWords, cuePairs = func() (map[string]cueWord, map[string]cueWord) {
	words, pairs := map[string]cueWord{}, map[string]cueWord{}
	add := func(kind cueKind, context string, list ...string) {
		for _, w := range list {
			if strings.Contains(w, " ") {
				pairs[w] = cueWord{kind, context}
			} else {
				words[w] = cueWord{kind, context}
			}
		}
	}
	add(cueStrong, "", "salary", "base", "basic", "compensation", "comp", "remuneration", "pay", "wage", "wages", "rate",
		"rates", "ctc", "range", "band", "hourly", "gehalt", "vergütung", "salaire", "rémunération", "salario", "sueldo",
		"retribución", "salário", "remuneração", "ral", "stipendio", "lön", "løn", "lønn", "palkka", "wynagrodzenie",
		"salaris", "tagessatz", "stundensatz", "月給", "年収", "年薪", "月薪", "연봉", "월급", "時給",
		"this role", "this position", "this job", "day rate", "pay range", "pay rate")
	add(cueWeak, "", "earn", "earns", "earning", "paid", "pays", "paying", "offer", "offering", "offers", "receive",
		"start", "starting", "starts", "package", "total")
	add(cueTrap, ContextFunding, "funding", "funded", "raised", "raise", "raising", "round", "series", "seed",
		"investors", "investor", "investment", "investments", "invested", "backed", "valuation", "revenue", "revenues",
		"arr", "mrr", "gmv", "payouts", "payout", "volume", "assets", "aum", "capital", "profits", "profit", "turnover",
		"umsatz", "sold", "saved", "savings", "recover", "donate", "donated", "contracts", "paid out", "worth of")
	add(cueTrap, Context401k, "401k", "403b", "401", "403", "pension", "retirement", "contribution", "contributions",
		"contribute", "contributes", "match", "matched", "matching", "hsa", "altersvorsorge")
	add(cueTrap, ContextStipend, "stipend", "stipends", "allowance", "allowances", "reimbursement", "reimbursements",
		"reimburse", "reimbursed", "budget", "voucher", "vouchers", "credit", "credits", "relocation", "wellness",
		"wellbeing", "gym", "internet", "phone", "coworking", "equipment", "tuition", "meal", "meals", "lunch",
		"childcare", "kid", "kids", "child", "children", "travel", "learning", "training", "conference", "books", "pet",
		"expenses", "cycle", "jobticket", "tickets", "perks", "perk", "home office", "co working", "commuter benefit")
	add(cueTrap, ContextInsurance, "insurance", "insured", "coverage", "cover", "covering", "deductible", "medical",
		"dental", "vision", "fsa", "pocket", "mutuelle", "spending account")
	add(cueTrap, ContextEquity, "equity", "stock", "stocks", "options", "option", "rsu", "rsus", "shares", "esop",
		"esops", "espp", "sharesave", "strike", "vesting", "vest", "grant", "refresh")
	add(cueTrap, ContextBonus, "bonus", "bonuses", "referral", "referrals", "refer", "signing", "joining", "retention",
		"prize", "bounty", "bounties", "reward", "rewards", "sign on")
	add(cueTrap, ContextCommission, "commission", "commissions", "ote", "variable", "quota", "deal", "deals", "pipeline",
		"uncapped", "target earnings", "variable compensation", "variable pay")
	add(cueTrap, ContextOtherRole, "intern", "interns", "internship", "internships", "apprentice", "apprentices",
		"apprenticeship", "werkstudent", "werkstudenten", "managers", "assistants", "agents", "trainee", "trainees",
		"working student", "working students", "support staff", "panel members")
	add(cueTrap, ContextMeasure, "lift", "lifting", "lifts", "carry", "carrying", "push", "pull", "lbs", "lb", "kg",
		"kgs", "weigh", "weight", "weighing", "metres", "meters", "miles", "km")
	return words, pairs
}()

// cueSuffixes read the compounds of German and the Nordic languages by
// their last part: "Jahresbruttogehalt", "Weiterbildungsbudget",
// "Sportzuschuss", "Urlaubsgeld".
var cueSuffixes = []struct {
	suffix string
	cue    cueWord
}{
	{"gehalt", cueWord{cueStrong, ""}}, {"lohn", cueWord{cueStrong, ""}}, {"lön", cueWord{cueStrong, ""}},
	{"budget", cueWord{cueTrap, ContextStipend}}, {"zuschuss", cueWord{cueTrap, ContextStipend}},
	{"gutschein", cueWord{cueTrap, ContextStipend}}, {"gutscheine", cueWord{cueTrap, ContextStipend}},
	{"geld", cueWord{cueTrap, ContextBonus}}, {"versicherung", cueWord{cueTrap, ContextInsurance}},
	{"vorsorge", cueWord{cueTrap, Context401k}},
}

// cueOf looks up the word ws[i], or the pair ending with it.
func cueOf(ws []string, i int) (cueWord, string) {
	if i > 0 {
		pair := ws[i-1] + " " + ws[i]
		if c, ok := cuePairs[pair]; ok {
			return c, pair
		}
	}
	if c, ok := cueWords[ws[i]]; ok {
		return c, ws[i]
	}
	if len(ws[i]) >= 8 {
		for _, s := range cueSuffixes {
			if strings.HasSuffix(ws[i], s.suffix) {
				return s.cue, ws[i]
			}
		}
	}
	return cueWord{}, ""
}

// ownPayOf are words before "salary" or "pay" that make it the measure of
// something else: "8% of salary", "2x your salary".
var ownPayOf = map[string]bool{"of": true, "your": true, "x": true, "times": true}

// lowerWords splits s into lower-case words: runs of letters and digits.
func lowerWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		out = append(out, strings.ToLower(s[i:j]))
		i = j
	}
	return out
}

// maxCueWords is how many words before a figure are read for what
// introduces it: a clause, "The US base salary range for this full-time
// position is".
const maxCueWords = 14

// cueBefore reads the words before a figure starting at start, back to the
// start of its sentence: the nearest strong cue or trap decides; a weak
// cue is kept while the words before it are read for a trap ("Interns are
// paid $7,000", "Refer a friend and earn $1,000").
func (pc *payContext) cueBefore(start int) (cueWord, string) {
	text := pc.text
	lo := max(0, start-200)
	for lo < start && !utf8.RuneStart(text[lo]) {
		lo++
	}
	if i := lastSentenceEnd(text[lo:start]); i >= 0 {
		lo += i
	}
	ws := lowerWords(text[lo:start])
	weak, weakWord := cueWord{}, ""
	for i, n := len(ws)-1, 0; i >= 0 && n < maxCueWords; i, n = i-1, n+1 {
		c, w := cueOf(ws, i)
		switch c.kind {
		case cueStrong:
			if i > 0 && ownPayOf[ws[i-1]] {
				continue
			}
			if other, w := otherRoleBefore(ws[max(0, i-maxCueWords+n):i]); other.kind == cueTrap {
				return other, w // "Our working students are paid €15/hour"
			}
			if weak.kind != cueNone {
				return weak, weakWord
			}
			return c, w
		case cueTrap:
			return c, w
		case cueWeak:
			if weak.kind == cueNone {
				weak, weakWord = c, w
			}
		}
	}
	return weak, weakWord
}

// otherRoleBefore finds a word naming another role among ws: "interns",
// "apprentices", "support staff".
func otherRoleBefore(ws []string) (cueWord, string) {
	for i := len(ws) - 1; i >= 0; i-- {
		if c, w := cueOf(ws, i); c.kind == cueTrap && c.context == ContextOtherRole {
			return c, w
		}
	}
	return cueWord{}, ""
}

// cueAfter reads up to four words right after a figure, up to what joins
// another thing to it ("+", "plus", "and", a comma): a noun there names
// what the figure is ("$1,500 home-office stipend", "$5 billion in
// payouts", "£85,000 base").
func (pc *payContext) cueAfter(a amount) (cueWord, string) {
	if a.plus {
		return cueWord{}, "" // "$110k + bonus": what follows is added to the figure
	}
	text := pc.text
	stop := a.end
	for stop < len(text) && stop-a.end < 80 && strings.IndexByte("+,;(|.!?\n:", text[stop]) < 0 &&
		!strings.HasPrefix(text[stop:], "•") && !strings.HasPrefix(text[stop:], "·") {
		stop++
	}
	ws := lowerWords(text[a.end:stop])
	for i := 0; i < len(ws) && i < 4; i++ {
		if joinWords[ws[i]] {
			return cueWord{}, ""
		}
		if c, w := cueOf(ws, i); c.kind == cueStrong || c.kind == cueTrap {
			return c, w
		}
		if i < 3 && countNouns[ws[i]] {
			return cueWord{cueTrap, ContextHeadcount}, ws[i]
		}
	}
	return cueWord{}, ""
}

// joinWords, after a figure, join another thing to it: what follows them
// does not name the figure.
var joinWords = map[string]bool{"plus": true, "and": true, "with": true, "und": true, "et": true, "y": true,
	"excluding": true, "excl": true, "including": true, "incl": true, "inclusive": true, "exclusive": true,
	"before": true, "not": true}

// countNouns, after a figure, make it a count: the nouns of notPayNouns
// that are not units of time.
var countNouns = func() map[string]bool {
	m := map[string]bool{"models": true, "enterprises": true, "parcels": true, "mitarbeitende": true,
		"mitarbeiter": true, "collaborateurs": true, "clientes": true}
	for w := range notPayNouns {
		switch w {
		case "year", "years", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "hrs",
			"minute", "minutes", "mins", "night", "nights", "shift", "shifts", "time", "times", "percent",
			"funding", "revenue", "raised", "valuation", "arr":
			continue
		}
		m[w] = true
	}
	return m
}()
