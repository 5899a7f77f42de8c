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
// A number that stands apart at the end of OCR'd lines (a row with one
// number) is read again by the OCR stage; when every OCR'd line of its
// page that prints it had it confirmed that way (the line is Agreed), the
// cell is an agreed OCR reading with that confidence.
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
		if conf, ok := confirmed(doc, c); ok {
			// the lines of the page that print this number had it
			// read again as a number, and the readings agree
			c.Confidence = conf
			c.Agreed = true
			res.Cells[k] = c
			continue
		}
		c.Confidence = min(conf, extract.OCRHighConfidence/2)
		c.Agreed = false
		c.Uncertain = true
		res.Cells[k] = c
	}
}

// confirmed tells a stream cell whose number every OCR'd text line of its
// page that prints it (as a whole token) had confirmed by a second reading
// (Agreed, confident), and the least confidence of them.
func confirmed(doc *extract.Document, c Cell) (float64, bool) {
	if c.Text == "" {
		return 0, false
	}
	conf, n := 1.0, 0
	for _, b := range doc.Blocks {
		if b.Kind != extract.BlockText || b.OCR == nil || max(b.Page, 1) != max(c.Page, 1) {
			continue
		}
		found := false
		for _, tok := range strings.FieldsFunc(b.Text, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == '-') }) {
			found = found || tok == c.Text
		}
		if !found {
			continue
		}
		if !b.OCR.Agreed || b.OCR.Confidence < extract.OCRHighConfidence {
			return 0, false
		}
		conf, n = min(conf, b.OCR.Confidence), n+1
	}
	return conf, n > 0
}
