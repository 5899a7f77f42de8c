package startgc

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"unsafe"
)

const thp = "/sys/kernel/mm/transparent_hugepage/"

// hugePagesOnRequest reports whether the kernel backs anonymous memory
// with huge pages when it is marked MADV_HUGEPAGE and not otherwise
// (transparent_hugepage "madvise"; with "always" it needs no asking, with
// "never" asking does nothing).
func hugePagesOnRequest() bool {
	b, err := os.ReadFile(thp + "enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// hugePageSize is the size of the kernel's transparent huge pages (2 MB
// with 4 KB pages).
func hugePageSize() uintptr {
	b, err := os.ReadFile(thp + "hpage_pmd_size")
	if n, perr := strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64); err == nil && perr == nil && n > 0 && n&(n-1) == 0 {
		return uintptr(n)
	}
	return 2 << 20
}

// adviseHuge marks the huge pages that lie wholly inside b MADV_HUGEPAGE.
func adviseHuge(b []byte) {
	if len(b) == 0 {
		return
	}
	huge := hugePageSize()
	a := uintptr(unsafe.Pointer(&b[0]))
	beg := (a + huge - 1) &^ (huge - 1)
	end := (a + uintptr(len(b))) &^ (huge - 1)
	if beg < end {
		_ = syscall.Madvise(b[beg-a:end-a], syscall.MADV_HUGEPAGE) // advice only: refused, nothing changes
	}
}
