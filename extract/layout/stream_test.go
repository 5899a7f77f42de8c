package layout_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// nums places a row of numbers right-aligned on the columns at x1s.
func nums(y, size float64, x1s []float64, vals ...string) []layout.Glyph {
	var out []layout.Glyph
	for i, v := range vals {
		if v != "" {
			out = append(out, putRight(v, x1s[i], y, size)...)
		}
	}
	return out
}

// TestUnruledLabelledRows is table 三 printed without rules: labels wrapped
// over lines above and below their row's numbers (cells centred
// vertically), a group label column left of the row labels, a vertical
// label printed one character per line, rows whose label starts at the
// table's left edge, and a page break inside a row label.
func TestUnruledLabelledRows(t *testing.T) {
	cols := []float64{330, 400, 470}
	const s = 10.0
	var p1 []layout.Glyph
	p1 = append(p1, put("三、收到和处理政府信息公开申请情况", 60, 100, 14)...)
	p1 = append(p1, put("申请人情况 自然人 法人 总计", 180, 125, s)...) // header: runs into the number columns
	p1 = append(p1, put("一、本年新收申请数量", 60, 150, s)...)
	p1 = append(p1, nums(150, s, cols, "12", "3", "15")...)
	// the vertical label 办理结果 one character per line at x 60, the group
	// label (三)不予公开 at x 80, the row labels at x 130
	p1 = append(p1, put("办", 60, 170, s)...)
	p1 = append(p1, put("(三)", 80, 170, s)...)
	p1 = append(p1, put("1.属于国家秘密", 130, 170, s)...)
	p1 = append(p1, nums(170, s, cols, "0", "", "0")...)
	p1 = append(p1, put("理", 60, 186, s)...)
	p1 = append(p1, put("不予", 80, 186, s)...)
	p1 = append(p1, put("2.其他法律行政法规", 130, 186, s)...)
	p1 = append(p1, nums(194, s, cols, "4", "1", "5")...)
	p1 = append(p1, put("结", 60, 202, s)...)
	p1 = append(p1, put("公开", 80, 202, s)...)
	p1 = append(p1, put("禁止公开", 130, 202, s)...)
	p1 = append(p1, put("果", 60, 218, s)...)
	p1 = append(p1, put("3.危及“三安全一稳定”", 130, 226, s)...)
	p1 = append(p1, nums(226, s, cols, "0", "0", "0")...)
	p1 = append(p1, put("4.保护第三方合法", 130, 242, s)...)
	p1 = append(p1, nums(250, s, cols, "7", "0", "7")...)
	// the rest of the label is on the next page

	var p2 []layout.Glyph
	p2 = append(p2, put("权益", 130, 80, s)...)
	p2 = append(p2, put("5.属于三类内部事务信息", 130, 96, s)...)
	p2 = append(p2, nums(96, s, cols, "2", "0", "2")...)
	p2 = append(p2, put("(七)总计", 60, 112, s)...)
	p2 = append(p2, nums(112, s, cols, "125", "33", "158")...)
	p2 = append(p2, put("四、结转下年度继续办理", 60, 128, s)...)
	p2 = append(p2, nums(128, s, cols, "6", "0", "6")...)
	p2 = append(p2, put("本年度共收到申请15件，全部在法定期限内办结，未发生超期答复情况，群众满意度较高。", 60, 150, s)...)

	blocks := build(t, []layout.PageGeom{page(1, p1, nil), page(2, p2, nil)})
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 三、收到和处理政府信息公开申请情况", "p1 申请人情况 自然人 法人 总计", "p1 TABLE 8x5",
		"p2 本年度共收到申请15件,全部在法定期限内办结,未发生超期答复情况,群众满意度较高。",
	})
	ts := tables(blocks)
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	if ts[0].Page != 1 || ts[0].LastPage != 2 {
		t.Errorf("table on pages %d–%d, want 1–2", ts[0].Page, ts[0].LastPage)
	}
	// the part on page 2 has one label column (no group labels there): its
	// labels span both; "权益" at the top of page 2 joins the nearest row
	// (a label line is not carried back over the page break)
	equalLists(t, "cells", cellKeys(ts[0]), []string{
		specKey(0, 0, 1, 2, "一、本年新收申请数量"), specKey(0, 2, 1, 1, "12"), specKey(0, 3, 1, 1, "3"), specKey(0, 4, 1, 1, "15"),
		specKey(1, 0, 1, 1, "办 (三)"), specKey(1, 1, 1, 1, "1.属于国家秘密"), specKey(1, 2, 1, 1, "0"), specKey(1, 3, 1, 1, ""), specKey(1, 4, 1, 1, "0"),
		specKey(2, 0, 1, 1, "理不予结公开"), specKey(2, 1, 1, 1, "2.其他法律行政法规禁止公开"), specKey(2, 2, 1, 1, "4"), specKey(2, 3, 1, 1, "1"), specKey(2, 4, 1, 1, "5"),
		specKey(3, 0, 1, 1, "果"), specKey(3, 1, 1, 1, "3.危及“三安全一稳定”"), specKey(3, 2, 1, 1, "0"), specKey(3, 3, 1, 1, "0"), specKey(3, 4, 1, 1, "0"),
		specKey(4, 0, 1, 1, ""), specKey(4, 1, 1, 1, "4.保护第三方合法"), specKey(4, 2, 1, 1, "7"), specKey(4, 3, 1, 1, "0"), specKey(4, 4, 1, 1, "7"),
		specKey(5, 0, 1, 2, "权益5.属于三类内部事务信息"), specKey(5, 2, 1, 1, "2"), specKey(5, 3, 1, 1, "0"), specKey(5, 4, 1, 1, "2"),
		specKey(6, 0, 1, 2, "(七)总计"), specKey(6, 2, 1, 1, "125"), specKey(6, 3, 1, 1, "33"), specKey(6, 4, 1, 1, "158"),
		specKey(7, 0, 1, 2, "四、结转下年度继续办理"), specKey(7, 2, 1, 1, "6"), specKey(7, 3, 1, 1, "0"), specKey(7, 4, 1, 1, "6"),
	})
}

// TestUnruledTableStartsAtPageEnd: two rows at the bottom of a page are too
// few for a table, but they are its first rows when the next page
// continues a table with the same number columns. Rows whose numbers do
// not fit those columns stay text.
func TestUnruledTableStartsAtPageEnd(t *testing.T) {
	cols := []float64{330, 400, 470}
	const s = 10.0
	mk := func(first [][2]string) []layout.PageGeom {
		var p1 []layout.Glyph
		p1 = append(p1, put("三、收到和处理政府信息公开申请情况", 60, 700, 14)...)
		y := 730.0
		for _, r := range first {
			p1 = append(p1, put(r[0], 60, y, s)...)
			p1 = append(p1, nums(y, s, cols, strings.Fields(r[1])...)...)
			y += 16
		}
		var p2 []layout.Glyph
		y = 80
		for _, l := range []string{"甲", "乙", "丙"} {
			p2 = append(p2, put(l, 60, y, s)...)
			p2 = append(p2, nums(y, s, cols, "1", "2", "3")...)
			y += 16
		}
		return []layout.PageGeom{page(1, p1, nil), page(2, p2, nil)}
	}
	blocks := build(t, mk([][2]string{{"一、本年新收", "7 8 15"}, {"二、上年结转", "0 1 1"}}))
	equalLists(t, "blocks", summary(blocks), []string{"p1 三、收到和处理政府信息公开申请情况", "p1 TABLE 5x4"})
	if ts := tables(blocks); len(ts) == 1 {
		equalLists(t, "cells", cellKeys(ts[0])[:8], []string{
			specKey(0, 0, 1, 1, "一、本年新收"), specKey(0, 1, 1, 1, "7"), specKey(0, 2, 1, 1, "8"), specKey(0, 3, 1, 1, "15"),
			specKey(1, 0, 1, 1, "二、上年结转"), specKey(1, 1, 1, 1, "0"), specKey(1, 2, 1, 1, "1"), specKey(1, 3, 1, 1, "1"),
		})
		if ts[0].Page != 1 || ts[0].LastPage != 2 {
			t.Errorf("table on pages %d–%d, want 1–2", ts[0].Page, ts[0].LastPage)
		}
	}
	// numbers in other columns: not the same table
	var p1 []layout.Glyph
	p1 = append(p1, put("三、收到和处理政府信息公开申请情况", 60, 700, 14)...)
	p1 = append(p1, put("合计", 60, 730, s)...)
	p1 = append(p1, putRight("99", 250, 730, s)...)
	pages := mk(nil)
	pages[0].Glyphs = p1
	equalLists(t, "blocks", summary(build(t, pages)), []string{"p1 三、收到和处理政府信息公开申请情况", "p1 合计 99", "p2 TABLE 3x4"})
}

// TestUnruledTableEnds checks what the label lines of an unruled table may
// not take: a line that reaches into the number columns ends the table,
// and a heading or a far line above or below it stays text.
func TestUnruledTableEnds(t *testing.T) {
	cols := []float64{330, 400, 470}
	const s = 10.0
	var gs []layout.Glyph
	gs = append(gs, put("表一", 60, 80, 14)...) // a heading right above: another size
	y := 100.0
	for _, l := range []string{"甲", "乙", "丙"} {
		gs = append(gs, put(l, 60, y, s)...)
		gs = append(gs, nums(y, s, cols, "1", "2", "3")...)
		y += 14
	}
	gs = append(gs, put("说明：以下各项单位均为件，统计口径与上年相同，数据由各科室报送汇总", 60, y, s)...)
	y += 14
	for _, l := range []string{"丁", "戊", "己"} {
		gs = append(gs, put(l, 60, y, s)...)
		gs = append(gs, nums(y, s, cols, "4", "5", "6")...)
		y += 14
	}
	gs = append(gs, put("注", 60, y+40, s)...) // far below: not a label of the table
	blocks := build(t, []layout.PageGeom{page(1, gs, nil)})
	equalLists(t, "blocks", summary(blocks), []string{
		"p1 表一", "p1 TABLE 3x4", "p1 说明:以下各项单位均为件,统计口径与上年相同,数据由各科室报送汇总", "p1 TABLE 3x4", "p1 注",
	})
}
