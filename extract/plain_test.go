package extract

import (
	"bytes"
	"testing"
)

// TestWritePlain: text lines and table rows in reading order, a spanning
// cell once at its top-left, line breaks and tabs inside a cell flattened,
// a form feed at the end of every page (also between the rows of a table
// stitched across a page break, and for a last page with no text).
func TestWritePlain(t *testing.T) {
	tbl := &Table{Page: 1, LastPage: 2, Rows: 3, Cols: 3, Cells: []Cell{
		{Row: 0, Col: 0, ColSpan: 3, RowSpan: 1, Text: "表头", Page: 1},
		{Row: 1, Col: 0, RowSpan: 2, ColSpan: 1, Text: "行\n名", Page: 1},
		{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "1", Page: 1},
		{Row: 1, Col: 2, RowSpan: 1, ColSpan: 1, Text: "a\tb", Page: 1},
		{Row: 2, Col: 1, RowSpan: 1, ColSpan: 1, Text: "2", Page: 2},
	}}
	doc := &Document{Paged: true, Pages: 4, Blocks: []Block{
		{Kind: BlockText, Page: 1, Text: "一、总体情况"},
		{Kind: BlockTable, Page: 1, Table: tbl},
		{Kind: BlockText, Page: 3, Text: "六、其他需要报告的事项"},
	}}
	var b bytes.Buffer
	if err := WritePlain(&b, doc); err != nil {
		t.Fatal(err)
	}
	want := "一、总体情况\n表头\t\t\n行 名\t1\ta b\n\f\t2\t\n\f六、其他需要报告的事项\n\f\f"
	if b.String() != want {
		t.Errorf("WritePlain =\n%q\nwant\n%q", b.String(), want)
	}

	doc.Paged, doc.Pages = false, 1 // HTML, text: no pages, no form feeds
	b.Reset()
	if err := WritePlain(&b, doc); err != nil {
		t.Fatal(err)
	}
	if want := "一、总体情况\n表头\t\t\n行 名\t1\ta b\n\t2\t\n六、其他需要报告的事项\n"; b.String() != want {
		t.Errorf("WritePlain without pages =\n%q\nwant\n%q", b.String(), want)
	}
}

// TestProblemText: the page goes in front once — not when the message
// names it already, not for a document without pages; an empty message
// falls back to the code.
func TestProblemText(t *testing.T) {
	for _, c := range []struct {
		p     Problem
		paged bool
		want  string
	}{
		{Problem{Code: ProblemPage, Page: 2, Message: "第2页无法解析：unexpected EOF"}, true, "第2页无法解析：unexpected EOF"},
		{Problem{Code: ProblemOCR, Page: 3, Message: "扫描页的文字由OCR识别，可能有误读"}, true, "第3页：扫描页的文字由OCR识别，可能有误读"},
		{Problem{Code: ProblemOCR, Page: 12, Message: "第1页的表格"}, true, "第12页：第1页的表格"},
		{Problem{Code: ProblemOCR, Page: 1, Message: "图片中的文字由OCR识别"}, false, "图片中的文字由OCR识别"},
		{Problem{Code: ProblemBudget, Message: "  "}, true, ProblemBudget},
	} {
		if got := c.p.Text(c.paged); got != c.want {
			t.Errorf("%+v paged=%v: %q, want %q", c.p, c.paged, got, c.want)
		}
	}
}
