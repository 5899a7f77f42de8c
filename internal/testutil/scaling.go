package testutil

import (
	"testing"
	"time"
)

// Linear checks that the work prepared by build grows about linearly with
// the input: build(k) returns the work for an input k times the base size
// (built outside the measurement), and Linear times it at k = 1, 10 and 100
// (best of a few runs each). It fails when going from 10× to 100× costs
// more than slack × 10 times as much — a quadratic path costs ~100 times —
// so it compares ratios, never absolute timings. The base size must make
// the 10× run take at least a few milliseconds, or the ratio is noise;
// Linear fails when it does not.
func Linear(t *testing.T, name string, build func(k int) func()) {
	t.Helper()
	const slack = 3.5
	sizes := []int{1, 10, 100}
	times := make([]time.Duration, len(sizes))
	for i, k := range sizes {
		work := build(k)
		best := time.Duration(-1)
		for rep := 0; rep < 3; rep++ {
			start := time.Now()
			work()
			d := time.Since(start)
			if best < 0 || d < best {
				best = d
			}
			if d > 2*time.Second {
				break // one long run is measurement enough
			}
		}
		times[i] = best
	}
	t.Logf("%s: 1× %v, 10× %v, 100× %v", name, times[0], times[1], times[2])
	if times[1] < 2*time.Millisecond {
		t.Fatalf("%s: the 10× input takes %v: too small to measure a ratio; make the base input bigger", name, times[1])
	}
	if r := float64(times[2]) / float64(times[1]); r > slack*10 {
		t.Errorf("%s: 10× → 100× input costs %.0f× the time (linear would be ~10×): a super-linear path", name, r)
	}
}
