package render

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// OCR marks. A number read from a picture is shown the same way in every
// output: "~" after it (Number), "?" when the reading is uncertain, and where
// the output has room for it the engine's confidence and whether a second,
// independent reading agreed (ocrNote). The legends say what the marks mean.

// ocrTally counts the cells of a report read by OCR.
type ocrTally struct {
	N         int // read by OCR
	Agreed    int // two independent readings agreed
	Confirmed int // agreed and not uncertain (ocrConfirmed)
	Unsure    int // uncertain: low confidence, readings disagree, or unreadable
	Unchecked int // neither uncertain nor confirmed by a second reading
}

func ocrCounts(r *recognise.Report) ocrTally {
	var t ocrTally
	for _, c := range r.Cells {
		if c.Source == "" {
			continue
		}
		t.N++
		switch {
		case c.Uncertain:
			t.Unsure++
		case !c.Agreed:
			t.Unchecked++
		default:
			t.Confirmed++
		}
		if c.Agreed {
			t.Agreed++
		}
	}
	return t
}

// ocrConfirmed reports whether an OCR reading needs no second look: two
// independent readings agreed and it is not uncertain.
func ocrConfirmed(c recognise.Cell) bool { return c.Agreed && !c.Uncertain }

// ocrNote describes how an OCR cell was read, for a tooltip or a comment
// ("" for a cell not read by OCR).
func ocrNote(c recognise.Cell) string {
	if c.Source == "" {
		return ""
	}
	s := fmt.Sprintf("由OCR从图片识别，置信度%.2f", c.Confidence)
	switch {
	case !c.Value.Valid:
		s += "，未能读出数字"
	case c.Uncertain:
		s += "，读数存疑"
	case c.Agreed:
		s += "，两次独立识别结果一致"
	default:
		s += "，未经第二次识别确认"
	}
	if len(c.Alternatives) > 0 {
		var alt []string
		for _, a := range c.Alternatives {
			alt = append(alt, fmt.Sprint(a))
		}
		s += "；其他可能的读数：" + strings.Join(alt, "、")
	}
	return s
}

// extractionNote is the remark a finding of responsibility extraction gets
// after its message, unless the message says so already.
func extractionNote(f rules.Finding) string {
	if f.Responsibility != rules.ResponsibilityExtraction || strings.Contains(f.Message, "可能是提取问题") {
		return ""
	}
	return "（可能是提取问题）"
}
