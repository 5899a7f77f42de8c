package outline

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// naiveChooseSections is the O(n²) definition chooseSections must agree with.
func naiveChooseSections(cs []candidate) []candidate {
	nc := len(cs)
	if nc == 0 {
		return nil
	}
	best, prev := make([]float64, nc), make([]int, nc)
	for i := range cs {
		best[i], prev[i] = cs[i].score, -1
		for j := 0; j < i; j++ {
			if cs[j].n < cs[i].n && cs[j].bodyStart <= cs[i].start && best[j]+cs[i].score > best[i] {
				best[i], prev[i] = best[j]+cs[i].score, j
			}
		}
	}
	bi := 0
	for i := range best {
		if best[i] > best[bi] {
			bi = i
		}
	}
	var chain []candidate
	for i := bi; i >= 0; i = prev[i] {
		chain = append(chain, cs[i])
	}
	slices.Reverse(chain)
	return chain
}

func randomCandidates(rng *rand.Rand, n int) []candidate {
	var cs []candidate
	pos := 0
	for len(cs) < n {
		pos += rng.IntN(30)
		c := candidate{start: pos, bodyStart: pos + 2 + rng.IntN(20), n: 1 + rng.IntN(6)}
		// scores on a coarse grid, so that ties happen
		c.score = float64(72+rng.IntN(4)*10) / 100
		cs = append(cs, c)
	}
	return cs
}

func TestChooseSectionsAgreesWithDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 2000; trial++ {
		cs := randomCandidates(rng, rng.IntN(25))
		if got, want := chooseSections(cs), naiveChooseSections(cs); !slices.Equal(got, want) {
			t.Fatalf("candidates %+v:\n got %+v\nwant %+v", cs, got, want)
		}
	}
}

func TestChooseSectionsScales(t *testing.T) {
	testutil.Linear(t, "chooseSections", func(k int) func() {
		cs := randomCandidates(rand.New(rand.NewPCG(7, 8)), 10000*k)
		return func() { chooseSections(cs) }
	})
}
