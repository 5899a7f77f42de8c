package testutil

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	root := RepoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "module github.com/nianbao/nianbao\n") {
		t.Errorf("%s/go.mod is not this module's", root)
	}
	if got, want := Fixture(t, "pdf"), filepath.Join(root, "fixtures", "pdf"); got != want {
		t.Errorf("Fixture = %s, want %s", got, want)
	}
}

func TestCorpusFiles(t *testing.T) {
	files := CorpusFiles(t, ".md")
	for _, f := range files {
		if n := filepath.Base(f); n == "NOTES.md" || n == "SOURCES.md" || filepath.Ext(n) != ".md" {
			t.Errorf("CorpusFiles(.md) lists %s", f)
		}
	}
	if !slices.IsSorted(files) {
		t.Errorf("not sorted: %q", files)
	}
}

func TestDiff(t *testing.T) {
	tests := []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"", "", ""},
		{"a\nb", "a\nc", "line 2:\n  want: \"b\"\n  got:  \"c\""},
		{"a\n", "a", "line 2:\n  want: \"\"\n  got:  (no line)"},
		{"a", "a\nb", "line 2:\n  want: (no line)\n  got:  \"b\""},
		{"x\ny\nz", "X\ny\nZ", "line 1:\n  want: \"x\"\n  got:  \"X\"\nline 3:\n  want: \"z\"\n  got:  \"Z\""},
	}
	for _, tc := range tests {
		if d := Diff(tc.want, tc.got); d != tc.diff {
			t.Errorf("Diff(%q, %q) = %q, want %q", tc.want, tc.got, d, tc.diff)
		}
	}
	long := strings.Repeat("a\n", 30)
	d := Diff(long, strings.ToUpper(long))
	if n := strings.Count(d, "line "); n != maxDiffLines || !strings.HasSuffix(d, "…") {
		t.Errorf("Diff of 30 changed lines lists %d, want %d and …", n, maxDiffLines)
	}
}
