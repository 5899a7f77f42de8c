// Package startgc lets a short nianbao run finish without garbage
// collection.
//
// One report allocates 5–15 MB in all while the process lives 20–60 ms;
// the runtime's default (GOGC=100, whose smallest heap goal is 4 MB)
// collects 3–9 times per file for nothing. So this package, imported by
// cmd/nianbao for its side effect, turns the collector off (GOGC=off with a
// soft limit of StartHeap) in its init. That init is not the first: Go
// initialises, among the packages whose imports are ready, the first by
// import path, and this package waits for runtime/debug's imports (strings,
// strconv, …), which sort after most dependencies, so it runs after almost
// all of them (`GODEBUG=inittrace=1`: 117th of 145). Nothing is collected
// before it either: the package initialisations allocate ~1.1 MB in all
// (tablewriter's width cache 0.66 MB of it), under the runtime's first goal
// (cmd/nianbao TestShortRunCollectsNothing). The first
// collection — when the heap first reaches StartHeap — ends that phase:
// from then on GOGC is set after each collection to give the heap Headroom
// to grow, and the run's memory limit (SetMemoryLimit) applies, so big files
// and long batches are collected. A GOGC or
// GOMEMLIMIT in the environment is obeyed instead.
package startgc

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// StartHeap is the heap size up to which nianbao runs without the garbage
// collector.
const StartHeap = 24 << 20

// Headroom is how far the heap may grow past what the last collection
// found alive before the next one, while that is more than GOGC=100 gives.
// A run keeps little alive (one document's text and cells; a batch's
// waiting items are spooled) and makes much garbage (every page's glyphs),
// so with GOGC=100 the collector ran every few MB and its write barriers and
// sweeping were ~10 % of a long PDF's CPU and more of a batch's. After each
// collection GOGC is set so that the next runs when the heap has grown by
// max(live, Headroom): small heaps get Headroom of room, a heap of more than
// Headroom alive is collected as with GOGC=100 (a big document's peak stays
// where it was). Measured against GOGC=100: a batch of 1,000 small reports
// ~25 % less CPU (peak RSS 28 → 64–76 MB), a 1,000-page audit 5–15 % less
// (33 → 45 MB), the hostile batch's peak 347 → 384 MB.
const Headroom = 32 << 20

var state struct {
	sync.Mutex
	starting bool  // no collection has run yet
	advised  bool  // Expect has backed the heap with huge pages
	limit    int64 // the run's soft memory limit; 0: none
}

func init() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	state.starting = true
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(StartHeap)
	// The sentinel becomes garbage at once; its finalizer runs after the
	// first collection. It holds a pointer so that it is never put in a
	// tiny-allocator block (whose finalizers may not run).
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) { End() })
}

type sentinel struct {
	_ *int
	_ [8]byte
}

// End ends the start-up phase now (it ends by itself at the first
// collection): GOGC by Headroom and the run's memory limit. Nothing when it has
// ended or never began.
func End() {
	state.Lock()
	defer state.Unlock()
	if !state.starting {
		return
	}
	state.starting = false
	debug.SetMemoryLimit(limitOrNone(state.limit))
	afterCollection()
}

// afterCollection sets GOGC for the next collection from what the last one
// found alive (see Headroom) and arranges to run again after the next one.
func afterCollection() {
	debug.SetGCPercent(gcPercent(liveHeap()))
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) { afterCollection() })
}

// gcPercent is the GOGC that lets the heap grow by max(live, Headroom).
func gcPercent(live int64) int {
	if live <= 0 {
		return 100 * Headroom / (1 << 20) // nothing measured yet: as for 1 MB alive
	}
	if live >= Headroom {
		return 100
	}
	return int(100 * Headroom / live)
}

// liveHeap is the heap the last collection marked alive, 0 when unknown.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// Starting reports whether the start-up phase (no collection) lasts.
func Starting() bool {
	state.Lock()
	defer state.Unlock()
	return state.starting
}

// SetMemoryLimit holds the Go runtime to a soft memory limit of n bytes
// for the rest of the run (debug.SetMemoryLimit, what GOMEMLIMIT sets): the
// collector works harder as the heap nears it, so garbage does not carry
// the resident size to two or three times the live data. During the
// start-up phase the limit is kept and takes effect when the phase ends. A
// GOMEMLIMIT in the environment wins; the limit in force is returned.
func SetMemoryLimit(n int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	state.Lock()
	defer state.Unlock()
	state.limit = n
	if !state.starting {
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
