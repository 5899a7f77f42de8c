// Package testutil finds the repository and the shared corpus for tests.
// In CI the repository is cloned into some folder with shared/ beside it, so
// shared/ is always <repository root>/../shared.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// RepoRoot returns the folder that holds go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testutil: cannot locate the source file")
	}
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testutil: go.mod not found above " + file)
		}
		dir = parent
	}
}

// Shared returns <repo root>/../shared/<elem…>, and skips the test with a
// message when it does not exist (a clone without the shared corpus).
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{RepoRoot(t), "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus not available (%s): %v", p, err)
	}
	return p
}

// Corpus returns the path of a real report in shared/corpus/real, skipping
// the test when the corpus is absent.
func Corpus(t testing.TB, name string) string {
	t.Helper()
	return Shared(t, "corpus", "real", name)
}

// Fixture returns the path of a file under the repository's fixtures/.
func Fixture(t testing.TB, elem ...string) string {
	t.Helper()
	return filepath.Join(append([]string{RepoRoot(t), "fixtures"}, elem...)...)
}
