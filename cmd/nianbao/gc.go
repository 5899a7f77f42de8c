package main

import (
	// The collector is off from startgc's init until the heap first
	// reaches startgc.StartHeap (see the package).
	"github.com/nianbao/nianbao/internal/startgc"
)

// setMemoryLimit holds the Go runtime to a soft memory limit of n bytes
// for the rest of the run (startgc.SetMemoryLimit: taking effect when the
// start-up phase without collection ends). A GOMEMLIMIT in the environment
// wins; the limit in force is returned.
func setMemoryLimit(n int64) int64 { return startgc.SetMemoryLimit(n) }

// prepareHeap is told, before a large document is read, about how many
// bytes reading it will allocate: startgc.Expect backs that much of the
// heap with huge pages where the kernel gives them on request.
func prepareHeap(n int64) { startgc.Expect(n) }
