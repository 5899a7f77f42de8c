package load

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

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
		if slices.ContainsFunc(doc.Problems, isTextShareProblem) {
			return true // the reader stopped at the share and said so
		}
		doc.Problems = append(doc.Problems, extract.Problem{Code: extract.ProblemBudget, Page: b.Page,
			Message: fmt.Sprintf("正文过长（%d KB），超过内存预算能识别和审核的 %d KB：其后的内容被截去，未识别（可用 --max-memory 调高预算）",
				whole>>10, limit>>10)})
		return true
	}
	return false
}

// cellText is what a table cell counts beyond its own text: recognition
// holds some 200–250 bytes per cell at its peak whatever the cell says
// (measured with 200,000 and 400,000 one-digit cells), 4 bytes of text at
// extract.RecognitionCost. A file of a million tiny cells is text enough
// to be cut.
const cellText = 4

func blockText(b extract.Block) int64 {
	n := int64(len(b.Text))
	if b.Table != nil {
		for _, c := range b.Table.Cells {
			n += int64(len(c.Text)) + cellText
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

// isTextShareProblem reports whether p says that a reader stopped at
// recognition's share of the budget (extract.Budget.TextShare).
func isTextShareProblem(p extract.Problem) bool {
	return p.Code == extract.ProblemBudget && strings.HasPrefix(p.Message, "正文过长")
}
