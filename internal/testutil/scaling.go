package testutil

import (
	"runtime"
	"testing"
	"time"
)

// Linear checks that the work prepared by build grows about linearly with
// the input: build(k) returns the work for an input k times the base size
// (built outside the measurement), and Linear times it at k = 1, 10 and 100
// (the best of a few runs each, in CPU time of the process where the
// system gives it, so that other programs on the machine count less). It
// fails when going from 10× to 100× costs more than slack × 10 times as much
// — a quadratic path costs ~100 times — so it compares ratios, never
// absolute timings. The base size must make the 10× run take at least a few
// milliseconds, or the ratio is noise; Linear fails when it does not.
func Linear(t *testing.T, name string, build func(k int) func()) {
	t.Helper()
	const slack = 4
	sizes := []int{1, 10, 100}
	times := make([]time.Duration, len(sizes))
	for i, k := range sizes {
		work := build(k)
		best := time.Duration(-1)
		for rep := 0; rep < 5; rep++ {
			runtime.GC()
			start, wall := cpuTime(), time.Now()
			work()
			d := cpuTime() - start
			if best < 0 || d < best {
				best = d
			}
			if time.Since(wall) > time.Second && rep >= 1 {
				break // two long runs are measurement enough
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
