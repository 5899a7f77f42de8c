package startgc

import (
	"math"
	"runtime/debug"
	"testing"
)

// The collector is off while the process starts (when the environment
// sets neither GOGC nor GOMEMLIMIT); End restores GOGC=100 and applies the
// limit set meanwhile.
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
	End()
	if Starting() {
		t.Fatal("still starting after End")
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GOGC after start-up = %d, want 100", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 300<<20 {
		t.Errorf("memory limit after start-up = %d, want 300 MiB", l)
	}
}
