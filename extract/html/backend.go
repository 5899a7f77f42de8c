package html

import (
	"bytes"
	"context"
	"slices"

	"github.com/nianbao/nianbao/extract"
)

var extensions = []string{".html", ".htm", ".shtml", ".xhtml"}

// Backend registers HTML pages with extract/load. Files read from disk have
// no HTTP Content-Type; the charset comes from the page itself.
var Backend = extract.Backend{
	Format:     extract.FormatHTML,
	Name:       "HTML 网页",
	Extensions: extensions,
	Sniff: func(ext string, head []byte) extract.Verdict {
		if looksLikeHTML(head) {
			return extract.ByContent
		}
		if slices.Contains(extensions, ext) {
			return extract.ByName
		}
		return extract.No
	},
	Extract: func(ctx context.Context, path string, data []byte) (*extract.Document, error) {
		return Extract(ctx, path, data, "")
	},
	Companions: companions,
}

// looksLikeHTML reports whether the text starts like markup (after a BOM
// and white space).
func looksLikeHTML(b []byte) bool {
	b = bytes.TrimLeft(b, "\xef\xbb\xbf \t\r\n")
	l := bytes.ToLower(b[:min(len(b), 512)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<table", "<p"} {
		if bytes.HasPrefix(l, []byte(p)) {
			return true
		}
	}
	return false
}
