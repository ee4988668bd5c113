package analyze

import (
	"slices"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// Sample collects listings one at a time for Estimate, keeping only what
// the estimates read: about 50 bytes a posting in the estimate instead of
// a whole data.Listing, so a caller can stream a large listings table
// through Add without holding it. Use NewSample, Add every listing and
// AddReject every reject, then Estimate once. Run does exactly that.
type Sample struct {
	cfg       Config
	regions   []string
	regionIdx map[string]int16 // 1-based: 0 is All regions
	// anywhere is the region id of data.RegionAnywhere, after the
	// configured regions; its row is estimated only when both groups have
	// cfg.MinGroupSize postings (nAnywhere: OpenStack, Python).
	anywhere  int16
	nAnywhere [2]int

	// One entry per posting in the estimate, in the order added. Ids are
	// first-seen numbers, renumbered in sorted order by freeze.
	valueID   []int32 // pay
	openstack []bool
	region    []int16
	quarter   []int16 // −1 when the posting date is unknown
	company   []int32 // cluster: a company, or the posting alone when it names none
	country   []int32 // stratum of the stratified premium: the country, "" being one too
	levels    [][]int32

	valueOf   map[float64]int32
	values    []float64
	quarterOf map[string]int16
	quarters  []string
	companyOf map[string]int32
	countryOf map[string]int32
	clusters  int
	levelOf   []map[string]int32
	levels1   [][]string // level names per control, first-seen order

	// bad counts candidates left out for pay that is not a positive finite
	// number, by region and quarter id (+1; 0 is "all").
	bad map[[2]int16]int

	funnelOrder []string
	funnel      map[string]*data.Funnel

	dataFrom, dataTo string
	done             bool
	// quartersOnly leaves the rows over all quarters out of Estimate: for
	// the trend, whose pooled rows nobody reads, the costliest cells
	// (permutations over every posting) are not computed.
	quartersOnly bool
	// headlineOnly makes Estimate compute the stratified rows over all
	// quarters and nothing else (no medians, bootstraps, adjusted, pooled
	// or change rows): for the sensitivity rows, which keep only those.
	headlineOnly bool

	// progress is Input.Progress, for Run's samples.
	progress func(done, total int)
}

// NewSample starts a sample for the regions (config order; a name given
// twice counts once). Postings open anywhere (data.RegionAnywhere) are
// estimated after them, as Config.RegionsIncludeAnywhere says. It returns the config's problems, as Validate does.
func NewSample(cfg Config, regions []string) (*Sample, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Sample{cfg: cfg, regionIdx: map[string]int16{}, valueOf: map[float64]int32{},
		quarterOf: map[string]int16{}, companyOf: map[string]int32{}, countryOf: map[string]int32{}, bad: map[[2]int16]int{},
		funnel: map[string]*data.Funnel{}}
	for _, r := range regions {
		if _, dup := s.regionIdx[r]; !dup && r != data.RegionAnywhere {
			s.regions = append(s.regions, r)
			s.regionIdx[r] = int16(len(s.regions))
		}
	}
	s.anywhere = int16(len(s.regions) + 1)
	s.levels = make([][]int32, len(cfg.Controls))
	s.levelOf = make([]map[string]int32, len(cfg.Controls))
	s.levels1 = make([][]string, len(cfg.Controls))
	for c := range cfg.Controls {
		s.levelOf[c] = map[string]int32{}
	}
	return s, nil
}

// Add counts one listing in the funnel and, when it is in the estimate,
// keeps what the estimates need from it. It does not keep l, nor any
// string of it: names it remembers are copied, so a caller streaming
// Arrow batches does not pin their buffers.
func (s *Sample) Add(l *data.Listing) {
	s.countFunnel(l)
	r, ok := s.regionIdx[l.Region]
	if !ok && l.Region == data.RegionAnywhere {
		r, ok = s.anywhere, true
	}
	if !ok || !s.cfg.candidate(*l) {
		return
	}
	pooled := r != s.anywhere || s.cfg.RegionsIncludeAnywhere // in All regions
	q := int16(-1)
	if l.Quarter != "" {
		id, seen := s.quarterOf[l.Quarter]
		if !seen {
			id = int16(len(s.quarters))
			name := strings.Clone(l.Quarter)
			s.quarterOf[name] = id
			s.quarters = append(s.quarters, name)
		}
		q = id
	}
	if !usablePay(l.SalaryAnnualUSD) {
		for _, region := range []int16{0, r} {
			if region == 0 && !pooled {
				continue
			}
			s.bad[[2]int16{region, 0}]++
			if q >= 0 {
				s.bad[[2]int16{region, q + 1}]++
			}
		}
		return
	}
	if r == s.anywhere {
		s.nAnywhere[boolIndex(l.Role != data.RoleOpenStack)]++
	}
	if d := l.PostedDate; d != "" && pooled {
		if s.dataFrom == "" || d < s.dataFrom {
			s.dataFrom = d
		}
		s.dataTo = max(s.dataTo, d)
	}
	id, seen := s.valueOf[l.SalaryAnnualUSD]
	if !seen {
		id = int32(len(s.values))
		s.valueOf[l.SalaryAnnualUSD] = id
		s.values = append(s.values, l.SalaryAnnualUSD)
	}
	s.valueID = append(s.valueID, id)
	s.openstack = append(s.openstack, l.Role == data.RoleOpenStack)
	s.region = append(s.region, r)
	s.quarter = append(s.quarter, q)
	if l.Company == "" {
		s.company = append(s.company, int32(s.clusters)) // a cluster of its own
		s.clusters++
	} else if c, seen := s.companyOf[l.Company]; seen {
		s.company = append(s.company, c)
	} else {
		s.companyOf[strings.Clone(l.Company)] = int32(s.clusters)
		s.company = append(s.company, int32(s.clusters))
		s.clusters++
	}
	country, seen := s.countryOf[l.Country]
	if !seen {
		country = int32(len(s.countryOf))
		s.countryOf[strings.Clone(l.Country)] = country
	}
	s.country = append(s.country, country)
	for c, control := range s.cfg.Controls {
		name := controlLevel(control, l)
		lv, seen := s.levelOf[c][name]
		if !seen {
			lv = int32(len(s.levels1[c]))
			name = strings.Clone(name)
			s.levelOf[c][name] = lv
			s.levels1[c] = append(s.levels1[c], name)
		}
		s.levels[c] = append(s.levels[c], lv)
	}
}

// countFunnel counts, per source, how many records survive each step.
func (s *Sample) countFunnel(l *data.Listing) {
	f := s.funnelRow(l.Source)
	f.Fetched++
	f.Parsed++
	if !s.cfg.usable(*l) {
		code := l.SalaryCode
		switch {
		case code != "":
		case l.SalarySource == data.PaySourceBoard:
			code = "board_estimate"
		default:
			code = "unusable"
		}
		if f.PayCodes == nil {
			f.PayCodes = map[string]int{}
		}
		f.PayCodes[strings.Clone(code)]++
		return
	}
	f.WithPay++
	if l.Role != data.RoleOpenStack && l.Role != data.RolePython {
		return
	}
	f.Classified++
	if l.DuplicateOf != "" {
		return
	}
	f.Unique++
	_, estimated := s.regionIdx[l.Region]
	switch {
	case estimated, l.Region == data.RegionAnywhere && s.cfg.RegionsIncludeAnywhere:
		f.InEstimate++
		if l.Quarter == "" {
			f.Undated++
		}
	case l.Region == data.RegionAnywhere:
		f.Anywhere++
	case l.Region == data.RegionUnknown:
		f.PlaceUnknown++
	case l.Region == data.RegionMulti:
		f.MultiRegion++
	case l.Region == data.RegionOutside:
		f.NoRegion++
	default:
		f.OutsideRegions++
	}
}

// boolIndex is 1 for true, 0 for false.
func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AddReject counts a record that never became a listing in the funnel.
func (s *Sample) AddReject(r data.Reject) {
	s.funnelRow(r.Source).Fetched++
}

func (s *Sample) funnelRow(source string) *data.Funnel {
	f, ok := s.funnel[source]
	if !ok {
		source = strings.Clone(source)
		f = &data.Funnel{Source: source}
		s.funnel[source] = f
		s.funnelOrder = append(s.funnelOrder, source)
	}
	return f
}

// usable reports whether a listing's pay may enter an estimate: read,
// converted, plausible, a positive finite number, and stated by the
// employer unless the config lets board estimates in.
func (c Config) usable(l data.Listing) bool {
	return usablePay(l.SalaryAnnualUSD) && c.acceptedPay(l)
}

// acceptedPay is data.AcceptedPay with the config's setting.
func (c Config) acceptedPay(l data.Listing) bool {
	return data.AcceptedPay(&l, c.IncludeBoardEstimates)
}

// candidate is data.Candidate with the config's setting: a candidate whose
// pay is not a positive finite number is bad input, counted in the row's
// note.
func (c Config) candidate(l data.Listing) bool { return data.Candidate(&l, c.IncludeBoardEstimates) }

// InEstimate reports whether a listing enters the estimates: a candidate
// whose pay is a positive finite number, in one of regions. It is
// data.AnalysisSettings.InEstimate, the rule the report's distributions
// apply too.
func (c Config) InEstimate(l data.Listing, regions []string) bool {
	return c.Settings().InEstimate(&l, regions)
}

// usablePay reports whether pay is a number an estimate can take the log of.
func usablePay(usd float64) bool { return data.UsablePay(usd) }

func renumber(names []string) (sortedNames []string, rank []int32) {
	order := make([]int32, len(names))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareStrings(names[a], names[b]) })
	rank = make([]int32, len(names))
	sortedNames = make([]string, len(names))
	for r, old := range order {
		rank[old] = int32(r)
		sortedNames[r] = names[old]
	}
	return sortedNames, rank
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
