package startgc

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// MinExpect is the least memory an Expect must announce to have the heap
// backed by huge pages: below it the collection that Expect costs (about
// 3 ms when it is the run's first) is more than the page faults it saves.
// Measured on the 2-core VM of issue 8 with `nianbao audit` on generated
// PDFs (40 KB announced per page): 100 pages 6 % slower, 200 pages 8 %
// faster, 300 pages 18 %, 500 and 1,000 pages 31 %.
const MinExpect = 8 << 20

// MaxExpect bounds the memory backed by huge pages on one Expect, about
// what a 5,000-page audit's heap touches (64 MB: 9 % less CPU than
// without; 128 MB: another 6–9 %, peak RSS 106 → 111 MB).
const MaxExpect = 128 << 20

// Expect is told that the run is about to allocate about n bytes (a PDF
// of many pages: extract.Prepare). When n is at least MinExpect, this is
// the first such call, the environment sets neither GOGC nor GOMEMLIMIT,
// and the kernel gives huge pages to memory that asks for them
// (transparent huge pages in "madvise" mode, the default of most
// distributions; GODEBUG=disablethp=1 turns this off as it does the
// runtime's own use), the next min(n, MaxExpect) bytes of the heap are
// backed by 2 MB pages: one page fault and one clearing for each 2 MB
// instead of one for each 4 KB. On a virtual machine a page fault is dear
// (this one: 32 MB first touched in 4 KB pages take 89 ms, in 2 MB pages
// 2–55 ms), and a long document's heap is mostly memory touched for the
// first time, so `nianbao audit` of a 1,000-page PDF spends a third less
// CPU (7,500 page faults → 2,400).
//
// How: the start-up phase ends (End), a block of that size is allocated —
// the runtime maps fresh memory for it and leaves it untouched — and
// marked MADV_HUGEPAGE, then dropped and collected at once. Its pages are
// free again and, being the heap's lowest free pages, the next ones the
// allocator hands out; the mark stays with the memory. Nothing changes
// what the program computes.
func Expect(n int64) {
	if n < MinExpect || !hugePagesOnRequest() {
		return
	}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || godebug("disablethp", "1") {
		return
	}
	state.Lock()
	done := state.advised
	state.advised = true
	state.Unlock()
	if done {
		return
	}
	End()
	// No collection while the block is allocated (it would find it alive),
	// one right after; the collection's sentinel (afterCollection) sets
	// GOGC again from what it found alive.
	debug.SetGCPercent(-1)
	adviseHuge(make([]byte, min(n, MaxExpect)))
	runtime.GC()
}

// godebug reports whether GODEBUG sets key to value.
func godebug(key, value string) bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == key && v == value {
			return true
		}
	}
	return false
}
