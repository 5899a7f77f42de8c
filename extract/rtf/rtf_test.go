package rtf_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docx"
	"github.com/nianbao/nianbao/extract/rtf"
	"github.com/nianbao/nianbao/internal/testutil"
)

func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] < 0x80 {
			out.WriteByte(b[i])
		} else {
			out.WriteString(`\'` + strings.ToLower(string("0123456789ABCDEF"[b[i]>>4])+string("0123456789ABCDEF"[b[i]&15])))
		}
	}
	return out.String()
}

func extractString(t *testing.T, src string) *extract.Document {
	t.Helper()
	doc, err := rtf.Extract(context.Background(), "t.rtf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGBKAndUnicode: \'hh bytes in code page 936 (split over escapes),
// \uN with its \ucN fallback, a surrogate pair, escaped symbols, and the
// destinations whose text is not the body's.
func TestGBKAndUnicode(t *testing.T) {
	src := `{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 ` + gbk(t, "宋体") + `;}}` +
		`{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}` +
		`{\info{\title ` + gbk(t, "某某镇2023年政府信息公开工作年度报告") + `}{\author x}{\creatim\yr2024\mo1\dy16\hr9\min0}}` +
		`{\header ` + gbk(t, "页眉不要") + `\par}` +
		`{\*\generator Riched20;}` +
		`\pard ` + gbk(t, "一、总体情况") + `\par` + "\r\n" +
		`\pard\uc1\u20027?\u24180?\u19981 x\u-26124?` + `\par` +
		`\pard {\uc2\u55357\'3f\'3f\u56832\'3f\'3f} a\{b\}c\\d\~e\par` +
		`{\pict\pngblip 89504e47}` +
		`{\field{\*\fldinst HYPERLINK "x"}{\fldrslt ` + gbk(t, "链接文字") + `}}\par` +
		`\pard\plain\f0 ` + gbk(t, "主动公开") + `\bin4 \'\{}` + gbk(t, "条") + `\par}`
	doc := extractString(t, src)
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, b.Text)
	}
	want := []string{"一、总体情况", "主年不駴", "😀 a{b}c\\d e", "链接文字", "主动公开条"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines:\n%q\nwant\n%q", got, want)
	}
	if doc.Meta.Title != "某某镇2023年政府信息公开工作年度报告" || doc.Meta.Published != "2024-01-16" {
		t.Errorf("meta = %+v", doc.Meta)
	}
	if doc.Format != rtf.Format || doc.SHA256 == "" || doc.Paged {
		t.Errorf("format %q sha %q paged %v", doc.Format, doc.SHA256, doc.Paged)
	}
}

// TestTable: a header cell spanning two columns by its \cellx, one merged
// by \clmgf/\clmrg, one merged down by \clvmgf/\clvmrg, the repeated row
// definition Word writes before \row, and a paragraph that ends the table.
func TestTable(t *testing.T) {
	row := func(defs string, cells ...string) string {
		s := `\trowd\trgaph108` + defs + `\pard\intbl `
		for _, c := range cells {
			s += c + `\cell `
		}
		return s + `{\trowd` + defs + `\row}`
	}
	src := `{\rtf1\ansi\ansicpg936 \pard before\par ` +
		row(`\clvmgf\cellx1000\cellx3000\cellx5000`, "A", "B", "C") +
		row(`\clvmrg\cellx1000\cellx2000\cellx3000\clmgf\cellx3990\clmrg\cellx5000`, "", "b1", "b2", "D", "") +
		row(`\cellx1000\cellx2000\cellx3010\cellx4000\cellx5000`, "1", "2", `3\par 4`, "5", "6") +
		`\pard after\par}`
	doc := extractString(t, src)
	if len(doc.Blocks) != 3 || doc.Blocks[0].Text != "before" || doc.Blocks[2].Text != "after" || doc.Blocks[1].Kind != extract.BlockTable {
		t.Fatalf("blocks: %s", testutil.Dump(doc))
	}
	tb := doc.Blocks[1].Table
	testutil.CheckPartition(t, tb)
	if tb.Rows != 3 || tb.Cols != 5 {
		t.Fatalf("table %dx%d, want 3x5:\n%s", tb.Rows, tb.Cols, testutil.Dump(doc))
	}
	want := []struct {
		row, col, rs, cs int
		text             string
	}{
		{0, 0, 2, 1, "A"}, {0, 1, 1, 2, "B"}, {0, 3, 1, 2, "C"},
		{1, 1, 1, 1, "b1"}, {1, 2, 1, 1, "b2"}, {1, 3, 1, 2, "D"},
		{2, 0, 1, 1, "1"}, {2, 2, 1, 1, "3 4"}, {2, 4, 1, 1, "6"},
	}
	for _, w := range want {
		c := testutil.CellAt(tb, w.row, w.col)
		if c == nil || c.Row != w.row || c.Col != w.col || c.RowSpan != w.rs || c.ColSpan != w.cs || c.Text != w.text {
			t.Errorf("cell (%d,%d) = %+v, want span %dx%d %q", w.row, w.col, c, w.rs, w.cs, w.text)
		}
	}
}

// TestSameAsDOCX: the RTF fixture (LibreOffice's RTF of a generated DOCX,
// saved as .doc) reads as the same lines and tables as the DOCX it was made
// from.
func TestSameAsDOCX(t *testing.T) {
	root := testutil.RepoRoot(t)
	read := func(path string, f func(context.Context, string, []byte) (*extract.Document, error)) *extract.Document {
		data, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := f(context.Background(), path, data)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	r := read("fixtures/doc/rtf/clean-lodocx-serif-dept.doc", rtf.Extract)
	d := read("fixtures/docx/clean-lodocx-serif-dept.docx", docx.Extract)
	if r.Meta.Title != d.Meta.Title {
		t.Errorf("title %q, docx %q", r.Meta.Title, d.Meta.Title)
	}
	r.Meta, d.Meta = extract.Meta{}, extract.Meta{}
	r.Format, r.SHA256 = d.Format, d.SHA256
	if diff := testutil.Diff(testutil.Dump(d), testutil.Dump(r)); diff != "" {
		t.Errorf("RTF and DOCX differ (-docx +rtf):\n%s", diff)
	}
}

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		ext, head string
		want      extract.Verdict
	}{
		{".doc", `{\rtf1\ansi`, extract.ByMagic},
		{".rtf", "\xef\xbb\xbf{\\rtf1", extract.ByMagic},
		{".rtf", "hello", extract.ByName},
		{".doc", "\xd0\xcf\x11\xe0", extract.No},
	} {
		if got := rtf.Backend.Sniff(c.ext, []byte(c.head)); got != c.want {
			t.Errorf("Sniff(%q, %q) = %v, want %v", c.ext, c.head, got, c.want)
		}
	}
}

// TestHostile: truncated, unbalanced and deeply nested input is an error or
// a short document, never a panic or a hang.
func TestHostile(t *testing.T) {
	for _, src := range []string{
		`{\rtf1`, `{\rtf1 \'`, `{\rtf1 \'4`, `{\rtf1 \u`, `{\rtf1 \u-`, `{\rtf1 }}}}} text`,
		`{\rtf1 \bin999999999 abc}`, `{\rtf1 ` + strings.Repeat("{", 5000) + `x`,
		`{\rtf1 \cell\cell\row\row\cellx-5\cellx99999999999\clvmrg\cell\row}`,
		`{\rtf1 \trowd\clvmrg\cellx100\clmrg\cellx50\intbl a\cell b\cell\row}`,
	} {
		_, _ = rtf.Extract(context.Background(), "h.rtf", []byte(src))
	}
	if _, err := rtf.Extract(context.Background(), "x.rtf", []byte("plain")); err == nil {
		t.Error("plain text read as RTF")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rtf.Extract(ctx, "c.rtf", []byte(`{\rtf1 `+strings.Repeat(`\par x`, 1000)+`}`)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// A \row with no cell in it (a repeated \row, found by FuzzExtract) adds no
// row to the table.
func TestEmptyRow(t *testing.T) {
	doc := extractString(t, `{\rtf1 \trowd\cellx1000\cellx2000\pard\intbl a\cell b\cell\row\row\row}`)
	if len(doc.Blocks) != 1 || doc.Blocks[0].Kind != extract.BlockTable {
		t.Fatalf("blocks: %s", testutil.Dump(doc))
	}
	tb := doc.Blocks[0].Table
	testutil.CheckPartition(t, tb)
	if tb.Rows != 1 || tb.Cols != 2 {
		t.Errorf("table %dx%d, want 1x2:\n%s", tb.Rows, tb.Cols, testutil.Dump(doc))
	}
}

// TestBudget: what the parser keeps is spent from the document's budget (it
// was not: 105 MB of table cells took 21 s and 1.5 GB). Past the budget the
// table ends at the last row that fits and the rest of the file is not
// read; a paragraph that never ends is cut too; each says so.
func TestBudget(t *testing.T) {
	var cellx, cells strings.Builder
	for i := range 500 {
		fmt.Fprintf(&cellx, `\cellx%d`, 100*(i+1))
		cells.WriteString(`\intbl 1\cell `)
	}
	row := `\trowd` + cellx.String() + cells.String() + `\row` + "\n"
	for name, src := range map[string]string{
		"table":     `{\rtf1 Title\par ` + strings.Repeat(row, 1000) + `\pard After\par}`,
		"paragraph": `{\rtf1 Title\par ` + strings.Repeat("abcdefghij", 2<<20) + `\par After\par}`,
	} {
		ctx := extract.WithBudget(context.Background(), extract.NewBudget(16<<20))
		doc, err := rtf.Extract(ctx, "big.rtf", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var budget []extract.Problem
		for _, p := range doc.Problems {
			if p.Code == extract.ProblemBudget {
				budget = append(budget, p)
			}
		}
		want := "读取RTF 文档的文字和表格时停止"
		if name == "paragraph" {
			want = "正文过长" // cut at recognition's share of the budget, before the budget itself
		}
		if len(budget) != 1 || !strings.Contains(budget[0].Message, want) {
			t.Errorf("%s: problems %+v", name, doc.Problems)
		}
		if text := testutil.AllText(doc); strings.Contains(text, "After") || !strings.Contains(text, "Title") {
			t.Errorf("%s: text %.100q…", name, text)
		}
		if name == "table" {
			if tb := doc.Blocks[len(doc.Blocks)-1].Table; tb == nil || tb.Rows < 10 || tb.Rows >= 1000 {
				t.Errorf("table: %+v", doc.Blocks[len(doc.Blocks)-1])
			}
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(`{\rtf1\ansi\ansicpg936 \trowd\cellx100\intbl \'c4\'ea\cell\row\pard x\par}`))
	f.Add([]byte(`{\rtf1{\info{\upr{\title a}{\*\ud{\title \u20013?}}}}\uc2\u-1\'3f\'3f}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := rtf.Extract(context.Background(), "f.rtf", data)
		if err == nil {
			for _, b := range doc.Blocks {
				if b.Table != nil {
					testutil.CheckCells(t, b.Table)
				}
			}
		}
	})
}

// A file cut short (its document group never closed) says so, so that what
// is missing after the cut is not blamed on the report; a whole file does
// not. The LibreOffice fixture cut anywhere from 5 to 99 % of its length is
// always said to be unfinished.
func TestUnfinished(t *testing.T) {
	unfinished := func(doc *extract.Document) bool {
		for _, p := range doc.Problems {
			if p.Code == extract.ProblemCorrupt && strings.HasPrefix(p.Message, "RTF 文件不完整") {
				return true
			}
		}
		return false
	}
	if doc := extractString(t, `{\rtf1\ansi {\b 一、总体情况}\par 正文\par}`); unfinished(doc) {
		t.Errorf("a whole document is said to be unfinished: %+v", doc.Problems)
	}
	if doc := extractString(t, `{\rtf1\ansi {\b 一、总体情况}\par 正文`); !unfinished(doc) {
		t.Errorf("a document cut short is not said to be unfinished: %+v", doc.Problems)
	}
	data, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "fixtures/doc/rtf/clean-lodocx-serif-dept.doc"))
	if err != nil {
		t.Fatal(err)
	}
	if unfinished(extractString(t, string(data))) {
		t.Error("the whole fixture is said to be unfinished")
	}
	for pct := 5; pct < 100; pct += 2 {
		if doc := extractString(t, string(data[:len(data)*pct/100])); !unfinished(doc) {
			t.Errorf("the fixture cut at %d%% is not said to be unfinished", pct)
		}
	}
}
