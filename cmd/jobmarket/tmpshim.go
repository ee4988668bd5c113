package main

import (
	"context"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
)

func tmpNormalizeBatch(n *transform.Normalizer, ctx context.Context, recs []data.RawRecord, ls []data.Listing, rj []data.Reject) ([]data.Listing, []data.Reject, error) {
	for i := range recs {
		l, r, ok := n.Normalize(&recs[i])
		if ok {
			ls = append(ls, l)
		} else {
			rj = append(rj, r)
		}
	}
	return ls, rj, ctx.Err()
}
