package crawl

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// readStored reads back what an earlier run saved, and nothing else: a
// FIFO in its place is refused at once (reading it blocked the crawl), a
// file larger than the crawl keeps is not read.
func TestReadStored(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "page.html")
	if err := os.WriteFile(saved, []byte("<html>年报</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := readStored(saved, 1<<20); err != nil || string(b) != "<html>年报</html>" {
		t.Errorf("saved file: %q, %v", b, err)
	}
	if _, err := readStored(saved, 4); err == nil {
		t.Error("a file larger than the limit was read")
	}
	fifo := filepath.Join(dir, "fifo.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if _, err := readStored(fifo, 1<<20); err == nil {
		t.Error("a FIFO was read")
	}
}
