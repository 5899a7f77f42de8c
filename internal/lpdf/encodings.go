// nianbao: the byte encodings of text.go exported for extract/pdf, so that
// the repository holds one copy of each table.

package pdf

// PDFDocEncoding, WinAnsiEncoding and MacRomanEncoding map the bytes of a
// text string or of a simple font's codes to runes (U+FFFD for a byte with
// no character). They are shared tables: callers must not change them.
var (
	PDFDocEncoding   = &pdfDocEncoding
	WinAnsiEncoding  = &winAnsiEncoding
	MacRomanEncoding = &macRomanEncoding
)
