package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/hostile"
	"github.com/nianbao/nianbao/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestTemplate reads the blank 2021-format template (a WPS transcription of
// 国办公开办函〔2021〕30号). The expectations were read off word/document.xml.
func TestTemplate(t *testing.T) {
	path := testutil.Shared(t, "corpus", "template", "2021_format_blank_template_transcription.docx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != extract.FormatDOCX || doc.Pages != 1 || len(doc.Problems) != 0 {
		t.Errorf("format %s, pages %d, problems %+v", doc.Format, doc.Pages, doc.Problems)
	}
	// core.xml has no dc:title; the first line names a template, not a report.
	wantMeta := extract.Meta{Published: "2025-12-03", PublishedFrom: "docx-core"}
	if doc.Meta != wantMeta {
		t.Errorf("Meta = %+v, want %+v", doc.Meta, wantMeta)
	}

	var got []string
	var tables []*extract.Table
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockTable {
			got = append(got, fmt.Sprintf("<table %dx%d>", b.Table.Rows, b.Table.Cols))
			tables = append(tables, b.Table)
			testutil.CheckPartition(t, b.Table)
		} else {
			got = append(got, b.Text)
		}
	}
	want := []string{
		"政府信息公开工作年度报告格式模板", "一、总体情况", "(文字描述)",
		"二、主动公开政府信息情况", "<table 14x4>",
		"三、收到和处理政府信息公开申请情况", "<table 28x10>",
		"四、政府信息公开行政复议、行政诉讼情况", "<table 4x15>",
		"五、存在的主要问题及改进情况", "(文字描述)",
		"六、其他需要报告的事项", "(文字描述,收取信息处理费情况在此处报告。)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	cells := []struct {
		table, row, col, rs, cs int
		text                    string
	}{
		{0, 0, 0, 1, 4, "第二十条第(一)项"},
		{0, 2, 1, 1, 1, ""}, // U+3000 padding is empty
		{0, 12, 1, 1, 3, "本年收费金额(单位:万元)"},
		{1, 0, 0, 3, 3, "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"},
		{1, 0, 3, 1, 7, "申请人情况"},
		{1, 1, 3, 2, 1, "自然人"},
		{1, 1, 4, 1, 5, "法人或其他组织"},
		{1, 1, 9, 2, 1, "总计"},
		{1, 2, 4, 1, 1, "商业企业"},
		{1, 3, 0, 1, 3, "一、本年新收政府信息公开申请数量"},
		{1, 5, 0, 22, 1, "三、本年度办理结果"},
		{1, 7, 1, 8, 1, "(三)不予公开"},
		{1, 15, 1, 3, 1, "(四)无法提供"},
		{1, 18, 1, 5, 1, "(五)不予处理"},
		{1, 23, 1, 3, 1, "(六)其他处理"},
		{1, 26, 1, 1, 2, "(七)总计"},
		{1, 27, 0, 1, 3, "四、结转下年度继续办理"},
		{2, 0, 0, 1, 5, "行政复议"},
		{2, 0, 5, 1, 10, "行政诉讼"},
		{2, 1, 0, 2, 1, "结果维持"},
		{2, 1, 5, 1, 5, "未经复议直接起诉"},
		{2, 2, 14, 1, 1, "总计"},
		{2, 3, 14, 1, 1, ""},
	}
	for _, cw := range cells {
		c := testutil.CellAt(tables[cw.table], cw.row, cw.col)
		if c == nil {
			t.Errorf("table %d: no cell at r%d c%d", cw.table, cw.row, cw.col)
			continue
		}
		if c.Text != cw.text || c.RowSpan != cw.rs || c.ColSpan != cw.cs {
			t.Errorf("table %d r%d c%d = %q %dx%d, want %q %dx%d", cw.table, cw.row, cw.col, c.Text, c.RowSpan, c.ColSpan, cw.text, cw.rs, cw.cs)
		}
	}
	// Table 三: 25 data rows (3..27), each with 7 empty value cells in
	// columns 3..9.
	t3 := tables[1]
	g := t3.Grid()
	dataRows := 0
	for r := 3; r < t3.Rows; r++ {
		n := 0
		for c := 3; c < 10; c++ {
			cl := t3.Cells[g[r][c]]
			if cl.Row == r && cl.Col == c && cl.RowSpan == 1 && cl.ColSpan == 1 && cl.Text == "" {
				n++
			}
		}
		if n == 7 {
			dataRows++
		}
	}
	if dataRows != 25 {
		t.Errorf("table 三 has %d data rows with 7 value cells, want 25", dataRows)
	}
	testutil.Golden(t, filepath.Join("testdata", "golden", "2021_format_blank_template_transcription.txt"), testutil.Dump(doc), *update)
}

// makeDocx builds a .docx in memory with the given document body XML.
func makeDocx(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
			`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">` +
			`<w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		files[k] = v
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml", "other.txt"} {
		v, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func tc(props, content string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func TestSynthetic(t *testing.T) {
	body := `<w:p><w:r><w:t xml:space="preserve">某某县2023年政府信息公开</w:t></w:r><w:r><w:t>工作年度报告</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r></w:p>` +
		`<w:p><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>文字</w:t></w:r></w:p>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>` + p("文本框") + `</w:txbxContent></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><w:txbxContent>` + p("文本框") + `</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:p><m:oMath><m:r><m:t>x</m:t></m:r></m:oMath><w:r><w:t>２６件</w:t></w:r></w:p>` +
		`<w:p/><w:p><w:r><w:t>　　</w:t></w:r></w:p>` +
		`<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, p("角")) + tc(`<w:gridSpan w:val="2"/>`, p("申请人")) + `</w:tr>` +
		`<w:tr>` + tc(`<w:gridSpan w:val="2"/><w:vMerge/>`, `<w:p/>`) + tc(``, p("商业")+p("企业")) + tc(``, `<w:p><w:r><w:t>本年新</w:t><w:br/><w:t>制作数量</w:t></w:r></w:p>`) + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc(``, p("1")+p("2")) + tc(`<w:hMerge w:val="restart"/>`, p("甲")) + tc(`<w:hMerge w:val="continue"/>`, `<w:p/>`) + `</w:tr>` +
		`<w:tr>` + tc(``, `<w:tbl><w:tr>`+tc(``, p("内"))+tc(``, p("表"))+`</w:tr></w:tbl><w:p/>`) + tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="continue"/>`, p("孤")) + `</w:tr>` +
		`</w:tbl>` + p("某某县人民政府办公室") + `<w:sectPr/>`
	core := `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>某某县2023年政府信息公开工作年度报告（终稿）</dc:title><dc:creator>张三</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-20T08:00:00Z</dcterms:created></cp:coreProperties>`
	data := makeDocx(t, body, map[string]string{"docProps/core.xml": core})
	doc, err := Extract(context.Background(), "x.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := `format: docx
meta.title: 某某县2023年政府信息公开工作年度报告(终稿)
meta.issuer: 
meta.published: 2024-01-20 (docx-core)
[0] text: 某某县2023年政府信息公开工作年度报告
[1] text: 第一行
[2] text: 第二行 制表
[3] text: 插入的文字
[4] text: 文本框
[5] text: 26件
[6] table 4x4
    r0 c0 span=2x2: 角
    r0 c2 span=1x2: 申请人
    r1 c2: 商业企业
    r1 c3: 本年新制作数量
    r2 c1: 1 2
    r2 c2 span=1x2: 甲
    r3 c0: 内 表
    r3 c1 span=1x2: 孤
[7] text: 某某县人民政府办公室
`
	if got := testutil.Dump(doc); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockTable {
			if b.Table.Rows == 4 {
				// r2 c0 is left empty by gridBefore; r3 c3 is not covered.
				g := b.Table.Grid()
				if g[2][0] != -1 || g[3][3] != -1 || g[3][2] == -1 {
					t.Errorf("uncovered slots: %v", g)
				}
			}
		}
	}
}

func TestTitleFromFirstLine(t *testing.T) {
	doc, err := Extract(context.Background(), "x.docx", makeDocx(t, p("某某镇2024年政府信息公开工作年度报告")+p("正文"), nil))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta != (extract.Meta{Title: "某某镇2024年政府信息公开工作年度报告"}) {
		t.Errorf("Meta = %+v", doc.Meta)
	}
}

func TestErrors(t *testing.T) {
	var notDocx bytes.Buffer
	zw := zip.NewWriter(&notDocx)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("hello"))
	zw.Close()

	good := makeDocx(t, p("正文")+p("更多正文"), nil)

	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"zip without a Word document", notDocx.Bytes(), ErrNotDOCX, "没有 Word 正文"},
		{"not a zip", []byte("<html><p>not a docx</p></html>"), ErrNotDOCX, "不是 DOCX 文件"},
		{"empty", nil, ErrNotDOCX, "文件为空"},
		{"old .doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), ErrNotDOCX, "97-2003"},
		{"truncated", good[:len(good)/2], ErrCorrupt, "不完整或已损坏"},
		{"truncated to the header", good[:10], ErrCorrupt, "不完整或已损坏"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), "bad.docx", tc.data)
			if err == nil {
				t.Fatalf("no error; doc = %+v", doc)
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "bad.docx") {
				t.Errorf("err = %v, want %v containing %q", err, tc.want, tc.msg)
			}
		})
	}
}

// A .docx cut short has lost its zip directory (it is at the end); its
// parts are read from their own headers (salvage): a copy missing its last
// byte reads exactly as the whole file, with a "repaired" problem; one cut
// in the main document reads up to the cut, with a "corrupt" problem, or is
// refused as damaged (ErrCorrupt) when nothing of its text is left — never
// called "not a DOCX".
func TestTruncatedTemplate(t *testing.T) {
	path := testutil.Shared(t, "corpus", "template", "2021_format_blank_template_transcription.docx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Extract(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	text := func(d *extract.Document) string { return testutil.AllText(d) }
	codes := func(d *extract.Document) (out []string) {
		for _, p := range d.Problems {
			out = append(out, p.Code)
		}
		return out
	}
	last, err := Extract(context.Background(), path, data[:len(data)-1])
	if err != nil {
		t.Fatalf("missing its last byte: %v", err)
	}
	if text(last) != text(whole) || !slices.Equal(codes(last), []string{extract.ProblemRepaired}) {
		t.Errorf("missing its last byte: problems %v, text equal to the whole file's: %v", codes(last), text(last) == text(whole))
	}
	read := 0
	for n := len(data) * 19 / 20; n > 0; n -= len(data) / 20 {
		doc, err := Extract(context.Background(), path, data[:n])
		switch {
		case err != nil && !errors.Is(err, ErrCorrupt):
			t.Errorf("cut to %d bytes: err = %v, want ErrCorrupt", n, err)
		case err == nil && !strings.HasPrefix(text(whole), text(doc)):
			t.Errorf("cut to %d bytes: the text read is not the start of the document's", n)
		case err == nil && !slices.Contains(codes(doc), extract.ProblemRepaired):
			t.Errorf("cut to %d bytes: problems %v, want %s", n, codes(doc), extract.ProblemRepaired)
		case err == nil:
			read++
		}
	}
	if read == 0 {
		t.Error("no copy cut short was read")
	}
	if _, err := Extract(context.Background(), path, data[:100]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("cut to 100 bytes: err = %v, want ErrCorrupt", err)
	}
}

func TestBrokenDocumentXML(t *testing.T) {
	// The zip is fine but document.xml stops in the middle: what was read is
	// kept, with a problem.
	data := makeDocx(t, p("第一段")+p("第二段")+`<w:p><w:r><w:t>第三`, nil)
	doc, err := Extract(context.Background(), "x.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	if strings.Join(texts, "|") != "第一段|第二段|第三" {
		t.Errorf("blocks = %q", texts)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemCorrupt {
		t.Errorf("problems = %+v", doc.Problems)
	}
	// Nothing readable at all: an error.
	bad := makeDocx(t, "", map[string]string{"word/document.xml": "<w:document"})
	if _, err := Extract(context.Background(), "y.docx", bad); !errors.Is(err, ErrCorrupt) {
		t.Errorf("err = %v, want ErrCorrupt", err)
	}
}

func TestEmptyDocument(t *testing.T) {
	doc, err := Extract(context.Background(), "x.docx", makeDocx(t, `<w:p/><w:sectPr/>`, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 0 || len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemEmpty {
		t.Errorf("blocks %d, problems %+v", len(doc.Blocks), doc.Problems)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, "x.docx", makeDocx(t, p("正文"), nil)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(makeDocx(f, p("正文"), nil))
	f.Add(makeDocx(f, `<w:tbl><w:tr>`+tc(`<w:gridSpan w:val="1000"/><w:vMerge/>`, p("a"))+`</w:tr><w:tr><w:trPr><w:gridBefore w:val="3"/></w:trPr>`+
		tc(`<w:vMerge w:val="continue"/>`, p("b"))+`</w:tr></w:tbl>`, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(context.Background(), "fuzz.docx", data)
		if err != nil {
			if !errors.Is(err, ErrNotDOCX) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		for _, b := range doc.Blocks {
			switch b.Kind {
			case extract.BlockText:
				if b.Text == "" || extract.Normalize(b.Text) != b.Text {
					t.Errorf("bad text %q", b.Text)
				}
			case extract.BlockTable:
				tb := b.Table
				if tb.Rows < 1 || tb.Cols < 1 || tb.Rows*tb.Cols > extract.MaxTableSlots {
					t.Fatalf("bad table %dx%d", tb.Rows, tb.Cols)
				}
				for _, c := range tb.Cells {
					if c.RowSpan < 1 || c.ColSpan < 1 || c.Row+c.RowSpan > tb.Rows || c.Col+c.ColSpan > tb.Cols {
						t.Fatalf("cell %+v outside %dx%d", c, tb.Rows, tb.Cols)
					}
				}
			}
		}
	})
}

// TestDeepTables: a paragraph inside thousands of nested tables is read;
// nesting past the document's budget is cut there, with the budget's
// problem, not the process: each level of nesting is charged for what its
// open elements hold.
func TestDeepTables(t *testing.T) {
	doc, err := Extract(context.Background(), "deep.docx", hostile.DOCXDeepTables(10_000))
	if err != nil {
		t.Fatal(err)
	}
	if text := testutil.AllText(doc); !strings.Contains(text, "本机关2023年收到政府信息公开申请12件。") {
		t.Errorf("text %.200q", text)
	}
	// 60,000 open tables hold some 29 MB (~480 bytes a level): past a 16 MB
	// budget, though their elements alone would cost 9 MB of it
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(16<<20))
	doc, err = Extract(ctx, "deep.docx", hostile.DOCXDeepTables(60_000))
	if err != nil || len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemBudget {
		t.Errorf("over the budget: %v, %+v", err, doc)
	}
}

// TestTinyCellsBudget: a table cell is charged for what it holds (our cell
// and the grid's), not only for its XML elements: 60,000 one-digit cells
// hold some 21 MB and are cut under a 16 MB budget (they were charged 14 MB
// and read whole; 800,000 such cells held 180 MB under a 128 MB budget).
func TestTinyCellsBudget(t *testing.T) {
	row := "<w:tr>" + strings.Repeat("<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>", 200) + "</w:tr>"
	data := makeDocx(t, "<w:tbl>"+strings.Repeat(row, 300)+"</w:tbl>", nil)
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(16<<20))
	doc, err := Extract(ctx, "cells.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemBudget {
		t.Errorf("problems %+v, want the budget's", doc.Problems)
	}
}

// Parts whose sizes follow their data (a data descriptor, as Go's and many
// other zip writers write them) are salvaged too: their end is found by
// inflating them once. Many stray "PK\x03\x04" after the parts are passed
// over.
func TestSalvageDescriptorParts(t *testing.T) {
	good := makeDocx(t, p("第一段")+p("第二段"), nil)
	dir := bytes.Index(good, []byte("PK\x01\x02")) // the first entry of the directory
	if dir < 0 {
		t.Fatal("no central directory")
	}
	noDir := slices.Clip(good[:dir])
	junk := append(noDir, bytes.Repeat([]byte("PK\x03\x04\x14\x00\x08\x00\x08\x00"), 100000)...)
	for name, data := range map[string][]byte{"no directory": noDir, "stray headers after": junk} {
		doc, err := Extract(context.Background(), "x.docx", data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := testutil.AllText(doc); !strings.Contains(got, "第一段") || !strings.Contains(got, "第二段") {
			t.Errorf("%s: text %q", name, got)
		}
		if len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemRepaired {
			t.Errorf("%s: problems %+v, want one %s", name, doc.Problems, extract.ProblemRepaired)
		}
	}
}

// A file without its zip directory whose parts are deflate bombs with their
// sizes after the data: finding where each ends means inflating it, and the
// salvage stops after maxSalvageInflate bytes in all — a Word text after the
// bombs is then not reached (the file is refused as damaged), one before
// them is read.
func TestSalvageInflateLimit(t *testing.T) {
	bombs := func(zw *zip.Writer) {
		zeros := make([]byte, 1<<20)
		for i := range 3 { // 3 × 100 MB > maxSalvageInflate
			w, err := zw.Create(fmt.Sprintf("word/media/bomb%d.bin", i))
			if err != nil {
				t.Fatal(err)
			}
			for range 100 {
				w.Write(zeros)
			}
		}
	}
	body := func(zw *zip.Writer) {
		w, err := zw.Create("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<w:document xmlns:w="` + nsW + `"><w:body>` + p("正文在此") + `</w:body></w:document>`))
	}
	build := func(parts ...func(*zip.Writer)) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, part := range parts {
			part(zw)
		}
		zw.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		name  string
		data  []byte
		found bool
	}{
		{"text before the bombs", build(body, bombs), true},
		{"text after the bombs", build(bombs, body), false},
	} {
		data := c.data[:bytes.Index(c.data, []byte("PK\x01\x02"))] // the directory lost
		doc, err := Extract(context.Background(), "x.docx", data)
		switch {
		case c.found && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.found && !strings.Contains(testutil.AllText(doc), "正文在此"):
			t.Errorf("%s: text %q", c.name, testutil.AllText(doc))
		case !c.found && !errors.Is(err, ErrCorrupt):
			t.Errorf("%s: err = %v, want ErrCorrupt (the scan stopped before the text)", c.name, err)
		}
	}
}

// A whole file whose properties part is damaged (a byte of its compressed
// data overwritten) has its whole text and only a repaired problem, as
// above: not a corrupt one, which would make every finding on the text
// doubtful.
func TestDamagedPropertiesOnly(t *testing.T) {
	core := `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="` + nsDC + `"><dc:title>` + strings.Repeat("标题", 200) + `</dc:title></cp:coreProperties>`
	data := makeDocx(t, p("第一段")+p("第二段"), map[string]string{"docProps/core.xml": core})
	at := bytes.Index(data, []byte("docProps/core.xml")) + len("docProps/core.xml") + 20
	data[at] ^= 0xff // in the compressed properties, before the central directory
	doc, err := Extract(context.Background(), "x.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := testutil.AllText(doc); !strings.Contains(got, "第一段") || !strings.Contains(got, "第二段") {
		t.Errorf("text %q", got)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemRepaired || !strings.Contains(doc.Problems[0].Message, "docProps/core.xml") {
		t.Errorf("problems %+v, want one %s naming the properties", doc.Problems, extract.ProblemRepaired)
	}
}

// Word writes the document's properties after its text: a copy cut inside
// them has its whole text, and only the repaired problem (not a corrupt
// one, which would make every finding on the text doubtful).
func TestSalvageCutInProperties(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct{ name, body string }{
		{"word/document.xml", `<w:document xmlns:w="` + nsW + `"><w:body>` + p("第一段") + p("第二段") + `</w:body></w:document>`},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="` + nsDC + `"><dc:title>` + strings.Repeat("标题", 200) + `</dc:title></cp:coreProperties>`},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(part.body))
	}
	zw.Close()
	data := buf.Bytes()
	core := bytes.Index(data, []byte("docProps/core.xml"))
	cut := data[:core+40] // inside the properties' compressed bytes
	doc, err := Extract(context.Background(), "x.docx", cut)
	if err != nil {
		t.Fatal(err)
	}
	if got := testutil.AllText(doc); !strings.Contains(got, "第一段") || !strings.Contains(got, "第二段") {
		t.Errorf("text %q", got)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Code != extract.ProblemRepaired {
		t.Errorf("problems %+v, want only %s", doc.Problems, extract.ProblemRepaired)
	}
}

// TestManyEntries: a zip whose central directory holds 200,000 entries (21
// MB; archive/zip reads them all, ~64 MB) is refused from its directory's
// end record under a 32 MB budget, naming the count, before any of it is
// read; under the default budget it is read. Before, 1,000,000 entries took
// 400 MB and were stopped by the process-wide ceiling.
func TestManyEntries(t *testing.T) {
	data := hostile.DOCXManyEntries(200_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Extract(extract.WithBudget(context.Background(), extract.NewBudget(32<<20)), "many.docx", data)
	runtime.ReadMemStats(&after)
	if err == nil || !errors.Is(err, extract.ErrBudget) || !strings.Contains(err.Error(), "200002 个条目") {
		t.Fatalf("err = %v, want a refusal naming the 200002 entries and the budget", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("allocated %d MB refusing it", n>>20)
	}
	doc, err := Extract(context.Background(), "many.docx", data)
	if err != nil || len(doc.Blocks) != 1 {
		t.Fatalf("default budget: %v, %d blocks", err, len(doc.Blocks))
	}
	if n := zipEntries(hostile.DOCX("一")); n != 2 {
		t.Errorf("a two-part docx: %d entries", n)
	}
}

// TestZipEntriesDamaged: the end record's count is read without trusting
// it: cut, missing or pointing outside the file, it gives 0 or at most one
// entry per 46 bytes, and never a panic.
func TestZipEntriesDamaged(t *testing.T) {
	full := hostile.DOCXManyEntries(70_000) // zip64: more than 65,535 entries
	if n := zipEntries(full); n != 70_002 {
		t.Errorf("zip64 count %d, want 70002", n)
	}
	end := bytes.LastIndex(full, []byte("PK\x05\x06"))
	forged := slices.Clone(full[end-20:]) // the zip64 locator and the end record alone
	for _, c := range []struct {
		name string
		data []byte
		max  int64
	}{
		{"empty", nil, 0},
		{"end record alone", []byte("PK\x05\x06"), 0},
		{"cut in the end record", full[:len(full)-10], 0},
		{"locator pointing outside", forged, int64(len(forged) / 46)},
		{"short end record", append([]byte("PK\x05\x06"), make([]byte, 18)...), 0},
	} {
		if n := zipEntries(c.data); n < 0 || n > c.max {
			t.Errorf("%s: %d entries, want at most %d", c.name, n, c.max)
		}
	}
}
