package html

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// dump renders a Document as stable text for golden files: metadata,
// problems, then every block; a table lists each cell at its anchor with its
// spans.
func dump(doc *extract.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\n", doc.Format)
	fmt.Fprintf(&b, "meta.title: %s\n", doc.Meta.Title)
	fmt.Fprintf(&b, "meta.issuer: %s\n", doc.Meta.Issuer)
	fmt.Fprintf(&b, "meta.published: %s (%s)\n", doc.Meta.Published, doc.Meta.PublishedFrom)
	for _, p := range doc.Problems {
		fmt.Fprintf(&b, "problem: %s %s\n", p.Code, p.Message)
	}
	for i, bl := range doc.Blocks {
		switch bl.Kind {
		case extract.BlockText:
			fmt.Fprintf(&b, "[%d] text: %s\n", i, bl.Text)
		case extract.BlockTable:
			t := bl.Table
			fmt.Fprintf(&b, "[%d] table %dx%d\n", i, t.Rows, t.Cols)
			for _, c := range t.Cells {
				span := ""
				if c.RowSpan != 1 || c.ColSpan != 1 {
					span = fmt.Sprintf(" span=%dx%d", c.RowSpan, c.ColSpan)
				}
				fmt.Fprintf(&b, "    r%d c%d%s: %s\n", c.Row, c.Col, span, c.Text)
			}
		}
	}
	return b.String()
}

// repoRoot walks up from the package directory to go.mod.
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
			t.Fatal("go.mod not found above the package directory")
		}
		dir = parent
	}
}

// sharedFile returns <repo root>/../shared/<rel>, skipping the test when the
// shared folder is not there.
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus file not available (%s): %v", p, err)
	}
	return p
}
