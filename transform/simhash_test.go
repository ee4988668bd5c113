package transform

import (
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
)

// countingSimHash is SimHash the plain way, one counter per bit, to check
// the bit-sliced counting against.
func countingSimHash(words []uint64) uint64 {
	var votes [64]int
	n := 0
	add := func(f uint64) {
		for b := range 64 {
			votes[b] += int(f >> b & 1)
		}
		n++
	}
	if len(words) < 3 {
		for _, w := range words {
			add(mix64(w))
		}
	} else {
		for i := 0; i+2 < len(words); i++ {
			add(mix64(words[i] ^ bits.RotateLeft64(words[i+1], 21) ^ bits.RotateLeft64(words[i+2], 42)))
		}
	}
	var out uint64
	for b := range 64 {
		if 2*votes[b] > n {
			out |= 1 << b
		}
	}
	return out
}

func TestSimHashCountsLikeCounters(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		ws := make([]uint64, r.IntN(600))
		for j := range ws {
			ws[j] = r.Uint64() % 7 // few distinct words: many ties and repeats
		}
		if got, want := simHash(ws), countingSimHash(ws); got != want {
			t.Fatalf("case %d (%d words): %x, want %x", i, len(ws), got, want)
		}
	}
}

func TestSimHashDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	vocabulary := strings.Fields("cloud python service team review deploy storage network customer data build run " +
		"write test design operate scale secure monitor platform api backend queue cache database")
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = vocabulary[r.IntN(len(vocabulary))]
		}
		return strings.Join(ws, " ")
	}
	base := text(300)
	same := simHash(words(nil, base, true))
	if d := hamming(same, simHash(words(nil, base+" Apply now.", true))); d > 3 {
		t.Errorf("a 300-word text and the same with two words more are %d bits apart", d)
	}
	if d := hamming(same, simHash(words(nil, text(300), true))); d < 16 {
		t.Errorf("two unrelated texts are only %d bits apart", d)
	}
}
