package load

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
)

// Recognition gets Limit/RecognitionCost bytes of text: a DOCX that stays
// within the reading budget but holds far more text than that is cut where
// the share runs out, with a budget problem saying how much was kept.
func TestRecognitionShareCutsText(t *testing.T) {
	b := extract.NewBudget(16 << 20)
	ctx := extract.WithBudget(context.Background(), b)
	doc, err := Bytes(ctx, "bomb.docx", hostile.DOCXBomb(2<<20))
	if err != nil {
		t.Fatal(err)
	}
	limit := b.TextShare()
	if got := totalText(doc.Blocks); got > limit || got < limit-1024 {
		t.Errorf("%d bytes of text kept, want just under %d", got, limit)
	}
	var msgs []string
	for _, p := range doc.Problems {
		if p.Code == extract.ProblemBudget {
			msgs = append(msgs, p.Message)
		}
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "正文过长") || !strings.Contains(msgs[0], "256 KB") {
		t.Errorf("budget problems %q, want one 正文过长 … 256 KB", msgs)
	}
}

// A line longer than the share is cut inside, on a character boundary;
// the blocks after it are dropped; a document within the share is kept
// as it is.
func TestLimitTextCutsInsideALine(t *testing.T) {
	long := strings.Repeat("一二三四五", 100) // 1,500 bytes
	doc := &extract.Document{Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "标题"},
		{Kind: extract.BlockTable, Page: 2, Table: &extract.Table{Cells: []extract.Cell{{Text: "12"}, {Text: "件"}}}},
		{Kind: extract.BlockText, Page: 3, Text: long},
		{Kind: extract.BlockText, Page: 4, Text: "之后"},
	}}
	if limitText(doc, 10_000) {
		t.Fatal("cut a document within the limit")
	}
	if !limitText(doc, 1000) {
		t.Fatal("not cut")
	}
	if len(doc.Blocks) != 3 {
		t.Fatalf("%d blocks kept, want 3", len(doc.Blocks))
	}
	got := doc.Blocks[2].Text
	if !utf8.ValidString(got) || !strings.HasPrefix(long, got) || totalText(doc.Blocks) > 1000 || totalText(doc.Blocks) < 997 {
		t.Errorf("cut line %d bytes, valid %v; total %d", len(got), utf8.ValidString(got), totalText(doc.Blocks))
	}
	if n := len(doc.Problems); n != 1 || doc.Problems[0].Page != 3 || doc.Problems[0].Code != extract.ProblemBudget {
		t.Errorf("problems %+v, want one budget problem on page 3", doc.Problems)
	}
}

// A table of many tiny cells is text enough to be cut: each cell counts
// cellText bytes beyond its own text (a million one-digit cells held some
// 200 MB in recognition while their text was 1 MB).
func TestLimitTextCountsCells(t *testing.T) {
	cells := make([]extract.Cell, 1000)
	for i := range cells {
		cells[i] = extract.Cell{Row: i / 10, Col: i % 10, Text: "1"}
	}
	doc := &extract.Document{Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "标题"},
		{Kind: extract.BlockTable, Page: 1, Table: &extract.Table{Rows: 100, Cols: 10, Cells: cells}},
	}}
	// 1,000 bytes of cell text, 5,000 as counted
	if !limitText(doc, 4000) || len(doc.Blocks) != 1 {
		t.Errorf("%d blocks kept, want the table cut", len(doc.Blocks))
	}
}

// A file that is not there is named, with the cause in Chinese.
func TestFileMissing(t *testing.T) {
	_, err := File(t.Context(), filepath.Join(t.TempDir(), "gone.txt"))
	if err == nil || !strings.Contains(err.Error(), "gone.txt: 无法读取：文件或目录不存在") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("File(missing) error = %v", err)
	}
}
