package load

import (
	"fmt"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// RecognitionCost is about how many bytes of memory recognition and the
// rules use per byte of a document's text at their peak (measured on DOCX
// files of short paragraphs full of numbers: 8.4 MB of text, 480 MB of live
// heap; 2 MB, 143–156 MB; ordinary prose needs less). The budget of a document bounds
// what recognition may cost too: its text is cut at Limit/RecognitionCost
// bytes (2 MB, some 700,000 Chinese characters, with the default 128 MB —
// a long annual report has fewer than 100,000).
const RecognitionCost = 64

// limitText cuts doc after limit bytes of text (lines and table cells),
// at a block boundary, or inside the block that passes it when that block
// is a line of text, and records a budget problem on the page of the cut.
// It reports whether it cut anything.
func limitText(doc *extract.Document, limit int64) bool {
	if limit <= 0 {
		return false
	}
	var total int64
	for i, b := range doc.Blocks {
		n := blockText(b)
		if total+n <= limit {
			total += n
			continue
		}
		whole := total + totalText(doc.Blocks[i:])
		keep := i
		if b.Kind == extract.BlockText {
			cut := int(limit - total)
			for cut > 0 && !utf8.RuneStart(b.Text[cut]) {
				cut--
			}
			if cut > 0 {
				doc.Blocks[i].Text = b.Text[:cut]
				keep = i + 1
			}
		}
		clear(doc.Blocks[keep:])
		doc.Blocks = doc.Blocks[:keep]
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget, Page: b.Page,
			Message: fmt.Sprintf("正文过长（%d KB），超过内存预算能识别和审核的 %d KB：其后的内容被截去，未识别（可用 --max-memory 调高预算）",
				whole>>10, limit>>10)})
		return true
	}
	return false
}

func blockText(b extract.Block) int64 {
	n := int64(len(b.Text))
	if b.Table != nil {
		for _, c := range b.Table.Cells {
			n += int64(len(c.Text))
		}
	}
	return n
}

func totalText(bs []extract.Block) int64 {
	var n int64
	for _, b := range bs {
		n += blockText(b)
	}
	return n
}
