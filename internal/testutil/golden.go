package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Golden compares got with the golden file at path and reports the lines
// that differ; with update it rewrites the file instead (then every changed
// value must be checked against its document before committing).
func Golden(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file missing (run go test -update, then check it): %v", err)
	}
	if d := Diff(string(want), got); d != "" {
		t.Errorf("output differs from %s (run go test -update and check the diff against the document):\n%s", path, d)
	}
}

// maxDiffLines bounds the lines Diff lists.
const maxDiffLines = 20

// Diff compares want and got line by line and lists the lines that differ
// (at most maxDiffLines), quoted, as "line N:\n  want: …\n  got:  …", a
// missing line as (no line); it returns "" when they are equal.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		w, g := "(no line)", "(no line)"
		if i < len(wl) {
			w = fmt.Sprintf("%q", wl[i])
		}
		if i < len(gl) {
			g = fmt.Sprintf("%q", gl[i])
		}
		if w == g {
			continue
		}
		if n == maxDiffLines {
			b.WriteString("…\n")
			break
		}
		n++
		fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, w, g)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
