package pdf

import lpdf "github.com/ledongthuc/pdf"

// glyphnames.go is generated from the glyph-name list committed in
// internal/glyphgen/testdata (its licence beside it); go test
// ./internal/glyphgen fails when the two disagree.
//go:generate go run ../../internal/glyphgen -src ../../internal/glyphgen/testdata/name.go.in -o glyphnames.go

// The byte encodings of simple fonts and text strings are the tables of the
// PDF library (internal/lpdf/text.go), not a copy of them.
var (
	pdfDocEnc   = lpdf.PDFDocEncoding
	winAnsiEnc  = lpdf.WinAnsiEncoding
	macRomanEnc = lpdf.MacRomanEncoding
)
