package main

import (
	"runtime/debug"
	"testing"

	"github.com/nianbao/nianbao/internal/startgc"
)

// The run's memory limit reaches the runtime, unless GOMEMLIMIT in the
// environment says otherwise: then that limit stays and is the one used.
func TestSetMemoryLimit(t *testing.T) {
	startgc.End() // the limit is kept, not applied, while the process starts
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOMEMLIMIT", "")
	if got := setMemoryLimit(300 << 20); got != 300<<20 || debug.SetMemoryLimit(-1) != 300<<20 {
		t.Errorf("limit %d, runtime %d; want 300 MiB", got, debug.SetMemoryLimit(-1))
	}
	t.Setenv("GOMEMLIMIT", "2GiB")
	debug.SetMemoryLimit(2 << 30) // what the runtime read from the environment at start
	if got := setMemoryLimit(300 << 20); got != 2<<30 || debug.SetMemoryLimit(-1) != 2<<30 {
		t.Errorf("with GOMEMLIMIT: limit %d, runtime %d; want 2 GiB", got, debug.SetMemoryLimit(-1))
	}
}
