package cells

import (
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// markOCRLines marks the cells that the stream reader read from text lines
// recognised by OCR (a table without ruling lines in a picture, whose
// numbers come out as lines of text): such a number was read once, as part
// of a line, and never confirmed by a second reading, so it is an
// uncertain OCR reading (source "ocr", not agreed, confidence at most half
// of extract.OCRHighConfidence) and a relation that fails on it is
// uncertain, never a fail. Only pages that have OCR'd text lines count.
func markOCRLines(doc *extract.Document, res *Result) {
	low := map[int]float64{} // page → the lowest confidence of its OCR'd lines
	for _, b := range doc.Blocks {
		if b.Kind != extract.BlockText || b.OCR == nil {
			continue
		}
		p := max(b.Page, 1)
		if c, ok := low[p]; !ok || b.OCR.Confidence < c {
			low[p] = b.OCR.Confidence
		}
	}
	if len(low) == 0 {
		return
	}
	for k, c := range res.Cells {
		reader := ""
		switch {
		case strings.HasPrefix(k, "t2."):
			reader = res.Reader.T2
		case strings.HasPrefix(k, "t3."):
			reader = res.Reader.T3
		case strings.HasPrefix(k, "t4."):
			reader = res.Reader.T4
		}
		conf, ok := low[max(c.Page, 1)]
		if c.Source != "" || !ok || !strings.Contains(reader, "stream") {
			continue
		}
		c.Source = extract.SourceOCR
		c.Confidence = min(conf, extract.OCRHighConfidence/2)
		c.Agreed = false
		c.Uncertain = true
		res.Cells[k] = c
	}
}
