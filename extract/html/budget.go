package html

import (
	"bytes"
	"context"
	"fmt"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
)

// nodeCost is what the budget counts for one token of markup: the parsed
// tree keeps a node of about this size for it (plus its text), and later
// a block or a table cell.
const nodeCost = 160

// budgetCut tokenizes text once, spending the document's budget for the
// tree that parsing it will build, and returns the part of text that fits:
// all of it, or the prefix before the token where the budget ran out
// (cut is then the problem to record). Parsing the whole of a 200 MB table
// would take gigabytes; the tokenizer itself keeps nothing.
//
// It runs on the raw bytes, before they are decoded (markup is ASCII in
// every charset a page is read in except UTF-16, which is decoded first),
// so that a huge page is never decoded whole either.
func budgetCut(ctx context.Context, text []byte) (fits []byte, cut *extract.Problem, err error) {
	budget := extract.BudgetFrom(ctx)
	z := xhtml.NewTokenizer(bytes.NewReader(text))
	z.SetMaxBuf(0)
	var pending int64
	offset, spentTo := 0, 0 // bytes tokenized; bytes whose cost is spent
	for n := 1; ; n++ {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := len(z.Raw())
		offset += raw
		pending += nodeCost + int64(raw)
		if n&1023 == 0 {
			if err := extract.Canceled(ctx); err != nil {
				return nil, nil, err
			}
			if e := budget.Spend(pending, "网页的 HTML 标记和文字"); e != nil {
				p := extract.Problem{Code: extract.ProblemBudget,
					Message: fmt.Sprintf("%v（已读取网页的前 %d KB，共 %d KB）", e, spentTo>>10, len(text)>>10)}
				return text[:spentTo], &p, nil
			}
			pending, spentTo = 0, offset
		}
	}
	if e := budget.Spend(pending, "网页的 HTML 标记和文字"); e != nil {
		p := extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("%v（已读取网页的前 %d KB，共 %d KB）", e, spentTo>>10, len(text)>>10)}
		return text[:spentTo], &p, nil
	}
	return text, nil, nil
}
