package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

// A short run collects no garbage at all, not even while the packages are
// initialised: they allocate less than the runtime's first goal before
// internal/startgc turns the collector off, and a 5-page audit stays under
// its start heap.
// GODEBUG=gctrace=1 prints one line per collection.
func TestShortRunCollectsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds nianbao")
	}
	// built as `make build` builds it: static, without cgo (a dependency
	// that needs C would fail here)
	bin := filepath.Join(t.TempDir(), "nianbao")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOGC=") && !strings.HasPrefix(e, "GOMEMLIMIT=") && !strings.HasPrefix(e, "GODEBUG=") {
			env = append(env, e)
		}
	}
	env = append(env, "GODEBUG=gctrace=1")
	pdf := filepath.Join(testutil.Fixture(t), "pdf", "clean-lo-serif-city.pdf")
	for _, args := range [][]string{{"version"}, {"audit", "--format", "json", pdf}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() > 1 {
			t.Fatalf("nianbao %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		for _, l := range strings.Split(stderr.String(), "\n") {
			if strings.HasPrefix(l, "gc ") {
				t.Errorf("nianbao %s collected garbage: %s", strings.Join(args, " "), l)
			}
		}
	}
	// with GOGC in the environment the runtime's own setting holds: the
	// start phase stays off and a collection may run (here one is forced
	// by a tiny GOGC, showing the trace works)
	cmd := exec.Command(bin, "audit", "--format", "json", pdf)
	cmd.Env = append(env, "GOGC=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	_ = cmd.Run()
	if !strings.Contains(stderr.String(), "\ngc ") && !strings.HasPrefix(stderr.String(), "gc ") {
		t.Errorf("GOGC=1: no collection traced; the check above would see none either:\n%.500s", stderr.String())
	}
}
