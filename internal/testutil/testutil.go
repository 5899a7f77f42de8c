// Package testutil finds the repository and the shared corpus for tests.
// In CI the repository is cloned into some folder with shared/ beside it, so
// shared/ is always <repository root>/../shared.
package testutil

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// RepoRoot returns the folder that holds go.mod: the first one above the
// working directory (go test runs a package's tests in its folder), else
// above this source file.
func RepoRoot(t testing.TB) string {
	t.Helper()
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	for _, dir := range starts {
		if root, ok := findGoMod(dir); ok {
			return root
		}
	}
	t.Fatalf("testutil: go.mod not found above %q", starts)
	return ""
}

func findGoMod(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// SharedPath returns <repo root>/../shared/<elem…> without checking that it
// exists: for optional inputs (fuzz seeds, script conditions).
func SharedPath(t testing.TB, elem ...string) string {
	t.Helper()
	return filepath.Join(append([]string{RepoRoot(t), "..", "shared"}, elem...)...)
}

// Shared returns <repo root>/../shared/<elem…>. It skips the test with a
// message when shared/ is absent (a clone without the shared corpus), and
// fails it when shared/ is there but the path is not.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	root := SharedPath(t)
	if _, err := os.Stat(root); err != nil {
		sharedMissing(t, root, err)
	}
	p := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared/ is present but %s is not: %v", p, err)
	}
	return p
}

// Corpus returns the path of a real report in shared/corpus/real (see
// Shared for when the test is skipped or fails).
func Corpus(t testing.TB, name string) string {
	t.Helper()
	return Shared(t, "corpus", "real", name)
}

// CorpusFiles lists, sorted, the reports in shared/corpus/real and
// shared/corpus/seed whose extension (any case) is one of exts, leaving out
// the corpus notes (NOTES.md, SOURCES.md). It skips the test when shared/ is
// absent and fails it when no report matches.
func CorpusFiles(t testing.TB, exts ...string) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{Shared(t, "corpus", "real"), Shared(t, "corpus", "seed")} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			n := e.Name()
			if e.IsDir() || n == "NOTES.md" || n == "SOURCES.md" {
				continue
			}
			if slices.Contains(exts, strings.ToLower(filepath.Ext(n))) {
				files = append(files, filepath.Join(dir, n))
			}
		}
	}
	if len(files) == 0 {
		t.Fatalf("no %v reports in the shared corpus", exts)
	}
	slices.Sort(files)
	return files
}

// Fixture returns the path of a file under the repository's fixtures/.
func Fixture(t testing.TB, elem ...string) string {
	t.Helper()
	return filepath.Join(append([]string{RepoRoot(t), "fixtures"}, elem...)...)
}

// FixtureCells is every cell value the fixture generator printed in the
// generated report NAME (fixtures/pdf/NAME.json, "cells").
func FixtureCells(t testing.TB, name string) map[string]float64 {
	t.Helper()
	data, err := os.ReadFile(Fixture(t, "pdf", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Cells map[string]float64 `json:"cells"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return m.Cells
}
