package html

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/testutil"
)

func extractString(t *testing.T, page string) *extract.Document {
	t.Helper()
	doc, err := Extract(context.Background(), "test.html", []byte(page), "")
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return doc
}

func onlyTable(t *testing.T, doc *extract.Document) *extract.Table {
	t.Helper()
	var tables []*extract.Table
	for _, b := range doc.Blocks {
		if b.Kind == extract.BlockTable {
			tables = append(tables, b.Table)
		}
	}
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1:\n%s", len(tables), testutil.Dump(doc))
	}
	return tables[0]
}

// cellsString renders cells as "r,c RxC text" in order.
func cellsString(tb *extract.Table) string {
	var parts []string
	for _, c := range tb.Cells {
		parts = append(parts, fmt.Sprintf("%d,%d %dx%d %s", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text))
	}
	return fmt.Sprintf("%dx%d: %s", tb.Rows, tb.Cols, strings.Join(parts, " | "))
}

func TestGrid(t *testing.T) {
	cases := []struct {
		name, html, want string
	}{
		{"plain",
			`<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>`,
			"2x2: 0,0 1x1 a | 0,1 1x1 b | 1,0 1x1 c | 1,1 1x1 d"},
		{"rowspan pushes right",
			`<table><tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>`,
			"2x2: 0,0 2x1 a | 0,1 1x1 b | 1,1 1x1 c"},
		{"header block of table 三",
			`<table><tr><td rowspan="3" colspan="3">x</td><td colspan="7">申请人情况</td></tr>
			 <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
			 <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr></table>`,
			"3x10: 0,0 3x3 x | 0,3 1x7 申请人情况 | 1,3 2x1 自然人 | 1,4 1x5 法人或其他组织 | 1,9 2x1 总计 | " +
				"2,4 1x1 商业企业 | 2,5 1x1 科研机构 | 2,6 1x1 社会公益组织 | 2,7 1x1 法律服务机构 | 2,8 1x1 其他"},
		{"colspan runs into a rowspan from above: cut",
			`<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td colspan=3>d</td><td>e</td></tr></table>`,
			"2x3: 0,0 1x1 a | 0,1 2x1 b | 0,2 1x1 c | 1,0 1x1 d | 1,2 1x1 e"},
		{"rowspan=0 reaches the end of its group only",
			`<table><tbody><tr><td rowspan=0>x</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></tbody>
			 <tbody><tr><td>y</td><td>z</td></tr></tbody></table>`,
			"4x2: 0,0 3x1 x | 0,1 1x1 1 | 1,1 1x1 2 | 2,1 1x1 3 | 3,0 1x1 y | 3,1 1x1 z"},
		{"rowspan past the group is cut at its end",
			`<table><thead><tr><td rowspan=5>h</td><td>1</td></tr><tr><td>2</td></tr></thead>
			 <tbody><tr><td>a</td><td>b</td></tr></tbody></table>`,
			"3x2: 0,0 2x1 h | 0,1 1x1 1 | 1,1 1x1 2 | 2,0 1x1 a | 2,1 1x1 b"},
		{"huge rowspan clamped",
			`<table><tr><td rowspan=99999>a</td><td>b</td></tr><tr><td>c</td></tr></table>`,
			"2x2: 0,0 2x1 a | 0,1 1x1 b | 1,1 1x1 c"},
		{"colspan 0, junk and huge",
			`<table><tr><td colspan=0>a</td><td colspan="x">b</td><td colspan=" 2px">c</td></tr><tr><td colspan=5000>d</td></tr></table>`,
			"2x1000: 0,0 1x1 a | 0,1 1x1 b | 0,2 1x2 c | 1,0 1x1000 d"},
		{"tfoot goes last",
			`<table><tfoot><tr><td>f</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody><thead><tr><td>h</td></tr></thead></table>`,
			"3x1: 0,0 1x1 b | 1,0 1x1 h | 2,0 1x1 f"},
		{"empty row counts",
			`<table><tr><td>a</td></tr><tr></tr><tr><td>b</td></tr></table>`,
			"3x1: 0,0 1x1 a | 2,0 1x1 b"},
		{"ragged rows",
			`<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>`,
			"2x3: 0,0 1x1 a | 0,1 1x1 b | 0,2 1x1 c | 1,0 1x1 d"},
		{"th and td mixed, caption before",
			`<table><caption>表一</caption><tr><th>h1</th><td>v</td></tr><tr><th>h2</th><td>w</td></tr></table>`,
			"2x2: 0,0 1x1 h1 | 0,1 1x1 v | 1,0 1x1 h2 | 1,1 1x1 w"},
		{"unclosed cells and rows",
			`<table><tr><td>1<td>2<tr><td>3<td>4</table>`,
			"2x2: 0,0 1x1 1 | 0,1 1x1 2 | 1,0 1x1 3 | 1,1 1x1 4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := onlyTable(t, extractString(t, tc.html))
			if got := cellsString(tb); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestGridCaptionIsText(t *testing.T) {
	doc := extractString(t, `<table><caption>表一</caption><tr><td>a</td><td>b</td></tr></table>`)
	if len(doc.Blocks) != 2 || doc.Blocks[0].Text != "表一" || doc.Blocks[1].Kind != extract.BlockTable {
		t.Errorf("blocks:\n%s", testutil.Dump(doc))
	}
}

func TestBuildGridDirect(t *testing.T) {
	// rowspan 0 and an overlap built directly, without the parser.
	tb := buildGrid([]rawGroup{{
		{{rowSpan: 0, colSpan: 2, text: "a"}, {rowSpan: 1, colSpan: 1, text: "b"}},
		{{rowSpan: 1, colSpan: 2, text: "c"}},
		{},
	}})
	want := "3x4: 0,0 3x2 a | 0,2 1x1 b | 1,2 1x2 c"
	if got := cellsString(tb); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if buildGrid(nil) != nil || buildGrid([]rawGroup{{{}, {}}}) != nil {
		t.Error("a table without cells must give nil")
	}
}

func TestParseSpan(t *testing.T) {
	cases := []struct {
		v           string
		def, lo, hi int
		want        int
	}{
		{"", 1, 1, 1000, 1},
		{"3", 1, 1, 1000, 3},
		{" 4 ", 1, 1, 1000, 4},
		{"+2", 1, 1, 1000, 2},
		{"2.5", 1, 1, 1000, 2},
		{"0", 1, 1, 1000, 1},
		{"0", 1, 0, 65534, 0},
		{"-3", 1, 0, 65534, 1},
		{"abc", 1, 1, 1000, 1},
		{"1001", 1, 1, 1000, 1000},
		{"99999999999999999999999", 1, 0, 65534, 65534},
	}
	for _, tc := range cases {
		if got := parseSpan(tc.v, tc.def, tc.lo, tc.hi); got != tc.want {
			t.Errorf("parseSpan(%q, %d, %d, %d) = %d, want %d", tc.v, tc.def, tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestCellText(t *testing.T) {
	cases := []struct{ cell, want string }{
		{`<p>商业</p><p>企业</p>`, "商业企业"},
		{`本年新<br/>制作数量`, "本年新制作数量"},
		{`<p>结果<br />纠正</p>`, "结果纠正"},
		{`&nbsp;`, ""},
		{`<p><span><o:p> </o:p></span></p>`, ""},
		{"\u3000", ""},
		{`服<span style="x">务</span>`, "服务"},
		{`<p>法律</p><p>服<span>务</span>` + "\n &nbsp; &nbsp; &nbsp;</p><p><span>机构</span>\n &nbsp;</p>", "法律服务机构"},
		{"\n      商业\n      企业\n   ", "商业企业"},
		{`<span>三</span><span>、本</span><span>年</span><span>度</span>`, "三、本年度"},
		{`<p>1</p><p>2</p>`, "1 2"},
		{`２６`, "26"},
		{`（三）不予公开`, "(三)不予公开"},
		{`<p><span lang=EN-US>5949.088667</span></p>`, "5949.088667"},
		{`危及“三安全<br>一稳定”`, "危及“三安全一稳定”"},
		{`Total<br>count`, "Total count"},
		{`<script>var x=1;</script>7`, "7"},
	}
	for _, tc := range cases {
		tb := onlyTable(t, extractString(t, `<table><tr><td>`+tc.cell+`</td><td>x</td></tr></table>`))
		if got := tb.Cells[0].Text; got != tc.want {
			t.Errorf("cell %q = %q, want %q", tc.cell, got, tc.want)
		}
	}
}
