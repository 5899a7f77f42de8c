package text

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

func extractString(t *testing.T, name, s string) *extract.Document {
	t.Helper()
	doc, err := Extract(context.Background(), name, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// rows returns a table's cell texts row by row.
func rows(tb *extract.Table) [][]string {
	out := make([][]string, tb.Rows)
	for _, c := range tb.Cells {
		for len(out[c.Row]) <= c.Col {
			out[c.Row] = append(out[c.Row], "")
		}
		out[c.Row][c.Col] = c.Text
	}
	return out
}

func texts(doc *extract.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockText {
			out = append(out, b.Text)
		}
	}
	return out
}

func tables(doc *extract.Document) []*extract.Table {
	var out []*extract.Table
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockTable {
			out = append(out, b.Table)
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("一、总体情况\n二、主动公开政府信息情况\n")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(context.Background(), "a.txt", []byte(gb))
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(doc); !reflect.DeepEqual(got, []string{"一、总体情况", "二、主动公开政府信息情况"}) {
		t.Errorf("GB18030: %q", got)
	}
	doc = extractString(t, "a.txt", "\ufeff一、总体情况\r\n正文\r\n")
	if got := texts(doc); !reflect.DeepEqual(got, []string{"一、总体情况", "正文"}) {
		t.Errorf("BOM/CRLF: %q", got)
	}
	if doc.Format != extract.FormatText || doc.Pages != 1 || len(doc.SHA256) != 64 {
		t.Errorf("doc %+v", doc)
	}
	if d := extractString(t, "a.md", "x"); d.Format != extract.FormatMarkdown {
		t.Errorf("format %q", d.Format)
	}
	if d := extractString(t, "a.txt", " \n\n"); len(d.Problems) != 1 || d.Problems[0].Code != extract.ProblemEmpty {
		t.Errorf("empty: %+v", d.Problems)
	}
}

func TestTabTable(t *testing.T) {
	doc := extractString(t, "a.txt", "表三\n一、本年新收\t\t1\t0\t\t1\n\n二、上年结转\t0\t0\n结束\n")
	tb := tables(doc)
	if len(tb) != 1 {
		t.Fatalf("%d tables", len(tb))
	}
	want := [][]string{{"一、本年新收", "", "1", "0", "", "1"}, {"二、上年结转", "0", "0"}}
	if got := rows(tb[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if got := texts(doc); !reflect.DeepEqual(got, []string{"表三", "结束"}) {
		t.Errorf("texts %q", got)
	}
}

// TestTableLimits: a tab table's cells are spent from the budget (a file of
// short cells holds some 50 bytes per byte of text as cells: 8 MB of "1\t"
// took 1.4 GB and 11 s); past the budget the table ends at the last row that
// fits and the rest of the file is not read, with the budget's problem. A
// table of more than extract.MaxTableSlots grid positions is read as lines of text.
func TestTableLimits(t *testing.T) {
	row := strings.Repeat("1\t", 499) + "1\n"
	ctx := extract.WithBudget(context.Background(), extract.NewBudget(16<<20))
	doc, err := Extract(ctx, "big.txt", []byte("标题\n"+strings.Repeat(row, 1000)+"之后\n"))
	if err != nil {
		t.Fatal(err)
	}
	tb := tables(doc)
	if len(tb) != 1 || tb[0].Rows < 100 || tb[0].Rows >= 1000 || len(tb[0].Cells) != 500*tb[0].Rows {
		t.Fatalf("tables %d, first %d rows", len(tb), tb[0].Rows)
	}
	if got := texts(doc); !reflect.DeepEqual(got, []string{"标题"}) {
		t.Errorf("texts %q: read past the cut", got)
	}
	// the file is past twice recognition's share of the budget too: its
	// bytes past that are not read at all (正文过长)
	probs := slices.DeleteFunc(slices.Clone(doc.Problems), func(p extract.Problem) bool { return strings.HasPrefix(p.Message, "正文过长") })
	if len(probs) != 1 || probs[0].Code != extract.ProblemBudget || !strings.Contains(probs[0].Message, "读取文本中的表格时停止") {
		t.Errorf("problems %+v", doc.Problems)
	}

	wide := strings.Repeat("x\t", 4096) + "x\n" + strings.Repeat("a\tb\n", 1024)
	doc = extractString(t, "wide.txt", wide)
	if len(tables(doc)) != 0 || len(doc.Blocks) != 1025 {
		t.Errorf("%d tables, %d blocks; want the 1,025 rows as text", len(tables(doc)), len(doc.Blocks))
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Message != "表格过大（1025 行 × 4097 列），已按文字读取" {
		t.Errorf("problems %+v", doc.Problems)
	}
}

func TestMarkdown(t *testing.T) {
	doc := extractString(t, "a.md", "## 表二：主动公开政府信息情况\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 22 |\n|---|---|\n| 行政规范性文件 | 34 |  |\n\n正文\n")
	tb := tables(doc)
	if len(tb) != 1 {
		t.Fatalf("%d tables", len(tb))
	}
	want := [][]string{{"信息内容", "本年制发件数"}, {"规章", "22"}, {"行政规范性文件", "34", ""}}
	if got := rows(tb[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if got := texts(doc); !reflect.DeepEqual(got, []string{"表二:主动公开政府信息情况", "正文"}) {
		t.Errorf("texts %q", got)
	}
}

// cellLines writes rows in the one-cell-per-line layout: every cell followed
// by two blank lines, two more at the end of a row.
func cellLines(rows [][]string) string {
	var sb strings.Builder
	for _, r := range rows {
		for _, c := range r {
			sb.WriteString(c + "\n\n\n")
		}
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func TestCellLines(t *testing.T) {
	in := [][]string{
		{"自然人", "法人或其他组织", "总计"},
		{"商业\n企业", "科研机构", "其他"},
		{"一、本年新收政府信息公开申请数量", "34", "1", "37"},
		{"二、上年结转政府信息公开申请数量", "0", "", "0"},
		{"三、本年度办理结果", "（一）予以公开", "", "", ""},
		{"四、结转下年度继续办理", "0", "", "0"},
	}
	s := "一、总体情况\n正文一行。\n三、收到和处理政府信息公开申请情况\n\n\n\n\n" + cellLines(in) + "\n五、存在的主要问题及改进情况\n问题。\n"
	doc := extractString(t, "a.txt", s)
	tb := tables(doc)
	if len(tb) != 1 {
		t.Fatalf("%d tables: %q", len(tb), texts(doc))
	}
	want := [][]string{
		{"自然人", "法人或其他组织", "总计"},
		{"商业企业", "科研机构", "其他"},
		{"一、本年新收政府信息公开申请数量", "34", "1", "37"},
		{"二、上年结转政府信息公开申请数量", "0", "", "0"},
		{"三、本年度办理结果", "(一)予以公开", "", "", ""},
		{"四、结转下年度继续办理", "0", "", "0"},
	}
	if got := rows(tb[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
	if got := texts(doc); !reflect.DeepEqual(got, []string{"一、总体情况", "正文一行。", "三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况", "问题。"}) {
		t.Errorf("texts %q", got)
	}
}

// Blank cells at the start of a data row under a header row stay at the
// start (河北省教育厅 2019 table 四: only the totals are filled).
func TestCellLinesLeadingBlanks(t *testing.T) {
	// 16 blank lines after the header = end of row (4) + four empty cells (3 each);
	// 14 between the two totals = next cell (2) + four empty cells
	s := "行政复议\n\n\n行政诉讼\n\n\n\n\n结果维持\n\n\n结果纠正\n\n\n其他结果\n\n\n尚未审结\n\n\n总计\n" +
		strings.Repeat("\n", 16) + "0\n" + strings.Repeat("\n", 14) + "0\n\n\n\n\n"
	doc := extractString(t, "a.txt", s)
	tb := tables(doc)
	if len(tb) != 1 {
		t.Fatalf("%d tables", len(tb))
	}
	want := [][]string{{"行政复议", "行政诉讼"}, {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}, {"", "", "", "", "0", "", "", "", "", "0"}}
	if got := rows(tb[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestPageTxt(t *testing.T) {
	body := "当前位置： 首页政务公开 某某报告 来源：平潭县人民政府 时间：2022-02-08 16:34 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 根据《条例》编制本报告。" +
		strings.Repeat("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。", 4) +
		"一、总体情况2021年，我区工作有序。（一）主动公开方面。全年公开2645条。二、主动公开政府信息情况 第二十条第（一）项信息内容规章 000" +
		"三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量0000000"
	s := "标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n发布时间: 2022-02-08 16:34\n文号: \n发布机构: \n栏目: 政府信息公开年报\n原文链接: https://www.pingtan.gov.cn/x.htm\n本地目录: zwgk/x\n页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n" + body + "\n"
	doc := extractString(t, "page.txt", s)
	if doc.Meta.Title != "平潭综合实验区2021年度政府信息公开工作年度报告" || doc.Meta.Published != "2022-02-08" || doc.Meta.PublishedFrom != "page" || doc.Meta.Issuer != "平潭县人民政府" {
		t.Errorf("meta %+v", doc.Meta)
	}
	got := texts(doc)
	if !strings.HasPrefix(got[0], "根据《条例》编制本报告。") {
		t.Errorf("chrome kept: %q", got[0])
	}
	for _, l := range got {
		if strings.Contains(l, "标题") || strings.Contains(l, "原文链接") || strings.Contains(l, "当前位置") {
			t.Errorf("header line in body: %q", l)
		}
	}
	wantLines := []string{"一、总体情况2021年,我区工作有序。", "(一)主动公开方面。", "二、主动公开政府信息情况 第二十条第(一)项信息内容规章 000",
		"三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量801000081", "二、上年结转政府信息公开申请数量0000000"}
	joined := "\n" + strings.Join(got, "\n") + "\n"
	for _, w := range wantLines {
		if !strings.Contains(joined, "\n"+w+"\n") {
			t.Errorf("line %q missing in %q", w, got)
		}
	}
}

// Every text file of the corpus extracts without problems, and the digit
// runs of the crawler dumps survive line splitting.
func TestCorpus(t *testing.T) {
	files := testutil.CorpusFiles(t, ".txt", ".md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Extract(context.Background(), f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all := testutil.AllText(doc)
		name := filepath.Base(f)
		switch name {
		case "2021_fujian_pingtan_zone_pagetxt.txt":
			for _, run := range []string{"640020470", "10203120001200000", "2200003252.没有"} {
				if !strings.Contains(all, run) {
					t.Errorf("%s: run %q lost", name, run)
				}
			}
		case "2021_hebei_education_dept_csvcell.txt":
			tb := tables(doc)
			if len(tb) != 3 {
				t.Fatalf("%s: %d tables, want 3", name, len(tb))
			}
			var row []string
			for _, r := range rows(tb[1]) {
				if len(r) > 0 && r[0] == "二、上年结转政府信息公开申请数量" {
					row = r
				}
			}
			if want := []string{"二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", ""}; !reflect.DeepEqual(row, want) {
				t.Errorf("%s: 上年结转 row %q, want %q", name, row, want)
			}
		}
		if strings.Contains(name, "hebei_education") && name != "2020_hebei_education_dept_csvcell.txt" {
			if n := len(tables(doc)); n != 3 {
				t.Errorf("%s: %d tables, want 3", name, n)
			}
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"一、总体情况\n", "a\tb\n", "| a | b |\n|---|\n", "x\n\n\ny\n\n\n\n\nz", "标题: x\n==== 正文 ====\n当前位置：文件下载 y"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(context.Background(), "f.md", data)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range doc.Blocks {
			if b.Kind == extract.BlockTable && (b.Table == nil || b.Table.Rows == 0) {
				t.Fatal("empty table block")
			}
		}
	})
}

// Prose written with double blank lines between short paragraphs is not a
// table.
func TestDoubleSpacedProse(t *testing.T) {
	var sb strings.Builder
	for i := 0; i < 12; i++ {
		sb.WriteString("这是第一段简短的文字。\n\n\n")
	}
	doc := extractString(t, "a.txt", sb.String())
	if len(tables(doc)) != 0 || len(texts(doc)) != 12 {
		t.Errorf("%d tables, %d lines", len(tables(doc)), len(texts(doc)))
	}
}

func TestDecodeUTF16AndDamagedUTF8(t *testing.T) {
	want := "一、总体情况\n本年度收到申请3件。"
	// UTF-16 LE with BOM, as Notepad saves "Unicode".
	var le []byte
	le = append(le, 0xff, 0xfe)
	for _, r := range want {
		le = append(le, byte(r), byte(r>>8))
	}
	if got, prob := decode(le); got != want || prob != nil {
		t.Errorf("UTF-16 LE: got %q, %v", got, prob)
	}
	// UTF-8 with one stray byte: kept as UTF-8, the byte replaced and said.
	bad := []byte("一、总体情况\n本年度收到申请\xff3件。")
	got, prob := decode(bad)
	if got != "一、总体情况\n本年度收到申请\ufffd3件。" || prob == nil || prob.Code != extract.ProblemCharset {
		t.Errorf("damaged UTF-8: got %q, %v", got, prob)
	}
	// Real GB18030 text is still decoded as GB18030.
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(want)
	if got, prob := decode([]byte(gb)); got != want || prob != nil {
		t.Errorf("GB18030: got %q, %v", got, prob)
	}
}

// afterCalls is a context whose Err turns to Canceled after n calls: a
// cancel that arrives while Extract is in its main loop.
type afterCalls struct {
	context.Context
	n int
}

func (c *afterCalls) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// A cancel (a time-out) that arrives while the lines are read stops the
// main loop: Extract returns the context's error, not a document.
func TestExtractStopsWhenCancelled(t *testing.T) {
	data := []byte(strings.Repeat("本机关2023年收到申请12件。\n\n", 20000))
	ctx := &afterCalls{Context: context.Background(), n: 3}
	doc, err := Extract(ctx, "long.txt", data)
	if !errors.Is(err, context.Canceled) || doc != nil {
		t.Fatalf("Extract = %v, %v; want context.Canceled", doc != nil, err)
	}
	if ctx.n != -1 {
		t.Errorf("context looked at %d times after the cancel, want once", -ctx.n)
	}
}
