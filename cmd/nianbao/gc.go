package main

import (
	// The collector is off from the first package initialised until the
	// heap first reaches startgc.StartHeap (see the package).
	"github.com/nianbao/nianbao/internal/startgc"
)

// setMemoryLimit holds the Go runtime to a soft memory limit of n bytes
// for the rest of the run (startgc.SetMemoryLimit: taking effect when the
// start-up phase without collection ends). A GOMEMLIMIT in the environment
// wins; the limit in force is returned.
func setMemoryLimit(n int64) int64 { return startgc.SetMemoryLimit(n) }
