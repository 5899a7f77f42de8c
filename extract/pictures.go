package extract

import (
	"bytes"
	"image"
	_ "image/gif" // the sizes of pictures (PageSized)
	_ "image/jpeg"
	_ "image/png"
)

// MinPagePixels is the shorter side, in pixels, of a picture that may be a
// page of a report (an A4 page scanned at 72 dpi is 595 × 842).
const MinPagePixels = 500

// PageSized reports whether a picture (PNG, JPEG or GIF) is large enough
// to be a page of a report, from its header alone.
func PageSized(data []byte) bool {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil && min(cfg.Width, cfg.Height) >= MinPagePixels
}

// PicturesArePages reports whether the pictures of a document whose text
// is blocks are its pages: the text names none of the six parts (a report
// published as scanned pages pasted into a web page or a Word file), so
// each page-sized picture is read as a whole page.
func PicturesArePages(blocks []Block) bool {
	return PartBefore(blocks, len(blocks)) == 0
}
