package text

import (
	"bytes"

	"github.com/nianbao/nianbao/extract"
)

// Backend registers plain text and Markdown with extract/load. It reads
// whatever no other backend claims, as long as it is not binary.
var Backend = extract.Backend{
	Format:     extract.FormatText,
	Name:       "纯文本或 Markdown",
	Extensions: []string{".txt", ".text", ".md", ".markdown"},
	Sniff: func(ext string, head []byte) extract.Verdict {
		switch {
		case ext == ".md" || ext == ".markdown":
			return extract.ByContent // Markdown may start with inline HTML
		case bytes.IndexByte(head, 0) >= 0 && !utf16BOM(head):
			return extract.No
		case ext == ".txt" || ext == ".text":
			return extract.ByName
		}
		return extract.Fallback
	},
	Extract: Extract,
}

// utf16BOM reports whether text starts with a UTF-16 byte order mark
// (Notepad's "Unicode"), whose ASCII characters carry NUL bytes.
func utf16BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff})
}
