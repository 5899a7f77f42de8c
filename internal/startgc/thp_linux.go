package startgc

import (
	"bytes"
	"os"
	"syscall"
	"unsafe"
)

const hugePage = 2 << 20

// hugePagesOnRequest reports whether the kernel backs anonymous memory
// with huge pages when it is marked MADV_HUGEPAGE and not otherwise
// (transparent_hugepage "madvise"; with "always" it needs no asking, with
// "never" asking does nothing).
func hugePagesOnRequest() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// adviseHuge marks the 2 MB pages that lie wholly inside b MADV_HUGEPAGE.
func adviseHuge(b []byte) {
	if len(b) == 0 {
		return
	}
	a := uintptr(unsafe.Pointer(&b[0]))
	beg := (a + hugePage - 1) &^ (hugePage - 1)
	end := (a + uintptr(len(b))) &^ (hugePage - 1)
	if beg < end {
		_ = syscall.Madvise(b[beg-a:end-a], syscall.MADV_HUGEPAGE) // advice only: refused, nothing changes
	}
}
