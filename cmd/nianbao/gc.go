package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// gcStartHeap is the heap size up to which nianbao runs without the
// garbage collector.
const gcStartHeap = 24 << 20

// tuneGC lets a short run finish without garbage collection. One report
// allocates 5–15 MB in all while the process lives 30–60 ms; the default
// (GOGC=100, whose smallest heap goal is 4 MB) collects 3–9 times per file
// for nothing, about a tenth of `nianbao extract FILE.pdf`'s time. So the
// collector is off (GOGC=off with a soft limit of gcStartHeap) until the
// heap first reaches gcStartHeap; that first collection restores the
// defaults (GOGC=100, no limit), so big files and long batches are
// collected as usual and never work against a fixed limit. A GOGC or
// GOMEMLIMIT in the environment is obeyed instead. Only main calls it:
// tests run with the runtime's defaults.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcStartHeap)
	// The sentinel becomes garbage at once; its finalizer runs after the
	// first collection. It holds a pointer so that it is never put in a
	// tiny-allocator block (whose finalizers may not run).
	s := &gcSentinel{}
	runtime.SetFinalizer(s, func(*gcSentinel) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

type gcSentinel struct {
	_ *int
	_ [8]byte
}
