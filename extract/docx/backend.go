package docx

import (
	"bytes"

	"github.com/nianbao/nianbao/extract"
)

// Backend registers Word (.docx) with extract/load.
var Backend = extract.Backend{
	Format:     extract.FormatDOCX,
	Name:       "Word 文档（.docx）",
	Extensions: []string{".docx"},
	Sniff: func(ext string, head []byte) extract.Verdict {
		if !bytes.HasPrefix(head, localHeader) {
			return extract.No
		}
		// The first local file names of a Word package are under word/ or
		// [Content_Types].xml naming it; the extension settles the rest.
		if ext == ".docx" || bytes.Contains(head, []byte("word/")) {
			return extract.ByMagic
		}
		return extract.No
	},
	Extract: Extract,
}
