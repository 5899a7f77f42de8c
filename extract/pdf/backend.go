package pdf

import (
	"bytes"

	"github.com/nianbao/nianbao/extract"
)

// Backend registers PDF with extract/load.
var Backend = extract.Backend{
	Format:     extract.FormatPDF,
	Name:       "PDF",
	Extensions: []string{".pdf"},
	Sniff: func(ext string, head []byte) extract.Verdict {
		// Some servers prepend junk before the header; readers accept it
		// within the first kilobyte.
		if bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")) {
			return extract.ByMagic
		}
		return extract.No
	},
	Extract: Extract,
}
