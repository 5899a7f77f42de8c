package layout_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

const a4w, a4h = 595.0, 842.0

func page(n int, gs []layout.Glyph, segs []layout.Segment) layout.PageGeom {
	return layout.PageGeom{Number: n, Width: a4w, Height: a4h, Glyphs: gs, Segments: segs}
}

// cellKeys lists a table's cells as "row,col rowspanxcolspan text".
func cellKeys(t *extract.Table) []string {
	var out []string
	for _, c := range t.Cells {
		out = append(out, specKey(c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text))
	}
	return out
}

func specKeys(cells []cellSpec) []string {
	var out []string
	for _, c := range cells {
		out = append(out, specKey(c.r, c.c, c.rs, c.cs, extract.Normalize(c.text)))
	}
	slices.Sort(out)
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// summary renders blocks as "T:text" and "TABLE rxc" lines.
func summary(blocks []extract.Block) []string {
	var out []string
	for _, b := range blocks {
		if b.Kind == extract.BlockTable {
			out = append(out, fmt.Sprintf("p%d TABLE %dx%d", b.Page, b.Table.Rows, b.Table.Cols))
		} else {
			out = append(out, fmt.Sprintf("p%d %s", b.Page, b.Text))
		}
	}
	return out
}

func tables(blocks []extract.Block) []*extract.Table {
	var out []*extract.Table
	for _, b := range blocks {
		if b.Kind == extract.BlockTable {
			out = append(out, b.Table)
		}
	}
	return out
}

func equalLists(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("%s differ:\n got (%d):\n  %s\nwant (%d):\n  %s", what, len(got), strings.Join(got, "\n  "), len(want), strings.Join(want, "\n  "))
}

func TestSimpleTableWithTextAround(t *testing.T) {
	xs := []float64{100, 200, 300, 400}
	ys := []float64{200, 220, 240, 260}
	var gs []layout.Glyph
	gs = append(gs, put("表一 主动公开情况", 100, 150, 12)...)
	gs = append(gs, put("以下为统计。", 100, 170, 12)...)
	texts := [3][3]string{{"信息内容", "本年制发件数", "现行有效件数"}, {"规章", "0", "12"}, {"行政规范性文件", "3", "45"}}
	for r := range 3 {
		for c := range 3 {
			gs = append(gs, put(texts[r][c], xs[c]+2, ys[r]+4, 10)...)
		}
	}
	gs = append(gs, put("表后的说明文字 2023 年", 100, 290, 12)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, fullGrid(xs, ys))})
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 表一 主动公开情况", "p1 以下为统计。", "p1 TABLE 3x3", "p1 表后的说明文字 2023 年",
	})
	tabs := tables(blocks)
	if len(tabs) != 1 {
		t.Fatalf("tables = %d", len(tabs))
	}
	var want []string
	for r := range 3 {
		for c := range 3 {
			want = append(want, specKey(r, c, 1, 1, texts[r][c]))
		}
	}
	equalLists(t, "cells", cellKeys(tabs[0]), want)
	c := tabs[0].Cells[4]
	if c.Page != 1 || c.Box != (extract.Box{X0: 200, Y0: 220, X1: 300, Y1: 240}) {
		t.Errorf("cell 1,1: page %d box %+v", c.Page, c.Box)
	}
	if b := blocks[2]; b.Page != 1 || b.Box != (extract.Box{X0: 100, Y0: 200, X1: 400, Y1: 260}) || b.Table.LastPage != 1 {
		t.Errorf("table block: page %d box %+v last %d", b.Page, b.Box, b.Table.LastPage)
	}
}

func TestTable3Grid(t *testing.T) {
	spec := table3(9)
	segs, gs := spec.draw(0, 28, 80, false)
	gs = append(put("三、收到和处理政府信息公开申请情况", 60, 50, 14), gs...)
	blocks := build(t, []layout.PageGeom{page(1, gs, segs)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 三、收到和处理政府信息公开申请情况", "p1 TABLE 28x10"})
	tabs := tables(blocks)
	if len(tabs) != 1 {
		t.Fatalf("tables = %d", len(tabs))
	}
	equalLists(t, "cells", sorted(cellKeys(tabs[0])), specKeys(spec.cells))
	// every grid position is covered
	for r, row := range tabs[0].Grid() {
		for c, i := range row {
			if i < 0 {
				t.Errorf("grid %d,%d uncovered", r, c)
			}
		}
	}
}

func TestTable3StitchedAcrossPages(t *testing.T) {
	spec := table3(9)
	segs1, gs1 := spec.draw(0, 17, 100, true)
	gs1 = append(gs1, put("三、收到和处理政府信息公开申请情况", 60, 70, 14)...)
	gs1 = append(gs1, put("-4-", 290, 800, 10)...)
	segs2, gs2 := spec.draw(17, 28, 60, false)
	gs2 = append(gs2, put("四、政府信息公开行政复议、行政诉讼情况", 60, 500, 14)...)
	gs2 = append(gs2, put("- 5 -", 285, 800, 10)...)
	blocks := build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, segs2)})
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 三、收到和处理政府信息公开申请情况", "p1 TABLE 28x10", "p2 四、政府信息公开行政复议、行政诉讼情况",
	})
	tabs := tables(blocks)
	if len(tabs) != 1 {
		t.Fatalf("tables = %d", len(tabs))
	}
	tab := tabs[0]
	if tab.Page != 1 || tab.LastPage != 2 {
		t.Errorf("pages %d–%d, want 1–2", tab.Page, tab.LastPage)
	}
	equalLists(t, "cells", sorted(cellKeys(tab)), specKeys(spec.cells))
	for _, c := range tab.Cells {
		want := 1
		if c.Row >= 17 {
			want = 2
		}
		if c.Page != want {
			t.Errorf("cell %d,%d %q on page %d, want %d", c.Row, c.Col, c.Text, c.Page, want)
		}
		if strings.Contains(c.Text, "4-") || strings.Contains(c.Text, "5 -") {
			t.Errorf("page number inside cell %d,%d: %q", c.Row, c.Col, c.Text)
		}
	}
}

func TestWrappedLabelInCell(t *testing.T) {
	xs := []float64{50, 180, 240}
	ys := []float64{100, 140}
	var gs []layout.Glyph
	gs = append(gs, put("5.要求行政机关确认或重新出", 52, 104, 9)...)
	gs = append(gs, put("具已获取信息", 52, 116, 9)...)
	gs = append(gs, put("Latin", 182, 104, 9)...)
	gs = append(gs, put("words", 182, 116, 9)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, fullGrid(xs, ys))})
	tabs := tables(blocks)
	if len(tabs) != 1 || len(blocks) != 1 {
		t.Fatalf("blocks %v", summary(blocks))
	}
	equalLists(t, "cells", cellKeys(tabs[0]), []string{
		specKey(0, 0, 1, 1, "5.要求行政机关确认或重新出具已获取信息"),
		specKey(0, 1, 1, 1, "Latin words"),
	})
}

func TestVerticalLabels(t *testing.T) {
	// Identity-V glyphs and a stack of one character per line, each in a
	// narrow cell beside two rows.
	xs := []float64{50, 70, 90, 200}
	ys := []float64{100, 160, 220}
	segs := []layout.Segment{
		hline(50, 200, 100), hline(50, 200, 220), hline(90, 200, 160),
		vline(50, 100, 220), vline(70, 100, 220), vline(90, 100, 220), vline(200, 100, 220),
	}
	var gs []layout.Glyph
	gs = append(gs, putV("三、本年度办理结果", 60, 110, 9)...)
	gs = append(gs, stack("不予公开", 80, 120, 9)...)
	gs = append(gs, put("上", 92, 125, 9)...)
	gs = append(gs, put("下", 92, 185, 9)...)
	// outside the table: a vertical run and a stack, each read as one line
	gs = append(gs, putV("附注", 300, 400, 12)...)
	gs = append(gs, stack("备注栏", 400, 500, 12)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, segs)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 2x3", "p1 附注", "p1 备注栏"})
	_ = xs
	_ = ys
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 2, 1, "三、本年度办理结果"),
		specKey(0, 1, 2, 1, "不予公开"),
		specKey(0, 2, 1, 1, "上"),
		specKey(1, 2, 1, 1, "下"),
	})
}

func TestFakeBoldAndNoise(t *testing.T) {
	var gs []layout.Glyph
	bold := func(s string, x, y, size float64) {
		gs = append(gs, put(s, x, y, size)...)
		gs = append(gs, put(s, x+0.4, y+0.2, size)...)
	}
	bold("一、总体情况", 60, 100, 16)
	gs = append(gs, put("2023年，共收到申请11件。", 60, 130, 12)...)
	gs = append(gs, put("\ufffd\ufffd\ufffd", 60, 160, 12)...)
	gs = append(gs, put("全年 100 件", 60, 190, 12)...)
	// in a cell too, and genuine doubled letters stay
	xs := []float64{60, 200, 300}
	ys := []float64{300, 330}
	bold("总计", 62, 310, 10)
	gs = append(gs, put("1100", 202, 310, 10)...)
	gs = append(gs, put("Kuuk", 60, 400, 10)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, fullGrid(xs, ys))})
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 一、总体情况", "p1 2023年,共收到申请11件。", "p1 全年 100 件", "p1 TABLE 1x2", "p1 Kuuk",
	})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{specKey(0, 0, 1, 1, "总计"), specKey(0, 1, 1, 1, "1100")})
}

func TestUnruledNumbersFallback(t *testing.T) {
	var gs []layout.Glyph
	gs = append(gs, put("二、主动公开政府信息情况", 60, 100, 14)...)
	rows := []struct {
		label string
		nums  [3]string
	}{
		{"规章", [3]string{"0", "0", "12"}},
		{"行政规范性文件", [3]string{"3", "1", "45"}},
		{"行政许可", [3]string{"1024", "", "7"}},
		{"行政处罚", [3]string{"4119", "2", "0"}},
	}
	y := 130.0
	for _, r := range rows {
		gs = append(gs, put(r.label, 60, y, 10)...)
		for i, n := range r.nums {
			if n != "" {
				gs = append(gs, putRight(n, 300+float64(i)*80, y, 10)...)
			}
		}
		y += 16
	}
	gs = append(gs, put("2023年共办理 12 件 3 件 4 件", 60, 260, 10)...)
	gs = append(gs, put("五、存在的主要问题及改进情况", 60, 300, 14)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, nil)})
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 二、主动公开政府信息情况", "p1 TABLE 4x4", "p1 2023年共办理 12 件 3 件 4 件", "p1 五、存在的主要问题及改进情况",
	})
	var want []string
	for r, row := range rows {
		want = append(want, specKey(r, 0, 1, 1, row.label))
		for i, n := range row.nums {
			want = append(want, specKey(r, i+1, 1, 1, n))
		}
	}
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), want)

	// two such lines are not a table
	gs = nil
	for i, r := range rows[:2] {
		gs = append(gs, put(r.label, 60, 130+float64(i)*16, 10)...)
		for k, n := range r.nums {
			gs = append(gs, putRight(n, 300+float64(k)*80, 130+float64(i)*16, 10)...)
		}
	}
	blocks = build(t, []layout.PageGeom{page(1, gs, nil)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 规章 0 0 12", "p1 行政规范性文件 3 1 45"})
}

func TestPageFurniture(t *testing.T) {
	var pages []layout.PageGeom
	for n := 1; n <= 4; n++ {
		var gs []layout.Glyph
		gs = append(gs, put("某某区人民政府2023年政府信息公开工作年度报告", 150, 30, 9)...)
		gs = append(gs, put(fmt.Sprintf("正文第%d页的内容", n), 60, 100, 12)...)
		nums := []string{"-1-", "- 2 -", "— 3 —", "第 4 页 共 4 页"}
		gs = append(gs, put(nums[n-1], 280, 800, 10)...)
		pages = append(pages, page(n, gs, nil))
	}
	// a lone number in the body is not a page number
	pages[1].Glyphs = append(pages[1].Glyphs, put("42", 60, 400, 12)...)
	blocks := build(t, pages)
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 正文第1页的内容", "p2 正文第2页的内容", "p2 42", "p3 正文第3页的内容", "p4 正文第4页的内容",
	})
}

func TestSplitTablesNotStitched(t *testing.T) {
	// different columns on the next page: two tables
	xs1 := []float64{100, 200, 300}
	xs2 := []float64{100, 150, 250, 300}
	ys := []float64{100, 120, 140}
	var gs1, gs2 []layout.Glyph
	for r := range 2 {
		for c := range 2 {
			gs1 = append(gs1, put(fmt.Sprint(r*2+c), xs1[c]+2, ys[r]+4, 10)...)
		}
		for c := range 3 {
			gs2 = append(gs2, put(fmt.Sprint(r*3+c), xs2[c]+2, ys[r]+4, 10)...)
		}
	}
	blocks := build(t, []layout.PageGeom{page(1, gs1, fullGrid(xs1, ys)), page(2, gs2, fullGrid(xs2, ys))})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 2x2", "p2 TABLE 2x3"})

	// same columns, but text before the table on page 2: not a continuation
	gs3 := append(put("四、政府信息公开行政复议、行政诉讼情况", 60, 60, 14), gs1...)
	blocks = build(t, []layout.PageGeom{page(1, gs1, fullGrid(xs1, ys)), page(2, gs3, fullGrid(xs1, ys))})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 2x2", "p2 四、政府信息公开行政复议、行政诉讼情况", "p2 TABLE 2x2"})

	// same columns and nothing between: one table; a repeated header row is dropped
	head := append(put("甲", 102, 104, 10), put("乙", 202, 104, 10)...)
	body1 := append(slices.Clone(head), append(put("1", 102, 124, 10), put("2", 202, 124, 10)...)...)
	body2 := append(slices.Clone(head), append(put("3", 102, 124, 10), put("4", 202, 124, 10)...)...)
	blocks = build(t, []layout.PageGeom{page(1, body1, fullGrid(xs1, ys)), page(2, body2, fullGrid(xs1, ys))})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 3x2"})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 1, 1, "甲"), specKey(0, 1, 1, 1, "乙"),
		specKey(1, 0, 1, 1, "1"), specKey(1, 1, 1, 1, "2"),
		specKey(2, 0, 1, 1, "3"), specKey(2, 1, 1, 1, "4"),
	})
}

func TestSeparateTablesOnOnePage(t *testing.T) {
	var gs []layout.Glyph
	segs := fullGrid([]float64{100, 200, 300}, []float64{100, 120})
	segs = append(segs, fullGrid([]float64{100, 150, 200, 300}, []float64{200, 220, 240})...)
	segs = append(segs, fullGrid([]float64{100, 200, 300}, []float64{400, 420, 440})...) // empty: dropped
	gs = append(gs, put("甲", 102, 104, 10)...)
	gs = append(gs, put("中间的文字", 100, 160, 10)...)
	gs = append(gs, put("乙", 152, 224, 10)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, segs)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 1x2", "p1 中间的文字", "p1 TABLE 2x3"})
	equalLists(t, "cells", cellKeys(tables(blocks)[1]), []string{
		specKey(0, 0, 1, 1, ""), specKey(0, 1, 1, 1, ""), specKey(0, 2, 1, 1, ""),
		specKey(1, 0, 1, 1, ""), specKey(1, 1, 1, 1, "乙"), specKey(1, 2, 1, 1, ""),
	})
}

func TestSnapAndJoin(t *testing.T) {
	// borders drawn piecewise and slightly off (as thin rectangles are),
	// plus a double border 1.5pt apart: still a 2×2 table
	segs := []layout.Segment{
		hline(100, 150, 100), hline(151, 300, 100.8), hline(100, 300, 98.5),
		hline(100, 300, 121), hline(100, 200, 140), hline(202, 300, 139.2),
		vline(100, 100, 140), vline(199, 100, 121), vline(200.5, 120, 140), vline(300, 100, 140), vline(301.5, 100, 140),
	}
	gs := append(put("A", 102, 104, 10), put("B", 202, 104, 10)...)
	gs = append(gs, append(put("C", 102, 124, 10), put("D", 202, 124, 10)...)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, segs)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 2x2"})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 1, 1, "A"), specKey(0, 1, 1, 1, "B"), specKey(1, 0, 1, 1, "C"), specKey(1, 1, 1, 1, "D"),
	})
}

func TestBuildSurvivesBadInput(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	pages := []layout.PageGeom{
		{Number: 1, Glyphs: []layout.Glyph{{R: '甲', X0: nan, Y0: 1, X1: 2, Y1: 3, Size: 10}, {R: '乙', X0: 10, Y0: 10, X1: 10, Y1: 10}}},
		{Number: 2, Segments: []layout.Segment{{X0: nan, Y0: 0, X1: 5, Y1: 0}, hline(0, 10, 5), vline(3, 0, 1)}},
		{},
	}
	// a dense hatch of rules (vector art) is not a table
	var xs, ys []float64
	for i := range 300 {
		xs = append(xs, 10+float64(i)*5)
		ys = append(ys, 10+float64(i)*5)
	}
	pages = append(pages, page(4, put("图", 20, 20, 10), fullGrid(xs, ys)))
	blocks := build(t, pages)
	equalLists(t, "blocks", summary(blocks), []string{"p1 乙", "p4 图"})
	if build(t, nil) != nil {
		t.Error("Build(nil) should be empty")
	}
}

// benchPages builds n pages of about 1,500 glyphs each: 30 lines of body
// text and the table 三 fixture.
func benchPages(n int) []layout.PageGeom {
	spec := table3(9)
	var pages []layout.PageGeom
	for i := 1; i <= n; i++ {
		segs, gs := spec.draw(0, 28, 300, false)
		for l := range 30 {
			gs = append(gs, put("本机关严格落实政府信息公开条例，全年主动公开政府信息1234条，", 60, 40+float64(l)*8, 7)...)
		}
		pages = append(pages, page(i, gs, segs))
	}
	return pages
}

func BenchmarkBuild(b *testing.B) {
	pages := benchPages(20)
	glyphs := 0
	for _, p := range pages {
		glyphs += len(p.Glyphs)
	}
	b.ResetTimer()
	for b.Loop() {
		layout.Build(pages)
	}
	b.ReportMetric(float64(glyphs)/20, "glyphs/page")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/20/1e3, "µs/page")
}

func TestOpenSidesAndDoubleBorders(t *testing.T) {
	// no outer left/right rules: the horizontal rules overhang the inner
	// verticals, which opens the first and last column
	segs := []layout.Segment{
		hline(50, 350, 100), hline(50, 350, 120), hline(50, 350, 140),
		vline(150, 100, 140), vline(250, 100, 140),
	}
	// a second table with a double outer border 4pt apart and a double
	// rule under its first row
	segs = append(segs, fullGrid([]float64{50, 150, 250}, []float64{300, 320, 340})...)
	segs = append(segs, vline(254, 300, 340), hline(50, 254, 324))
	var gs []layout.Glyph
	for r := range 2 {
		for c := range 3 {
			gs = append(gs, put(fmt.Sprintf("%c%d", 'a'+c, r), 52+float64(c)*100, 104+float64(r)*20, 10)...)
		}
		for c := range 2 {
			gs = append(gs, put(fmt.Sprintf("%c%d", 'x'+c, r), 52+float64(c)*100, 304+float64(r)*20+float64(r)*2, 10)...)
		}
	}
	blocks := build(t, []layout.PageGeom{page(1, gs, segs)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 2x3", "p1 TABLE 2x2"})
	equalLists(t, "open table", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 1, 1, "a0"), specKey(0, 1, 1, 1, "b0"), specKey(0, 2, 1, 1, "c0"),
		specKey(1, 0, 1, 1, "a1"), specKey(1, 1, 1, 1, "b1"), specKey(1, 2, 1, 1, "c1"),
	})
	equalLists(t, "double borders", cellKeys(tables(blocks)[1]), []string{
		specKey(0, 0, 1, 1, "x0"), specKey(0, 1, 1, 1, "y0"),
		specKey(1, 0, 1, 1, "x1"), specKey(1, 1, 1, 1, "y1"),
	})
}

func TestRowSplitByPageBreak(t *testing.T) {
	xs := []float64{100, 200, 300}
	cell := func(s string, c int, y float64) []layout.Glyph { return put(s, xs[c]+2, y+4, 10) }
	var gs1 []layout.Glyph
	gs1 = append(gs1, cell("甲", 0, 700)...)
	gs1 = append(gs1, cell("1", 1, 700)...)
	gs1 = append(gs1, cell("乙项", 0, 720)...)
	gs1 = append(gs1, cell("2", 1, 720)...)

	// the rest of the cut row is empty, with rules all round (LibreOffice)
	var gs2 []layout.Glyph
	gs2 = append(gs2, cell("丙", 0, 80)...)
	gs2 = append(gs2, cell("3", 1, 80)...)
	blocks := build(t, []layout.PageGeom{
		page(1, gs1, fullGrid(xs, []float64{700, 720, 740})),
		page(2, gs2, fullGrid(xs, []float64{60, 80, 100})),
	})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 3x2"})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 1, 1, "甲"), specKey(0, 1, 1, 1, "1"),
		specKey(1, 0, 1, 1, "乙项"), specKey(1, 1, 1, 1, "2"),
		specKey(2, 0, 1, 1, "丙"), specKey(2, 1, 1, 1, "3"),
	})

	// no rule on either side of the break: the row goes on, its label too
	gs2 = append(cell("续", 0, 60), gs2...)
	segs1 := []layout.Segment{hline(100, 300, 700), hline(100, 300, 720), vline(100, 700, 740), vline(200, 700, 740), vline(300, 700, 740)}
	segs2 := []layout.Segment{hline(100, 300, 80), hline(100, 300, 100), vline(100, 60, 100), vline(200, 60, 100), vline(300, 60, 100)}
	blocks = build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, segs2)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 3x2"})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 1, 1, "甲"), specKey(0, 1, 1, 1, "1"),
		specKey(1, 0, 1, 1, "乙项续"), specKey(1, 1, 1, 1, "2"),
		specKey(2, 0, 1, 1, "丙"), specKey(2, 1, 1, 1, "3"),
	})

	// a ruled first row with text is a row of its own
	gs2 = append(cell("丁", 0, 60), cell("4", 1, 60)...)
	blocks = build(t, []layout.PageGeom{
		page(1, gs1, fullGrid(xs, []float64{700, 720, 740})),
		page(2, gs2, fullGrid(xs, []float64{60, 80})),
	})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{
		specKey(0, 0, 1, 1, "甲"), specKey(0, 1, 1, 1, "1"),
		specKey(1, 0, 1, 1, "乙项"), specKey(1, 1, 1, 1, "2"),
		specKey(2, 0, 1, 1, "丁"), specKey(2, 1, 1, 1, "4"),
	})
}

func TestTextOverflowingCutRow(t *testing.T) {
	// the last character of a label runs over the bottom rule of a row cut
	// by the page (as Chromium prints it); it belongs to the cell, and the
	// table still goes on on the next page
	xs := []float64{100, 200, 300}
	var gs1 []layout.Glyph
	gs1 = append(gs1, put("(四)无法提", 102, 704, 10)...)
	gs1 = append(gs1, put("供", 102, 716, 10)...) // centre 721, rule at 720
	gs1 = append(gs1, put("5", 202, 704, 10)...)
	gs1 = append(gs1, put("正文", 100, 760, 10)...) // real text below is not pulled in
	segs1 := fullGrid(xs, []float64{700, 720})
	gs2 := append(put("甲", 102, 84, 10), put("6", 202, 84, 10)...)
	blocks := build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, fullGrid(xs, []float64{80, 100}))})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 1x2", "p1 正文", "p2 TABLE 1x2"})
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), []string{specKey(0, 0, 1, 1, "(四)无法提供"), specKey(0, 1, 1, 1, "5")})

	gs1 = gs1[:len(gs1)-2] // without the text below: one table
	blocks = build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, fullGrid(xs, []float64{80, 100}))})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 2x2"})
}

func TestTwoColumns(t *testing.T) {
	var gs []layout.Glyph
	gs = append(gs, put("二〇二三年度报告摘要（两栏排版的标题横跨两栏）", 60, 60, 14)...)
	var left, right, want []string
	for i := range 6 {
		left = append(left, fmt.Sprintf("左栏第%d行的文字内容较长一些", i+1))
		right = append(right, fmt.Sprintf("右栏第%d行的文字内容较长一些", i+1))
	}
	left[5] = "左栏末行"
	for i := range 6 {
		gs = append(gs, put(left[i], 50, 100+float64(i)*16, 12)...)
		gs = append(gs, put(right[i], 320, 100+float64(i)*16, 12)...)
	}
	gs = append(gs, put("横跨两栏的结束语，放在两栏之后的一整行文字。", 60, 220, 12)...)
	blocks := build(t, []layout.PageGeom{page(1, gs, nil)})
	want = append(want, "p1 二〇二三年度报告摘要(两栏排版的标题横跨两栏)")
	for _, s := range left {
		want = append(want, "p1 "+s)
	}
	for _, s := range right {
		want = append(want, "p1 "+s)
	}
	want = append(want, "p1 横跨两栏的结束语,放在两栏之后的一整行文字。")
	equalLists(t, "blocks", summary(blocks), want)

	// a label and one number far apart are not two columns
	gs = nil
	want = nil
	for i := range 6 {
		s := fmt.Sprintf("第%d项比较长的事项名称说明", i+1)
		gs = append(gs, put(s, 50, 100+float64(i)*16, 12)...)
		gs = append(gs, putRight(fmt.Sprint(100+i), 500, 100+float64(i)*16, 12)...)
		want = append(want, fmt.Sprintf("p1 %s %d", s, 100+i))
	}
	equalLists(t, "label and number", summary(build(t, []layout.PageGeom{page(1, gs, nil)})), want)
}

func TestTable3RepeatedHeaderStitched(t *testing.T) {
	// Word's "repeat header rows": page 2 prints the three header rows
	// again above the continuation; they are dropped when stitching
	spec := table3(9)
	segs1, gs1 := spec.draw(0, 17, 100, true)
	headSegs, headGs := spec.draw(0, 3, 60, false)
	h := 0.0
	for _, x := range spec.heights[:3] {
		h += x
	}
	segs2, gs2 := spec.draw(17, 28, 60+h, false)
	segs2 = append(segs2, headSegs...)
	gs2 = append(gs2, headGs...)
	blocks := build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, segs2)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 28x10"})
	tabs := tables(blocks)
	if len(tabs) != 1 {
		t.Fatalf("tables = %d", len(tabs))
	}
	equalLists(t, "cells", sorted(cellKeys(tabs[0])), specKeys(spec.cells))
}

func TestLabelCutByPageBreak(t *testing.T) {
	// A merged label cell cut by the page, its text too: "（四）无" at the
	// bottom of page 1, "法提供" at the top of its part on page 2, both parts
	// ruled (WPS). The table centres text in tall cells, so text that hugs
	// the top of a tall cell continues the cell above.
	mk := func(top float64, rows []float64, labels [][3]string, spans []int, hug bool) ([]layout.Segment, []layout.Glyph) {
		ys := []float64{top}
		for _, h := range rows {
			ys = append(ys, ys[len(ys)-1]+h)
		}
		var segs []layout.Segment
		var gs []layout.Glyph
		r := 0
		for _, rs := range spans {
			y0, y1 := ys[r], ys[r+rs]
			segs = append(segs, hline(100, 200, y0), hline(100, 200, y1), vline(100, y0, y1), vline(200, y0, y1))
			ty := (y0+y1)/2 - 5
			if hug && r == 0 {
				ty = y0 + 2
			}
			gs = append(gs, put(labels[r][0], 102, ty, 10)...)
			r += rs
		}
		for i := range rows {
			segs = append(segs, hline(200, 400, ys[i]), hline(200, 400, ys[i+1]), vline(300, ys[i], ys[i+1]), vline(400, ys[i], ys[i+1]))
			gs = append(gs, put(labels[i][1], 202, ys[i]+5, 10)...)
			gs = append(gs, put(labels[i][2], 302, ys[i]+5, 10)...)
		}
		return segs, gs
	}
	segs1, gs1 := mk(600, []float64{20, 20, 20}, [][3]string{{"甲组", "甲一", "1"}, {"", "甲二", "2"}, {"(四)无", "乙一", "3"}}, []int{2, 1}, false)
	segs2, gs2 := mk(60, []float64{20, 20, 20, 20}, [][3]string{{"法提供", "乙二", "4"}, {"", "乙三", "5"}, {"丙组", "丙一", "6"}, {"", "丙二", "7"}}, []int{2, 2}, true)
	blocks := build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, segs2)})
	equalLists(t, "blocks", summary(blocks), []string{"p1 TABLE 7x3"})
	want := []string{
		specKey(0, 0, 2, 1, "甲组"), specKey(0, 1, 1, 1, "甲一"), specKey(0, 2, 1, 1, "1"),
		specKey(1, 1, 1, 1, "甲二"), specKey(1, 2, 1, 1, "2"),
		specKey(2, 0, 3, 1, "(四)无法提供"), specKey(2, 1, 1, 1, "乙一"), specKey(2, 2, 1, 1, "3"),
		specKey(3, 1, 1, 1, "乙二"), specKey(3, 2, 1, 1, "4"),
		specKey(4, 1, 1, 1, "乙三"), specKey(4, 2, 1, 1, "5"),
		specKey(5, 0, 2, 1, "丙组"), specKey(5, 1, 1, 1, "丙一"), specKey(5, 2, 1, 1, "6"),
		specKey(6, 1, 1, 1, "丙二"), specKey(6, 2, 1, 1, "7"),
	}
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), want)

	// the same with the new label centred in its cell: a group of its own
	segs2, gs2 = mk(60, []float64{20, 20, 20, 20}, [][3]string{{"丁组", "丁一", "4"}, {"", "丁二", "5"}, {"丙组", "丙一", "6"}, {"", "丙二", "7"}}, []int{2, 2}, false)
	blocks = build(t, []layout.PageGeom{page(1, gs1, segs1), page(2, gs2, segs2)})
	want[5] = specKey(2, 0, 1, 1, "(四)无")
	want = slices.Insert(want, 8, specKey(3, 0, 2, 1, "丁组"))
	want[9], want[11] = specKey(3, 1, 1, 1, "丁一"), specKey(4, 1, 1, 1, "丁二")
	equalLists(t, "cells", cellKeys(tables(blocks)[0]), want)
}

// build runs layout.Build and fails the test if the layout fell back.
func build(t testing.TB, pages []layout.PageGeom) []extract.Block {
	t.Helper()
	blocks, problems := layout.Build(pages)
	if len(problems) > 0 {
		t.Fatalf("layout problems: %v", problems)
	}
	return blocks
}

// A number too wide for its narrow column runs over the cell's right border
// (Chromium printed a 表三 total "3026" as "302" in its cell and "6" past
// the table, and "2823" as "282" and a "3" in the next cell): it stays whole
// in the cell where it starts. Numbers in adjacent cells, apart by the cells'
// padding, stay apart.
func TestNumberOverflowsCell(t *testing.T) {
	xs := []float64{100, 200, 214, 228}
	ys := []float64{200, 220, 240}
	var gs []layout.Glyph
	gs = append(gs, put("合计", 102, 204, 10)...)
	gs = append(gs, put("2823", 202, 204, 10)...) // 20 wide in a 14-wide column: "3" in the next cell
	gs = append(gs, put("3026", 216, 224, 10)...) // in the last column: "26" past the table
	gs = append(gs, put("其他", 102, 224, 10)...)
	gs = append(gs, put("7", 202, 224, 10)...) // 7 | 3026: apart by padding
	blocks := build(t, []layout.PageGeom{page(1, gs, fullGrid(xs, ys))})
	tabs := tables(blocks)
	if len(tabs) != 1 {
		t.Fatalf("tables = %d: %v", len(tabs), summary(blocks))
	}
	got := map[[2]int]string{}
	for _, c := range tabs[0].Cells {
		got[[2]int{c.Row, c.Col}] = c.Text
	}
	want := map[[2]int]string{{0, 0}: "合计", {0, 1}: "2823", {0, 2}: "", {1, 0}: "其他", {1, 1}: "7", {1, 2}: "3026"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("cell %v = %q, want %q", k, got[k], w)
		}
	}
	for _, b := range blocks {
		if b.Kind == extract.BlockText {
			t.Errorf("text outside the table: %q", b.Text)
		}
	}
}
