package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir is exported for the external tests.
var SharedDir = sharedDir

// sharedDir returns <repo root>/../shared, or skips.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("go.mod not found above the test directory")
		}
		dir = parent
	}
	s := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(s); err != nil {
		t.Skipf("shared/ not found beside the repository (%s); real-file tests skipped", s)
	}
	return s
}
