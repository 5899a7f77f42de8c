package manifest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestReadRefusesHugeAndSpecial: a manifest larger than MaxSize (a sparse
// file here) is refused from its size without being read, and one that is
// a FIFO is refused at once instead of blocking the crawl or the walk.
func TestReadRefusesHugeAndSpecial(t *testing.T) {
	big := t.TempDir()
	f, err := os.Create(filepath.Join(big, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = Read(big)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "过大") {
		t.Errorf("huge manifest: %v", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("allocated %d MB refusing it", n>>20)
	}
	fifo := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(fifo, FileName), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if _, err := Read(fifo); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
		t.Errorf("FIFO manifest: %v", err)
	}
}
