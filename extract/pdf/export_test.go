package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// Exported for the external tests.
var (
	SharedDir = sharedDir
	RepoRoot  = repoRoot
)

// repoRoot returns the directory holding go.mod above the test directory.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// sharedDir returns <repo root>/../shared, or skips.
func sharedDir(t testing.TB) string {
	t.Helper()
	s := filepath.Join(filepath.Dir(repoRoot(t)), "shared")
	if _, err := os.Stat(s); err != nil {
		t.Skipf("shared/ not found beside the repository (%s); real-file tests skipped", s)
	}
	return s
}
