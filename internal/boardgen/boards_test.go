package main

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	snapshotOnce     sync.Once
	snapshotPostings []*posting
	snapshotTree     tree
	snapshotErr      error
)

// snapshot generates seed 1 once for all the format tests.
func snapshot(t *testing.T) ([]*posting, tree) {
	t.Helper()
	snapshotOnce.Do(func() {
		snapshotPostings, snapshotErr = generate(1)
		if snapshotErr == nil {
			snapshotTree, snapshotErr = build(1)
		}
	})
	if snapshotErr != nil {
		t.Fatal(snapshotErr)
	}
	return snapshotPostings, snapshotTree
}

func TestSnapshotInvariants(t *testing.T) {
	postings, _ := snapshot(t)
	keys := make(map[string]bool)
	records := make(map[board]int)
	roles := make(map[role]int)
	var withPay, remote int
	currencyNear := regexp.MustCompile(`[$€£¥₹₪]|\b(USD|EUR|GBP|CAD|CHF|INR|BRL|MXN|AUD|JPY|SGD|PLN|SEK|ILS|AED|ZAR)\b`)
	for _, p := range postings {
		records[p.board]++
		records[p.copyOn]++
		key := strings.ToLower(p.company.name + "|" + p.title + "|" + p.countryCode())
		if keys[key] {
			t.Errorf("(company, title, country) repeated: %s", key)
		}
		keys[key] = true
		if got, want := mentionRole(p.text()), p.mentionRole(); got != want {
			t.Errorf("%q mentions %s, want %s", p.title, got, want)
		}
		if currencyNear.MatchString(p.text()) {
			t.Errorf("%q: description names a currency: %q", p.title, p.text())
		}
		if p.copyOn != boardNone && (p.special != specialNone || !canPublish(p, p.copyOn)) {
			t.Errorf("%q cannot be cross-posted to %s", p.title, p.copyOn.name())
		}
		if p.on(boardLever) && !p.company.lever {
			t.Errorf("%q of %s is on Lever", p.title, p.company.name)
		}
		if p.special.broken() {
			continue
		}
		roles[p.role]++
		if p.remote {
			remote++
		}
		if p.pay != nil {
			withPay++
			if p.special == specialNone && !roundedTo(*p.pay) {
				t.Errorf("%q: pay %+v not rounded", p.title, *p.pay)
			}
		}
	}
	for b, want := range map[board]int{boardCloud: cloudRecords, boardLever: leverRecords, boardPy: pyRecords} {
		if records[b] != want {
			t.Errorf("%s has %d records, want %d", b.name(), records[b], want)
		}
	}
	n := float64(len(postings))
	for _, c := range []struct {
		what     string
		share    float64
		low, top float64
	}{
		{"OpenStack", float64(roles[roleOpenStack]) / n, 0.32, 0.40},
		{"Python", float64(roles[rolePython]) / n, 0.40, 0.50},
		{"with pay", float64(withPay) / n, 0.70, 0.80},
		{"remote", float64(remote) / n, 0.12, 0.18},
	} {
		if c.share < c.low || c.share > c.top {
			t.Errorf("share %s = %.3f, want %.2f..%.2f", c.what, c.share, c.low, c.top)
		}
	}
}

func roundedTo(p pay) bool {
	step := int64(roundingStep(p.period, p.currency))
	return p.min%step == 0 && p.max%step == 0
}

func TestLeverNamesRoundTrip(t *testing.T) {
	for _, c := range newCompanies(rand.New(rand.NewPCG(1, 2))) {
		if !c.lever {
			continue
		}
		words := strings.Fields(strings.ReplaceAll(c.slug(), "-", " "))
		for i, w := range words {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		if got := strings.Join(words, " "); got != c.name {
			t.Errorf("slug %s title-cases to %q, want %q", c.slug(), got, c.name)
		}
	}
}

func TestMiddleEastAfricaStaysSmall(t *testing.T) {
	_, files := snapshot(t)
	var truth truthFile
	if err := json.Unmarshal(files["truth.json"], &truth); err != nil {
		t.Fatal(err)
	}
	small := 0
	for _, row := range truth.Sample {
		if row.Region == regionMEA && row.Quarter != "all" && row.NOpenStack < 30 {
			small++
		}
	}
	if small == 0 {
		t.Error("Middle East & Africa has 30+ OpenStack postings in every quarter; the withholding rule goes untested")
	}
}

var ldScript = regexp.MustCompile(`<script type="application/ld\+json">(.*)</script>`)

// TestCloudJSONLD reads every cloudjobs page back and compares it with the
// posting it was written from.
func TestCloudJSONLD(t *testing.T) {
	postings, files := snapshot(t)
	broken := 0
	for _, p := range postings {
		if !p.on(boardCloud) {
			continue
		}
		page := string(files[fmt.Sprintf("cloudjobs.example/jobs/p/%d.html", p.cloudID)])
		m := ldScript.FindStringSubmatch(page)
		var v map[string]any
		if m == nil || json.Unmarshal([]byte(m[1]), &v) != nil {
			broken++
			if !p.special.broken() {
				t.Errorf("page %d: unreadable JSON-LD", p.cloudID)
			}
			continue
		}
		if g, ok := v["@graph"].([]any); ok {
			v = g[1].(map[string]any)
		}
		if got := html.UnescapeString(v["title"].(string)); got != p.title {
			t.Errorf("page %d: title %q, want %q", p.cloudID, got, p.title)
		}
		if got := v["datePosted"]; got != p.day() {
			t.Errorf("page %d: date %v, want %s", p.cloudID, got, p.day())
		}
		var stated []int64
		if s, ok := v["baseSalary"].(map[string]any); ok {
			qv := s["value"].(map[string]any)
			for _, k := range []string{"value", "minValue", "maxValue"} {
				if x, ok := qv[k]; ok {
					stated = append(stated, jsonNumber(t, x))
				}
			}
			if !strings.EqualFold(qv["unitText"].(string), p.pay.period) || s["currency"] != p.pay.currency {
				t.Errorf("page %d: unit %v %v, want %s %s", p.cloudID, qv["unitText"], s["currency"], p.pay.period, p.pay.currency)
			}
		}
		if want := statedNumbers(p.pay); fmt.Sprint(stated) != fmt.Sprint(want) {
			t.Errorf("page %d: pay %v, want %v", p.cloudID, stated, want)
		}
	}
	if broken != 10 {
		t.Errorf("%d broken pages, want 10", broken)
	}
}

func jsonNumber(t *testing.T, x any) int64 {
	switch v := x.(type) {
	case float64:
		return int64(v)
	case string:
		n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64)
		if err != nil {
			t.Errorf("number %q: %v", v, err)
		}
		return n
	}
	t.Errorf("not a number: %v", x)
	return 0
}

// statedNumbers lists the numbers a posting states, in reading order.
func statedNumbers(p *pay) []int64 {
	if p == nil {
		return nil
	}
	switch p.shape {
	case shapeSingle:
		return []int64{p.min}
	case shapeUpTo:
		return []int64{p.max}
	case shapeFrom:
		return []int64{p.min}
	}
	return []int64{p.min, p.max}
}

func TestLeverRecords(t *testing.T) {
	postings, files := snapshot(t)
	byID := make(map[string]*posting)
	for _, p := range postings {
		if p.on(boardLever) {
			byID[p.leverID] = p
		}
	}
	seen := 0
	for _, slug := range strings.Fields(string(files["api.lever.example/v0/postings/index.txt"])) {
		var records []leverPosting
		if err := json.Unmarshal(files["api.lever.example/v0/postings/"+slug], &records); err != nil {
			t.Fatalf("%s: %v", slug, err)
		}
		for _, r := range records {
			p := byID[r.ID]
			seen++
			switch {
			case p == nil:
				t.Errorf("%s: unknown id %s", slug, r.ID)
			case r.Text != p.title || r.Country != p.countryCode() || r.CreatedAt != p.date.UnixMilli() || p.company.slug() != slug:
				t.Errorf("%s: record %+v does not match posting %q", slug, r, p.title)
			case p.pay == nil && r.SalaryRange != nil, p.pay != nil && (r.SalaryRange == nil ||
				r.SalaryRange.Min != p.pay.min || r.SalaryRange.Max != p.pay.max || r.SalaryRange.Currency != p.pay.currency):
				t.Errorf("%s: salary %+v, want %+v", slug, r.SalaryRange, p.pay)
			}
		}
	}
	if seen != leverRecords {
		t.Errorf("%d Lever records, want %d", seen, leverRecords)
	}
}

var (
	paySentence = regexp.MustCompile(`<p>(?:Compensation: |The salary for this role is |We pay )([^<]*)</p>`)
	payNumber   = regexp.MustCompile(`\d+(?:[,.' ]\d+)*[kK]?`)
)

// TestPyjobsPayText reads every pyjobs pay sentence back with the simplest
// parser that knows its templates and compares the numbers.
func TestPyjobsPayText(t *testing.T) {
	postings, files := snapshot(t)
	for _, p := range postings {
		if !p.on(boardPy) {
			continue
		}
		page := string(files[fmt.Sprintf("pyjobs.example/jobs/%d/index.html", p.pyID)])
		if !strings.Contains(page, `<p class="listing-location">`+esc(displayLocation(p))+`</p>`) {
			t.Errorf("page %d: location %q missing", p.pyID, displayLocation(p))
		}
		m := paySentence.FindStringSubmatch(page)
		if p.pay == nil {
			if m != nil {
				t.Errorf("page %d states pay %q but has none", p.pyID, m[1])
			}
			continue
		}
		if m == nil {
			t.Errorf("page %d: no pay sentence", p.pyID)
			continue
		}
		var got []int64
		for _, s := range payNumber.FindAllString(html.UnescapeString(m[1]), -1) {
			mult := int64(1)
			if strings.HasSuffix(strings.ToLower(s), "k") {
				mult, s = 1000, s[:len(s)-1]
			}
			n, err := strconv.ParseInt(strings.NewReplacer(",", "", ".", "", "'", "", " ", "").Replace(s), 10, 64)
			if err != nil {
				t.Fatalf("page %d: %q: %v", p.pyID, m[1], err)
			}
			got = append(got, n*mult)
		}
		if want := statedNumbers(p.pay); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("page %d: %q reads as %v, want %v", p.pyID, m[1], got, want)
		}
	}
}

func TestListingsLinkEveryPosting(t *testing.T) {
	_, files := snapshot(t)
	for _, tc := range []struct {
		name, dir, link, next string
		want                  int
	}{
		{"cloudjobs", "cloudjobs.example/jobs/", `class="job-link" href="`, `rel="next" href="`, cloudRecords + 1},
		{"pyjobs", "pyjobs.example/jobs/", `<span class="listing-company-name"><a href="`, `<li class="next"><a href="`, pyRecords},
	} {
		t.Run(tc.name, func(t *testing.T) {
			links, page := 0, "index.html"
			for page != "" {
				body := string(files[tc.dir+page])
				if body == "" {
					t.Fatalf("listing page %s missing", page)
				}
				for _, part := range strings.Split(body, tc.link)[1:] {
					target, _, _ := strings.Cut(part, `"`)
					links++
					if !strings.HasPrefix(target, "/admin/") && files[tc.dir+target] == nil && files[tc.dir+target+"index.html"] == nil {
						t.Errorf("%s links to missing %s", page, target)
					}
				}
				page = ""
				if _, after, ok := strings.Cut(body, tc.next); ok {
					page, _, _ = strings.Cut(after, `"`)
				}
			}
			if links != tc.want {
				t.Errorf("%d links, want %d", links, tc.want)
			}
		})
	}
}
