//go:build !linux

package startgc

// hugePagesOnRequest: transparent huge pages are Linux's.
func hugePagesOnRequest() bool { return false }

func hugePageSize() uintptr { return 2 << 20 }

func adviseHuge([]byte) {}
