package outline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/extract/text"
)

// sharedDir returns <repo root>/../shared, or skips the test.
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
			t.Skip("go.mod not found above the package directory")
		}
		dir = parent
	}
	s := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(s, "corpus", "real")); err != nil {
		t.Skipf("shared corpus not found at %s (clone shared/ beside the repository)", s)
	}
	return s
}

// loadCorpus extracts one corpus file with the text or HTML backend.
func loadCorpus(t testing.TB, name string) *extract.Document {
	t.Helper()
	p := filepath.Join(sharedDir(t), "corpus", "real", name)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var doc *extract.Document
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		doc, err = html.Extract(context.Background(), p, data, "")
	default:
		doc, err = text.Extract(context.Background(), p, data)
	}
	if err != nil {
		t.Fatalf("extract %s: %v", name, err)
	}
	return doc
}
