package regular

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Read gives a regular file's bytes; a missing file, one over the limit
// and a FIFO are refused, the FIFO at once (opening it blocked).
func TestRead(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "page.html")
	if err := os.WriteFile(saved, []byte("<html>年报</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(saved, 1<<20); err != nil || string(b) != "<html>年报</html>" {
		t.Errorf("regular file: %q, %v", b, err)
	}
	var tl *TooLargeError
	if _, err := Read(saved, 4); !errors.As(err, &tl) || tl.Size != 19 || tl.Limit != 4 {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "missing"), 1<<20); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	if _, err := Read(dir, 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Errorf("folder: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if _, err := Read(fifo, 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Errorf("FIFO: %v", err)
	}
}
