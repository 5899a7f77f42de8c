package startgc

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The collector is off while the process starts (when the environment
// sets neither GOGC nor GOMEMLIMIT); End sets GOGC from the live heap (see
// Headroom) and applies the limit set meanwhile.
func TestStartPhase(t *testing.T) {
	if !Starting() {
		t.Skip("GOGC or GOMEMLIMIT set, or a collection already ran") // not a missing tool: the phase is over
	}
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GOGC during start-up = %d, want off", p)
	}
	if l := debug.SetMemoryLimit(-1); l != StartHeap {
		t.Errorf("memory limit during start-up = %d, want %d", l, StartHeap)
	}
	defer debug.SetMemoryLimit(math.MaxInt64)
	if got := SetMemoryLimit(300 << 20); got != 300<<20 || debug.SetMemoryLimit(-1) != StartHeap {
		t.Errorf("limit %d set during start-up must wait; runtime has %d", got, debug.SetMemoryLimit(-1))
	}
	want := gcPercent(liveHeap())
	End()
	if Starting() {
		t.Fatal("still starting after End")
	}
	if p := debug.SetGCPercent(want); p != want {
		t.Errorf("GOGC after start-up = %d, want %d", p, want)
	}
	if l := debug.SetMemoryLimit(-1); l != 300<<20 {
		t.Errorf("memory limit after start-up = %d, want 300 MiB", l)
	}
}

func TestGCPercent(t *testing.T) {
	for _, c := range []struct {
		live int64
		want int
	}{
		{0, 3200}, {1 << 20, 3200}, {8 << 20, 400}, {16 << 20, 200}, {Headroom - 1, 100},
		{Headroom, 100}, {500 << 20, 100},
	} {
		if got := gcPercent(c.live); got != c.want {
			t.Errorf("gcPercent(%d MB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

// After each collection GOGC follows what it found alive: 100 while more
// than Headroom is alive, more once the heap is small again.
func TestTunerFollowsLiveHeap(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: the runtime's settings are obeyed") // not a missing tool
	}
	End() // the start-up phase is over (TestStartPhase may have ended it)
	gogc := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	// waitFor collects until the finalizer has set GOGC as ok wants
	waitFor := func(what string, ok func(int) bool) {
		t.Helper()
		for range 50 {
			runtime.GC()
			time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
			if ok(gogc()) {
				return
			}
		}
		t.Fatalf("GOGC %d: never %s", gogc(), what)
	}
	big := make([]byte, 2*Headroom)
	for i := range big {
		big[i] = byte(i)
	}
	waitFor("100 with 64 MB alive", func(p int) bool { return p == 100 })
	runtime.KeepAlive(big)
	big = nil
	waitFor("above 100 once the heap is small", func(p int) bool { return p > 100 })
}
