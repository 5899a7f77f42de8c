package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// gcStartHeap is the heap size up to which nianbao runs without the
// garbage collector.
const gcStartHeap = 24 << 20

// gcState is the collector's tuning: the start-up phase without collection
// (tuneGC) and the memory limit of the run (setMemoryLimit), which takes
// effect when that phase ends.
var gcState struct {
	sync.Mutex
	starting bool  // no collection has run yet
	limit    int64 // the run's soft memory limit; 0: none
}

// tuneGC lets a short run finish without garbage collection. One report
// allocates 5–15 MB in all while the process lives 30–60 ms; the default
// (GOGC=100, whose smallest heap goal is 4 MB) collects 3–9 times per file
// for nothing, about a tenth of `nianbao extract FILE.pdf`'s time. So the
// collector is off (GOGC=off with a soft limit of gcStartHeap) until the
// heap first reaches gcStartHeap; that first collection restores GOGC=100
// and the run's memory limit (setMemoryLimit), so big files and long
// batches are collected as usual. A GOGC or GOMEMLIMIT in the environment
// is obeyed instead. Only main calls it: tests run with the runtime's
// defaults.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gcState.Lock()
	gcState.starting = true
	gcState.Unlock()
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcStartHeap)
	// The sentinel becomes garbage at once; its finalizer runs after the
	// first collection. It holds a pointer so that it is never put in a
	// tiny-allocator block (whose finalizers may not run).
	s := &gcSentinel{}
	runtime.SetFinalizer(s, func(*gcSentinel) {
		gcState.Lock()
		defer gcState.Unlock()
		gcState.starting = false
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(limitOrNone(gcState.limit))
	})
}

type gcSentinel struct {
	_ *int
	_ [8]byte
}

// setMemoryLimit holds the Go runtime to a soft memory limit of n bytes
// for the rest of the run (debug.SetMemoryLimit, what GOMEMLIMIT sets): the
// collector works harder as the heap nears it, so garbage does not carry
// the resident size to two or three times the live data. A GOMEMLIMIT in
// the environment wins; the limit in force is returned.
func setMemoryLimit(n int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	gcState.Lock()
	defer gcState.Unlock()
	gcState.limit = n
	if !gcState.starting {
		debug.SetMemoryLimit(limitOrNone(n))
	}
	return n
}

func limitOrNone(n int64) int64 {
	if n <= 0 {
		return math.MaxInt64
	}
	return n
}
