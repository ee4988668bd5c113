package transform

import (
	"math/rand/v2"
	"testing"
)

// TestHashIndexLikeMap checks the table against a map under random inserts,
// overwrites and lookups, through several growths, key 0 included.
func TestHashIndexLikeMap(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var h hashIndex
	want := map[uint64]int32{}
	for i := range 20000 {
		k := r.Uint64() % 5000 // repeats, so overwrites happen
		if i%97 == 0 {
			k = 0
		}
		v := int32(i)
		h.set(k, v)
		want[fixKey(k)] = v
		probe := r.Uint64() % 6000
		got, ok := h.get(probe)
		if w, wok := want[fixKey(probe)]; ok != wok || got != w {
			t.Fatalf("after %d sets, get(%d) = %d, %v; want %d, %v", i+1, probe, got, ok, w, wok)
		}
	}
	if h.n != len(want) {
		t.Errorf("%d keys, want %d", h.n, len(want))
	}
}
