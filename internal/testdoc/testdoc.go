// Package testdoc reads the text, Markdown and HTML documents that tests work
// on through the extract backends. It stands apart from testutil because the
// backends' own tests import testutil: testutil importing extract/html would
// be an import cycle.
package testdoc

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/extract/text"
	"github.com/nianbao/nianbao/internal/testutil"
)

// Load extracts the file at path with the HTML backend (.html, .htm, any
// case) or the text backend (anything else), failing the test on an error.
func Load(t testing.TB, path string) *extract.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var doc *extract.Document
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		doc, err = html.Extract(context.Background(), path, data, "")
	default:
		doc, err = text.Extract(context.Background(), path, data)
	}
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	return doc
}

// Corpus loads the real report name from shared/corpus/real; the test is
// skipped when shared/ is absent (see testutil.Shared).
func Corpus(t testing.TB, name string) *extract.Document {
	t.Helper()
	return Load(t, testutil.Corpus(t, name))
}
