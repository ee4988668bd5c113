package transform

// maxTextCompared bounds how many earlier postings of one scope a
// description is compared with (the most recent ones), so a flood of
// postings under one common title ("Software Engineer" in the US) costs
// no more than its last 128. A repeat further back than that under the
// same title and under the same employer is missed by the text rule.
const maxTextCompared = 128

// textScope holds the SimHashes of a scope's latest postings, at most
// maxTextCompared: older ones are never compared, so once the scope is
// full the newest overwrites the oldest, and memory stays bounded under
// the commonest title. The hashes lie apart from the postings' indexes,
// so the scan over them reads 8 bytes a posting.
type textScope struct {
	sims []uint64
	idxs []int32 // into dedupe.kept
	next int32   // once full, where the next posting goes: the oldest; 0 before
}

func (s *textScope) add(sim uint64, idx int32) {
	if len(s.sims) < maxTextCompared {
		s.sims = append(s.sims, sim)
		s.idxs = append(s.idxs, idx)
		return
	}
	s.sims[s.next], s.idxs[s.next] = sim, idx
	s.next = (s.next + 1) % maxTextCompared
}

// match returns the newest kept posting of the scope that in repeats by
// its text (see dedupe.near), with the distance of their SimHashes.
func (d *dedupe) match(s *textScope, in *dupInput) (*keptPosting, int, bool) {
	// Newest first: [0, next) from its end, then [next, len) from its end.
	for _, part := range [2][2]int{{0, int(s.next)}, {int(s.next), len(s.sims)}} {
		sims := s.sims[part[0]:part[1]]
		for j := len(sims) - 1; j >= 0; j-- {
			if hamming(sims[j], in.sim) > d.maxDist {
				continue
			}
			k := d.kept.at(s.idxs[part[0]+j])
			if dist, near := d.near(k, sims[j], in); near {
				return k, dist, true
			}
		}
	}
	return nil, 0, false
}
