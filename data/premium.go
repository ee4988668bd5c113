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

// Premium is one estimate of the OpenStack-over-Python pay premium: a row of
// premium_by_region.csv and premium_by_region.json. Premium, CILow and
// CIHigh are fractions (0.17 means 17% more) and NaN when the estimate is
// withheld, in which case Note says why.
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
}

var premiumHeader = []string{"region", "quarter", "n_openstack", "n_python",
	"median_openstack_usd", "median_python_usd", "premium", "ci_low", "ci_high",
	"confidence", "method", "note"}

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

// WritePremiumsCSV writes premium rows with a header.
func WritePremiumsCSV(w io.Writer, rows []Premium) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(premiumHeader); err != nil {
		return err
	}
	for _, p := range rows {
		rec := []string{p.Region, p.Quarter, strconv.Itoa(p.NOpenStack), strconv.Itoa(p.NPython),
			formatNum(p.MedianOpenStackUSD), formatNum(p.MedianPythonUSD),
			formatNum(p.Premium), formatNum(p.CILow), formatNum(p.CIHigh),
			formatNum(p.Confidence), p.Method, p.Note}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadPremiumsCSV reads what WritePremiumsCSV wrote.
func ReadPremiumsCSV(r io.Reader) ([]Premium, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(premiumHeader)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read premiums: %w", err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read premiums: missing header")
	}
	out := make([]Premium, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		p := Premium{Region: rec[0], Quarter: rec[1], Method: rec[10], Note: rec[11]}
		ints := []*int{&p.NOpenStack, &p.NPython}
		for j, dst := range ints {
			if *dst, err = strconv.Atoi(rec[2+j]); err != nil {
				return nil, fmt.Errorf("read premiums: line %d, %s: %w", i+2, premiumHeader[2+j], err)
			}
		}
		nums := []*float64{&p.MedianOpenStackUSD, &p.MedianPythonUSD, &p.Premium, &p.CILow, &p.CIHigh, &p.Confidence}
		for j, dst := range nums {
			if *dst, err = parseNum(rec[4+j]); err != nil {
				return nil, fmt.Errorf("read premiums: line %d, %s: %w", i+2, premiumHeader[4+j], err)
			}
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

// WritePremiumsJSON writes premium rows as an indented JSON array, with
// null where a number is withheld.
func WritePremiumsJSON(w io.Writer, rows []Premium) error {
	out := make([]premiumJSON, len(rows))
	for i, p := range rows {
		out[i] = premiumJSON{p.Region, p.Quarter, p.NOpenStack, p.NPython,
			nullable(p.MedianOpenStackUSD), nullable(p.MedianPythonUSD),
			nullable(p.Premium), nullable(p.CILow), nullable(p.CIHigh),
			p.Confidence, p.Method, p.Note}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// ReadPremiumsJSON reads what WritePremiumsJSON wrote.
func ReadPremiumsJSON(r io.Reader) ([]Premium, error) {
	var in []premiumJSON
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("read premiums json: %w", err)
	}
	out := make([]Premium, len(in))
	for i, p := range in {
		out[i] = Premium{p.Region, p.Quarter, p.NOpenStack, p.NPython,
			fromNullable(p.MedianOpenStackUSD), fromNullable(p.MedianPythonUSD),
			fromNullable(p.Premium), fromNullable(p.CILow), fromNullable(p.CIHigh),
			p.Confidence, p.Method, p.Note}
	}
	return out, nil
}
