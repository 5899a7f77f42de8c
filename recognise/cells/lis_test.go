package cells

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// naiveLongestIncreasing is the O(n²) definition longestIncreasing must agree
// with: the earliest predecessor of the longest chain at every step.
func naiveLongestIncreasing(keys []int) []int {
	n := len(keys)
	length, prev := make([]int, n), make([]int, n)
	best := -1
	for i := range keys {
		prev[i] = -1
		if keys[i] < 0 {
			continue
		}
		length[i] = 1
		for j := 0; j < i; j++ {
			if keys[j] >= 0 && keys[j] < keys[i] && length[j]+1 > length[i] {
				length[i], prev[i] = length[j]+1, j
			}
		}
		if best < 0 || length[i] > length[best] {
			best = i
		}
	}
	var out []int
	for i := best; i >= 0; i = prev[i] {
		out = append(out, i)
	}
	slices.Reverse(out)
	return out
}

func TestLongestIncreasingAgreesWithDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	id := func(k int) int { return k }
	for trial := 0; trial < 2000; trial++ {
		keys := make([]int, rng.IntN(30))
		for i := range keys {
			keys[i] = rng.IntN(12) - 2
		}
		if got, want := longestIncreasing(keys, id), naiveLongestIncreasing(keys); !slices.Equal(got, want) {
			t.Fatalf("keys %v: got %v, want %v", keys, got, want)
		}
	}
}

func TestLongestIncreasingScales(t *testing.T) {
	testutil.Linear(t, "longestIncreasing", func(k int) func() {
		rng := rand.New(rand.NewPCG(3, 4))
		keys := make([]int, 20000*k)
		for i := range keys {
			keys[i] = rng.IntN(40) - 1
		}
		return func() { longestIncreasing(keys, func(k int) int { return k }) }
	})
}
