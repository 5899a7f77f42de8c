package startgc

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// adviseHuge marks the memory it is given: the kernel lists the flag
// ("hg" in VmFlags) for the mapping that holds the block's inner huge
// pages.
func TestAdviseHugeMarksTheMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("transparent huge pages are Linux's") // not a missing tool: nothing to test elsewhere
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("kernel built without transparent huge pages") // not a missing tool: the kernel's build
	}
	b := make([]byte, 8<<20)
	if hugePageSize() > 2<<20 {
		b = make([]byte, 3*hugePageSize())
	}
	adviseHuge(b)
	a := uintptr(unsafe.Pointer(&b[0]))
	huge := hugePageSize()
	inner := (a + huge - 1) &^ (huge - 1)
	flags, err := vmFlags(inner)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("mapping holding %#x: VmFlags %q, want hg (MADV_HUGEPAGE)", inner, flags)
	}
	runtime.KeepAlive(b)
}

// vmFlags returns the VmFlags line of the mapping in /proc/self/smaps
// that holds address a.
func vmFlags(a uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= a && a < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x in /proc/self/smaps", a)
}

// Expect does nothing for less than MinExpect or when the environment
// sets the collector; otherwise, once, it ends the start-up phase and
// collects (where the kernel gives huge pages on request).
func TestExpect(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: Expect leaves the collector alone") // not a missing tool
	}
	advised := func() bool {
		state.Lock()
		defer state.Unlock()
		return state.advised
	}
	if advised() {
		t.Skip("Expect already ran in this process") // not a missing tool
	}
	Expect(MinExpect - 1)
	if advised() {
		t.Error("Expect acted on less than MinExpect")
	}
	t.Setenv("GOGC", "100")
	Expect(MaxExpect)
	if advised() {
		t.Error("Expect acted with GOGC set")
	}
	os.Unsetenv("GOGC")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Expect(MinExpect)
	runtime.ReadMemStats(&after)
	if !hugePagesOnRequest() || godebug("disablethp", "1") {
		if advised() {
			t.Error("Expect acted where the kernel gives no huge pages on request")
		}
		return
	}
	if !advised() || Starting() {
		t.Errorf("after Expect: advised %v, starting %v; want true, false", advised(), Starting())
	}
	if after.NumGC == before.NumGC {
		t.Error("Expect did not collect the block it marked")
	}
	runtime.ReadMemStats(&before)
	Expect(MaxExpect)
	runtime.ReadMemStats(&after)
	if after.NumGC != before.NumGC {
		t.Error("a second Expect collected again")
	}
}

func TestGodebug(t *testing.T) {
	for _, c := range []struct {
		env  string
		want bool
	}{
		{"", false}, {"disablethp=1", true}, {"gctrace=1, disablethp=1", true},
		{"disablethp=0", false}, {"xdisablethp=1", false},
	} {
		t.Setenv("GODEBUG", c.env)
		if got := godebug("disablethp", "1"); got != c.want {
			t.Errorf("GODEBUG=%q: %v, want %v", c.env, got, c.want)
		}
	}
}
