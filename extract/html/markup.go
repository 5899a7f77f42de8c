package html

import (
	"bytes"
	"context"
	"fmt"
	"math"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
)

// nodeCost is what the budget counts for one token of markup: the parsed
// tree keeps a node of about this size for it (plus its text), and later
// a block or a table cell.
const nodeCost = 160

// byteCost is what the budget counts for each byte of a token: the page is
// held decoded, its text and attribute values again in the parsed tree,
// and a text once more as the block it becomes (counting it once let a
// 100 MB attribute value, comment or run of text through, which then took
// 500 MB).
const byteCost = 4

// markupScan is what one pass of the tokenizer over a page found.
type markupScan struct {
	// fits is the part of the page that fits the budget: all of it, or the
	// prefix before the token where the budget ran out; cut is then the
	// problem to record.
	fits []byte
	cut  *extract.Problem
	// unfinished is the problem to record when the page ends where no
	// complete page ends — inside a tag; or, with neither </body> nor
	// </html>, inside a table or after opening <html>: a download or a save
	// cut short, whose rest is missing (nil otherwise, and when the budget
	// cut the page itself). HTML lets a page omit </body> and </html>, and
	// pages do omit one of them; a page that omits both is taken for one
	// cut short. A page that ends with them is whole, even with tables
	// left open.
	unfinished *extract.Problem
}

// scanMarkup tokenizes text once. It spends the document's budget for the
// tree that parsing it will build (parsing the whole of a 200 MB table would
// take gigabytes; the tokenizer itself keeps nothing), and it notes whether
// the page is complete.
//
// It runs on the raw bytes, before they are decoded (markup is ASCII in
// every charset a page is read in except UTF-16, which is decoded first),
// so that a huge page is never decoded whole either.
func scanMarkup(ctx context.Context, text []byte) (markupScan, error) {
	budget := extract.BudgetFrom(ctx)
	z := xhtml.NewTokenizer(bytes.NewReader(text))
	// one token may not outgrow the budget on its own: the tokenizer
	// holds it whole (0: no limit)
	z.SetMaxBuf(int(min(budget.Limit()/byteCost, math.MaxInt32)))
	var pending int64
	offset, spentTo := 0, 0 // bytes tokenized; bytes whose cost is spent
	var ends pageEnds
	over := func(e error) markupScan {
		return markupScan{fits: text[:spentTo], cut: &extract.Problem{Code: extract.ProblemBudget,
			Message: fmt.Sprintf("%v（已读取网页的前 %d KB，共 %d KB）", e, spentTo>>10, len(text)>>10)}}
	}
	for n := 1; ; n++ {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			if z.Err() == xhtml.ErrBufferExceeded {
				return over(&extract.BudgetError{Limit: budget.Limit(), What: "网页中一个过长的标记或一段过长的文字"}), nil
			}
			break
		}
		ends.see(z, tt)
		raw := len(z.Raw())
		offset += raw
		pending += nodeCost + byteCost*int64(raw)
		if n&1023 == 0 {
			if err := extract.Canceled(ctx); err != nil {
				return markupScan{}, err
			}
			if e := budget.Spend(pending, "网页的 HTML 标记和文字"); e != nil {
				return over(e), nil
			}
			pending, spentTo = 0, offset
		}
	}
	if e := budget.Spend(pending, "网页的 HTML 标记和文字"); e != nil {
		return over(e), nil
	}
	return markupScan{fits: text, unfinished: ends.unfinished(offset < len(text))}, nil
}

// pageEnds follows the elements whose end tells a complete page from one
// cut short.
type pageEnds struct {
	tables              int // <table> open
	htmlOpen, htmlClose bool
	bodyClose           bool
}

func (e *pageEnds) see(z *xhtml.Tokenizer, tt xhtml.TokenType) {
	if tt != xhtml.StartTagToken && tt != xhtml.EndTagToken {
		return
	}
	name, _ := z.TagName()
	start := tt == xhtml.StartTagToken
	switch string(name) {
	case "table":
		if start {
			e.tables++
		} else if e.tables > 0 {
			e.tables--
		}
	case "html":
		e.htmlOpen, e.htmlClose = e.htmlOpen || start, e.htmlClose || !start
	case "body":
		e.bodyClose = e.bodyClose || !start
	}
}

// unfinished is the problem of a page that ends unfinished, or nil; inTag:
// the text ends inside a tag the tokenizer could not complete.
func (e *pageEnds) unfinished(inTag bool) *extract.Problem {
	var where string
	switch {
	case inTag:
		where = "在一个标记中途结束"
	case e.htmlClose || e.bodyClose:
		return nil // ended as a page ends (tables left open are sloppy markup, not a cut)
	case e.tables > 0:
		where = "在表格中途结束"
	case e.htmlOpen:
		where = "没有结束标记（</body>、</html>）"
	default:
		return nil
	}
	return &extract.Problem{Code: extract.ProblemCorrupt,
		Message: "网页文件不完整：" + where + "，可能在下载或保存时被截断，其后的内容缺失；请重新下载"}
}
