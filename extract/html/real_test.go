package html

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

type cellWant struct {
	table, row, col  int
	rowSpan, colSpan int
	text             string
}

type pageWant struct {
	file      string
	meta      extract.Meta
	shapes    [][2]int // Rows×Cols of each table, in order
	cells     []cellWant
	rows      []rowWant
	nav       []string // chrome words: visible on the page, absent from the blocks
	first     string   // prefix of the first text block
	last      string   // the last text block
	textCount int      // number of text blocks
}

// rowWant is a run of cells on one row starting at column col.
type rowWant struct {
	table, row, col int
	texts           []string
}

// The expectations below were read off the HTML source of each page (see
// NOTES.md §2.6 and the raw <table> markup).
var realPages = []pageWant{
	{
		file: "2023_fujian_pingtan_zone_page.html",
		meta: extract.Meta{Title: "平潭综合实验区2023年度政府信息公开工作年度报告", Issuer: "平潭综合实验区管委会办公室",
			Published: "2024-03-08", PublishedFrom: "meta"},
		shapes: [][2]int{{14, 4}, {28, 10}, {4, 15}},
		cells: []cellWant{
			{0, 0, 0, 1, 4, "第二十条第(一)项"},
			{0, 13, 1, 1, 3, "5949.088667"},
			{1, 0, 0, 3, 3, "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"},
			{1, 2, 4, 1, 1, "商业企业"},
			{1, 5, 0, 22, 1, "三、本年度办理结果"},
			{1, 7, 1, 8, 1, "(三)不予公开"},
			{1, 15, 1, 3, 1, "(四)无法提供"},
			{1, 18, 1, 5, 1, "(五)不予处理"},
			{1, 23, 1, 3, 1, "(六)其他处理"},
			{1, 9, 2, 1, 1, "3.危及“三安全一稳定”"},
			{2, 1, 1, 2, 1, "结果纠正"},
		},
		rows: []rowWant{
			{1, 3, 0, []string{"一、本年新收政府信息公开申请数量", "80", "1", "0", "0", "0", "0", "81"}},
			{1, 27, 0, []string{"四、结转下年度继续办理", "0", "0", "0", "0", "0", "0", "0"}},
			{2, 3, 0, []string{"1", "1", "0", "0", "2", "4", "0", "0", "1", "5", "1", "0", "1", "0", "2"}},
		},
		nav:       []string{"当前位置", "长者模式", "无障碍浏览", "扫一扫在手机上查看当前页面", "版权所有", "来源:"},
		first:     "本报告根据《中华人民共和国政府信息公开条例》(国务院令第711号,以下简称《条例》)",
		last:      "2023年,无收取信息处理费情况。",
		textCount: 22,
	},
	{
		file: "2024_fujian_pingtan_zone_page.html",
		meta: extract.Meta{Title: "平潭综合实验区2024年度政府信息公开工作年度报告", Issuer: "平潭综合实验区管委会办公室",
			Published: "2025-03-10", PublishedFrom: "meta"},
		shapes: [][2]int{{14, 4}, {28, 10}, {4, 15}},
		cells: []cellWant{
			{0, 13, 1, 1, 3, "18651.06"},
			{1, 2, 6, 1, 1, "社会公益组织"},
			{1, 2, 7, 1, 1, "法律服务机构"},
			{1, 5, 0, 22, 1, "三、本年度办理结果"},
			{2, 1, 1, 2, 1, "结果纠正"},
			{2, 2, 8, 1, 1, "尚未审结"},
		},
		rows: []rowWant{
			{1, 3, 0, []string{"一、本年新收政府信息公开申请数量", "217", "1", "0", "0", "0", "0", "218"}},
			// NOTES.md §2.6: the page.txt flattening 21317000001324019 is
			// unambiguous in the HTML.
			{2, 3, 0, []string{"2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"}},
		},
		nav:       []string{"当前位置", "长者模式", "无障碍浏览", "扫一扫在手机上查看当前页面", "版权所有", "来源:"},
		first:     "本报告根据《中华人民共和国政府信息公开条例》(国务院令第711号)",
		last:      "2024年,无收取信息处理费情况。",
		textCount: 15,
	},
	{
		file: "2025_fujian_pingtan_zone_page.html",
		meta: extract.Meta{Title: "平潭综合实验区2025年度政府信息公开工作年度报告", Issuer: "平潭综合实验区管委会办公室",
			Published: "2026-03-10", PublishedFrom: "meta"},
		shapes: [][2]int{{14, 4}, {28, 10}, {4, 15}},
		cells: []cellWant{
			{0, 13, 1, 1, 3, "4166.241619"},
			{1, 5, 0, 22, 1, "三、本年度办理结果"},
		},
		rows: []rowWant{
			{1, 3, 0, []string{"一、本年新收政府信息公开申请数量", "151", "3", "0", "0", "0", "0", "154"}},
			{1, 27, 0, []string{"四、结转下年度继续办理", "4", "2", "0", "0", "0", "0", "6"}},
			{2, 3, 0, []string{"25", "3", "8", "0", "36", "3", "3", "0", "0", "6", "3", "0", "0", "0", "3"}},
		},
		nav:       []string{"当前位置", "长者模式", "无障碍浏览", "扫一扫在手机上查看当前页面", "版权所有", "来源:"},
		first:     "本报告根据《中华人民共和国政府信息公开条例》(国务院令第711号,以下简称《条例》)",
		last:      "2025年,无收取信息处理费情况。",
		textCount: 16,
	},
	{
		file: "2023_jiangsu_shuyang_county_drc_capture.html",
		meta: extract.Meta{Title: "沭阳县发展和改革局2023年政府信息公开年度报告", Issuer: "沭阳县发展和改革局",
			Published: "2024-01-17", PublishedFrom: "page"},
		// The CMS information table (索引号, 发布机构, 公开日期 …) above the
		// title is not a report table.
		shapes: [][2]int{{14, 4}, {28, 10}, {4, 15}},
		cells: []cellWant{
			{0, 3, 0, 1, 1, "规范性文件"},
			{1, 2, 4, 1, 1, "商业企业"},
			{1, 5, 0, 22, 1, "三、本年度办理结果"},
			{1, 7, 1, 8, 1, "(三)不予公开"},
		},
		rows: []rowWant{
			// 法人或其他组织 columns are left blank on this page (NOTES.md §2.6).
			{1, 3, 0, []string{"一、本年新收政府信息公开申请数量", "26", "", "", "", "", "", "26"}},
			{2, 3, 0, []string{"0", "0", "0", "1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"}},
		},
		nav: []string{"走进沭阳", "办事服务", "智能问答", "数据开放", "索引号", "014314799/2024-00002",
			"采集时间", "沭阳县发改局"},
		first:     "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求",
		last:      "2024年1月17日",
		textCount: 23,
	},
	{
		file: "2019_shanghai_municipal_gov_office_fragment.html",
		meta: extract.Meta{Title: "2019年上海市人民政府办公厅政府信息公开工作年度报告",
			Published: "2020-01-31", PublishedFrom: "page"},
		shapes: [][2]int{{18, 5}, {26, 10}, {4, 15}},
		cells: []cellWant{
			{0, 1, 1, 1, 1, "本年新制作数量"},
			{0, 17, 3, 1, 2, "251000元"},
			{1, 5, 0, 20, 1, "三、本年度办理结果"},
			{1, 7, 1, 8, 1, "(三)不予公开"},
			{1, 23, 1, 1, 2, "(六)其他处理"},
		},
		rows: []rowWant{
			{1, 3, 0, []string{"一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"}},
			{1, 25, 0, []string{"四、结转下年度继续办理", "72", "", "", "", "", "", "72"}},
			{2, 3, 0, []string{"5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""}},
		},
		first:     "2019年上海市人民政府办公厅政府信息公开工作年度报告",
		last:      "无。",
		textCount: 36,
	},
}

func TestRealPages(t *testing.T) {
	for _, pw := range realPages {
		t.Run(strings.TrimSuffix(pw.file, ".html"), func(t *testing.T) {
			path := testutil.Corpus(t, pw.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), path, data, "")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if doc.Meta != pw.meta {
				t.Errorf("Meta = %+v\nwant   %+v", doc.Meta, pw.meta)
			}
			if len(doc.Problems) != 0 {
				t.Errorf("Problems = %+v, want none", doc.Problems)
			}

			var tables []*extract.Table
			var texts []string
			for _, b := range doc.Blocks {
				if b.Kind == extract.BlockTable {
					tables = append(tables, b.Table)
				} else {
					texts = append(texts, b.Text)
				}
			}
			var shapes [][2]int
			for _, tb := range tables {
				shapes = append(shapes, [2]int{tb.Rows, tb.Cols})
				testutil.CheckPartition(t, tb)
			}
			if !equalShapes(shapes, pw.shapes) {
				t.Fatalf("table shapes = %v, want %v", shapes, pw.shapes)
			}
			for _, cw := range pw.cells {
				c := testutil.CellAt(tables[cw.table], cw.row, cw.col)
				if c == nil {
					t.Errorf("table %d: no cell anchored at r%d c%d", cw.table, cw.row, cw.col)
					continue
				}
				if c.Text != cw.text || c.RowSpan != cw.rowSpan || c.ColSpan != cw.colSpan {
					t.Errorf("table %d r%d c%d = %q span %dx%d, want %q span %dx%d", cw.table, cw.row, cw.col,
						c.Text, c.RowSpan, c.ColSpan, cw.text, cw.rowSpan, cw.colSpan)
				}
			}
			for _, rw := range pw.rows {
				tb := tables[rw.table]
				g := tb.Grid()
				var got []string
				for c := rw.col; c < tb.Cols; c++ {
					i := g[rw.row][c]
					if i < 0 {
						got = append(got, "<none>")
						continue
					}
					if tb.Cells[i].Row == rw.row && tb.Cells[i].Col == c {
						got = append(got, tb.Cells[i].Text)
					}
				}
				if strings.Join(got, "|") != strings.Join(rw.texts, "|") {
					t.Errorf("table %d row %d = %q\nwant %q", rw.table, rw.row, got, rw.texts)
				}
			}

			if len(texts) != pw.textCount {
				t.Errorf("%d text blocks, want %d", len(texts), pw.textCount)
			}
			if len(texts) == 0 {
				t.Fatal("no text blocks")
			}
			if !strings.HasPrefix(texts[0], pw.first) {
				t.Errorf("first text block = %q, want prefix %q", texts[0], pw.first)
			}
			if texts[len(texts)-1] != pw.last {
				t.Errorf("last text block = %q, want %q", texts[len(texts)-1], pw.last)
			}

			// Chrome words are visible on the page but absent from the blocks.
			visible := extract.Normalize(strings.Join(nodeLines(mustParse(t, data)), "\n"))
			all := testutil.Dump(doc)
			for _, w := range pw.nav {
				if !strings.Contains(visible, w) {
					t.Errorf("test premise: %q is not visible text on the page", w)
				}
				for _, b := range doc.Blocks {
					if b.Kind == extract.BlockText && strings.Contains(b.Text, w) {
						t.Errorf("navigation text %q leaked into block %q", w, b.Text)
					}
				}
				if tableContains(tables, w) {
					t.Errorf("navigation text %q leaked into a table", w)
				}
			}

			testutil.Golden(t, filepath.Join("testdata", "golden", strings.TrimSuffix(pw.file, ".html")+".txt"), all, *update)
		})
	}
}

func mustParse(t *testing.T, data []byte) *xhtml.Node {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(decode(data, "").text))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func equalShapes(a, b [][2]int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func tableContains(tables []*extract.Table, s string) bool {
	for _, tb := range tables {
		for _, c := range tb.Cells {
			if strings.Contains(c.Text, s) {
				return true
			}
		}
	}
	return false
}
