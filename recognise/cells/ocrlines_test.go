package cells

import (
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// Cells the stream reader read from OCR'd text lines are uncertain OCR
// readings, unless every line of their page that prints the number had it
// confirmed by the OCR stage's number readings (the line is Agreed).
func TestMarkOCRLines(t *testing.T) {
	line := func(page int, text string, conf float64, agreed bool) extract.Block {
		return extract.Block{Kind: extract.BlockText, Page: page, Text: text, OCR: &extract.OCR{Confidence: conf, Agreed: agreed}}
	}
	doc := &extract.Document{Blocks: []extract.Block{
		line(1, "行政许可 215567", 0.93, true),
		line(1, "行政处罚 427029", 0.4, false),
		line(1, "行政强制 20821", 0.9, true),
		line(1, "另见第20821号文", 0.6, false),   // the same number, not confirmed
		line(2, "行政事业性收费 88596", 0.3, true), // agreed with little confidence
	}}
	res := &Result{Cells: map[string]Cell{
		"t2.licensing.decisions": {Key: "t2.licensing.decisions", Text: "215567", Page: 1},
		"t2.penalty.decisions":   {Key: "t2.penalty.decisions", Text: "427029", Page: 1},
		"t2.coercion.decisions":  {Key: "t2.coercion.decisions", Text: "20821", Page: 1},
		"t2.fees.amount":         {Key: "t2.fees.amount", Text: "88596", Page: 2},
	}}
	res.Reader.T2 = "stream"
	markOCRLines(doc, res)
	for k, want := range map[string]struct {
		agreed, uncertain bool
		conf              float64
	}{
		"t2.licensing.decisions": {true, false, 0.93},
		"t2.penalty.decisions":   {false, true, 0.25},
		"t2.coercion.decisions":  {false, true, 0.25},
		"t2.fees.amount":         {false, true, 0.25},
	} {
		c := res.Cells[k]
		if c.Source != extract.SourceOCR || c.Agreed != want.agreed || c.Uncertain != want.uncertain || c.Confidence != want.conf {
			t.Errorf("%s: source %q agreed %v uncertain %v confidence %v, want ocr %v %v %v", k, c.Source, c.Agreed, c.Uncertain, c.Confidence, want.agreed, want.uncertain, want.conf)
		}
	}
}
