package data

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// RegionAll names the row that pools every region; it comes first.
const RegionAll = "All regions"

// QuarterAll names the row that pools every quarter.
const QuarterAll = "all"

// Methods: the value of Premium.Method, one per kind of estimate. A
// (region, quarter) pair has one row per method, in this order.
const (
	// MethodStratified is the headline: the gap of mean log pay within
	// each country, weighted by the country's OpenStack postings, over the
	// countries with both roles, as exp(·) − 1, with a t interval on CR2
	// errors clustered by employer and, on quarter "all" rows, the
	// clustered test's p-value. It compares like with like in place.
	MethodStratified = "stratified"
	// MethodRaw is the ratio of geometric means minus one over the row's
	// whole country mix, with a t interval on CR2 errors clustered by
	// employer (Bell–McCaffrey degrees of freedom); secondary to
	// MethodStratified.
	MethodRaw = "raw"
	// MethodRawBCA is the same estimate with a BCa bootstrap interval that
	// resamples postings: it takes postings as independent, so it is too
	// narrow when employers post alike; kept for comparison.
	MethodRawBCA = "raw_bca"
	// MethodRawPercentile is the same estimate with the plain percentile
	// bootstrap interval, resampling postings, for comparison.
	MethodRawPercentile = "raw_percentile"
	// MethodMedian is the ratio of medians minus one with a percentile
	// bootstrap interval that resamples employers within each role.
	MethodMedian = "median"
	// MethodAdjusted is exp(b) − 1 for the OpenStack coefficient b of an
	// OLS of log pay on controls, with CR2 errors clustered by employer
	// (Bell–McCaffrey degrees of freedom) and the Oaxaca–Blinder split of
	// the raw gap.
	MethodAdjusted = "adjusted"
	// MethodPooled is the empirical-Bayes partially pooled regional
	// premium; its "All regions" row is the mean across regions.
	MethodPooled = "pooled_eb"
	// MethodChange is the change of the raw premium between the last two
	// quarters, on rows whose Quarter is "2026Q2/2026Q3".
	MethodChange = "change"
)

// Premium is one estimate of the OpenStack-over-Python pay premium: a row of
// premium_by_region.csv and premium_by_region.json. Premium, CILow and
// CIHigh are fractions (0.17 means 17% more) and NaN when the estimate is
// withheld, in which case Note says why. Fields after Note were added
// later and are NaN (numbers), 0 (NClusters) or empty where they do not
// apply to the row's method.
type Premium struct {
	Region             string
	Quarter            string
	NOpenStack         int
	NPython            int
	MedianOpenStackUSD float64
	MedianPythonUSD    float64
	Premium            float64
	CILow              float64
	CIHigh             float64
	Confidence         float64
	Method             string
	Note               string

	// LogGap is the estimate in log points, ln(1 + Premium).
	LogGap float64
	// SE is the standard error of LogGap, in log points: the bootstrap
	// standard deviation, the CR2 cluster-robust standard error, or the
	// posterior standard deviation, by method.
	SE float64
	// PValue is the two-sided p-value of the employer-clustered (CR2) t
	// test for "no premium", and PHolm the same adjusted with Holm's method
	// across every p-value of the table.
	PValue float64
	PHolm  float64
	// Explained and Unexplained split the raw log gap (log points) into the
	// part the controls account for and the rest (two-fold
	// Oaxaca–Blinder); they sum to the raw row's LogGap.
	Explained   float64
	Unexplained float64
	// NClusters is the number of companies the standard errors cluster on;
	// 0 when not clustered.
	NClusters int
	// Detail says how the row was made: resamples and seed, controls,
	// variance estimator, pooling weights.
	Detail string
	// Definition is the role definition the row counts postings under:
	// DefinitionCore or DefinitionMention. The rows of the configured
	// definition come first; the headline rows under the other one follow,
	// as a sensitivity check. Empty in files written before it.
	Definition string
	// NEmployersOpenStack and NEmployersPython count the employers the
	// row's OpenStack and Python postings come from, a posting without a
	// company counting as one; 0 where they do not apply (pooled and
	// change rows).
	NEmployersOpenStack int
	NEmployersPython    int
	// LargestEmployerShare is the share of the row's OpenStack postings
	// posted by its largest OpenStack employer, in (0, 1]; NaN where it
	// does not apply.
	LargestEmployerShare float64
}

var premiumHeader = []string{"region", "quarter", "n_openstack", "n_python",
	"median_openstack_usd", "median_python_usd", "premium", "ci_low", "ci_high",
	"confidence", "method", "note",
	"log_gap", "se", "p_value", "p_holm", "explained", "unexplained", "n_clusters", "detail", "definition",
	"n_employers_openstack", "n_employers_python", "largest_employer_share"}

// legacyColumns and detailColumns are how many columns files written
// before log_gap and before definition and the employer counts had; the
// reader accepts them with the later columns empty.
const (
	legacyColumns = 12
	detailColumns = 20
)

// formatNum writes a number with the fewest digits that read back exactly,
// and NaN as an empty cell, so the CSV is byte-identical across reruns.
func formatNum(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func parseNum(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// formatCount writes a count that is 0 when it does not apply as an empty
// cell.
func formatCount(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// WritePremiumsCSV writes premium rows with a header, each cell through
// CSVCell (numbers are left as they are).
func WritePremiumsCSV(w io.Writer, rows []Premium) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(premiumHeader); err != nil {
		return err
	}
	for _, p := range rows {
		rec := []string{p.Region, p.Quarter, strconv.Itoa(p.NOpenStack), strconv.Itoa(p.NPython),
			formatNum(p.MedianOpenStackUSD), formatNum(p.MedianPythonUSD),
			formatNum(p.Premium), formatNum(p.CILow), formatNum(p.CIHigh),
			formatNum(p.Confidence), p.Method, p.Note,
			formatNum(p.LogGap), formatNum(p.SE), formatNum(p.PValue), formatNum(p.PHolm),
			formatNum(p.Explained), formatNum(p.Unexplained), formatCount(p.NClusters), p.Detail, p.Definition,
			formatCount(p.NEmployersOpenStack), formatCount(p.NEmployersPython), formatNum(p.LargestEmployerShare)}
		if err := cw.Write(CSVRecord(rec)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadPremiumsCSV reads what WritePremiumsCSV wrote (cells through
// ReadCSVCell). Files from before the log_gap column (12 columns) or the
// definition and employer counts (20 columns) read with the later fields
// NaN, 0 or empty.
func ReadPremiumsCSV(r io.Reader) ([]Premium, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read premiums: %w", err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read premiums: missing header")
	}
	width := len(recs[0])
	if width != len(premiumHeader) && width != legacyColumns && width != detailColumns {
		return nil, fmt.Errorf("read premiums: header has %d columns, want %d", width, len(premiumHeader))
	}
	out := make([]Premium, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		line := i + 2
		if len(rec) != width {
			return nil, fmt.Errorf("read premiums: line %d: %d fields, want %d", line, len(rec), width)
		}
		rec = append(rec, make([]string, len(premiumHeader)-width)...)
		for j := range rec {
			rec[j] = ReadCSVCell(rec[j])
		}
		p := Premium{Region: rec[0], Quarter: rec[1], Method: rec[10], Note: rec[11], Detail: rec[19], Definition: rec[20]}
		ints := []struct {
			col int
			dst *int
		}{{2, &p.NOpenStack}, {3, &p.NPython}, {18, &p.NClusters}, {21, &p.NEmployersOpenStack}, {22, &p.NEmployersPython}}
		for _, c := range ints {
			if rec[c.col] == "" && c.col >= 18 {
				continue // counts after n_python are empty where they do not apply
			}
			if *c.dst, err = strconv.Atoi(rec[c.col]); err != nil {
				return nil, fmt.Errorf("read premiums: line %d, %s: %w", line, premiumHeader[c.col], err)
			}
		}
		nums := []*float64{&p.MedianOpenStackUSD, &p.MedianPythonUSD, &p.Premium, &p.CILow, &p.CIHigh,
			&p.Confidence, nil, nil, &p.LogGap, &p.SE, &p.PValue, &p.PHolm, &p.Explained, &p.Unexplained}
		for j, dst := range nums {
			if dst == nil {
				continue // method and note
			}
			if *dst, err = parseNum(rec[4+j]); err != nil {
				return nil, fmt.Errorf("read premiums: line %d, %s: %w", line, premiumHeader[4+j], err)
			}
		}
		if p.LargestEmployerShare, err = parseNum(rec[23]); err != nil {
			return nil, fmt.Errorf("read premiums: line %d, %s: %w", line, premiumHeader[23], err)
		}
		out = append(out, p)
	}
	return out, nil
}

// premiumJSON is Premium with nullable numbers, since JSON has no NaN.
type premiumJSON struct {
	Region             string   `json:"region"`
	Quarter            string   `json:"quarter"`
	NOpenStack         int      `json:"n_openstack"`
	NPython            int      `json:"n_python"`
	MedianOpenStackUSD *float64 `json:"median_openstack_usd"`
	MedianPythonUSD    *float64 `json:"median_python_usd"`
	Premium            *float64 `json:"premium"`
	CILow              *float64 `json:"ci_low"`
	CIHigh             *float64 `json:"ci_high"`
	Confidence         float64  `json:"confidence"`
	Method             string   `json:"method"`
	Note               string   `json:"note"`
	LogGap             *float64 `json:"log_gap"`
	SE                 *float64 `json:"se"`
	PValue             *float64 `json:"p_value"`
	PHolm              *float64 `json:"p_holm"`
	Explained          *float64 `json:"explained"`
	Unexplained        *float64 `json:"unexplained"`
	NClusters          *int     `json:"n_clusters"`
	Detail             string   `json:"detail"`
	Definition         string   `json:"definition"`
	NEmployersOS       *int     `json:"n_employers_openstack"`
	NEmployersPy       *int     `json:"n_employers_python"`
	LargestShare       *float64 `json:"largest_employer_share"`
}

func nullable(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

func fromNullable(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// nullableCount is a count that is 0 when it does not apply, as null.
func nullableCount(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// WritePremiumsJSON writes premium rows as an indented JSON array, with
// null where a number is withheld or does not apply.
func WritePremiumsJSON(w io.Writer, rows []Premium) error {
	out := make([]premiumJSON, len(rows))
	for i, p := range rows {
		out[i] = premiumJSON{p.Region, p.Quarter, p.NOpenStack, p.NPython,
			nullable(p.MedianOpenStackUSD), nullable(p.MedianPythonUSD),
			nullable(p.Premium), nullable(p.CILow), nullable(p.CIHigh),
			p.Confidence, p.Method, p.Note,
			nullable(p.LogGap), nullable(p.SE), nullable(p.PValue), nullable(p.PHolm),
			nullable(p.Explained), nullable(p.Unexplained), nullableCount(p.NClusters), p.Detail, p.Definition,
			nullableCount(p.NEmployersOpenStack), nullableCount(p.NEmployersPython), nullable(p.LargestEmployerShare)}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// ReadPremiumsJSON reads what WritePremiumsJSON wrote; fields a file lacks
// read as NaN, 0 or empty.
func ReadPremiumsJSON(r io.Reader) ([]Premium, error) {
	var in []premiumJSON
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("read premiums json: %w", err)
	}
	out := make([]Premium, len(in))
	for i, p := range in {
		count := func(n *int) int {
			if n == nil {
				return 0
			}
			return *n
		}
		out[i] = Premium{p.Region, p.Quarter, p.NOpenStack, p.NPython,
			fromNullable(p.MedianOpenStackUSD), fromNullable(p.MedianPythonUSD),
			fromNullable(p.Premium), fromNullable(p.CILow), fromNullable(p.CIHigh),
			p.Confidence, p.Method, p.Note,
			fromNullable(p.LogGap), fromNullable(p.SE), fromNullable(p.PValue), fromNullable(p.PHolm),
			fromNullable(p.Explained), fromNullable(p.Unexplained), count(p.NClusters), p.Detail, p.Definition,
			count(p.NEmployersOS), count(p.NEmployersPy), fromNullable(p.LargestShare)}
	}
	return out, nil
}
