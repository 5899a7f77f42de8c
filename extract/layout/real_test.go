package layout_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdf"

	"github.com/nianbao/nianbao/internal/testutil"
)

func realBlocks(t testing.TB, name string) []extract.Block {
	t.Helper()
	path := name
	if !filepath.IsAbs(name) {
		path = filepath.Join(testutil.Shared(t), "corpus", "real", name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s: %v", name, err)
	}
	pages, _, _, err := pdf.Pages(bytes.NewReader(data), int64(len(data)), pdf.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return build(t, pages)
}

// dumpTable prints a table as rows of cells (for NIANBAO_DUMP=1).
func dumpTable(tb *extract.Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "table p%d-%d %dx%d\n", tb.Page, tb.LastPage, tb.Rows, tb.Cols)
	row := -1
	for _, c := range tb.Cells {
		if c.Row != row {
			row = c.Row
			fmt.Fprintf(&b, "\n r%02d:", row)
		}
		span := ""
		if c.RowSpan > 1 || c.ColSpan > 1 {
			span = fmt.Sprintf("[%dx%d]", c.RowSpan, c.ColSpan)
		}
		fmt.Fprintf(&b, " |c%d%s p%d %s", c.Col, span, c.Page, c.Text)
	}
	return b.String()
}

func TestRealDump(t *testing.T) {
	if os.Getenv("NIANBAO_DUMP") == "" {
		t.Skip("set NIANBAO_DUMP=file.pdf to print a real file's blocks")
	}
	for _, b := range realBlocks(t, os.Getenv("NIANBAO_DUMP")) {
		if b.Kind == extract.BlockTable {
			t.Logf("%s", dumpTable(b.Table))
		} else {
			t.Logf("p%d y%.0f %s", b.Page, b.Box.Y0, b.Text)
		}
	}
}

// findTable returns the tables whose cells contain text.
func findTable(blocks []extract.Block, text string) []*extract.Table {
	var out []*extract.Table
	for _, b := range blocks {
		if b.Kind != extract.BlockTable {
			continue
		}
		for _, c := range b.Table.Cells {
			if c.Text == text {
				out = append(out, b.Table)
				break
			}
		}
	}
	return out
}

// rowText joins the texts of grid row r from column c0 on, one entry per
// grid column (a spanning cell repeats).
func rowText(tb *extract.Table, r, c0 int) string {
	g := tb.Grid()
	var parts []string
	for c := c0; c < tb.Cols; c++ {
		if i := g[r][c]; i >= 0 {
			parts = append(parts, tb.Cells[i].Text)
		} else {
			parts = append(parts, "_")
		}
	}
	return strings.Join(parts, " ")
}

func cellAt(tb *extract.Table, r, c int) *extract.Cell {
	for i := range tb.Cells {
		if tb.Cells[i].Row == r && tb.Cells[i].Col == c {
			return &tb.Cells[i]
		}
	}
	return nil
}

// The numbers below were read off the rendered pages (pdftoppm) and checked
// against pdftotext -layout; the table 三 figures satisfy the form's own
// check 一+二 = （七）+四 in every column.
var realCases = []struct {
	file        string
	pages3      [2]int // table 三 first and last page
	rows3       int
	label3Rows  int // rowspan of 三、本年度办理结果
	data3       []string
	pages2      [2]int
	permit, fee string // table 二: 行政许可, 行政事业性收费
	table4      string // data row of table 四
	sevenSpan   int    // colspan of （七）总计 (one WPS file rules it off from the 3rd label column)
}{
	{
		file: "2023_jiangsu_huaian_hongze_district.pdf", pages3: [2]int{3, 4}, rows3: 26, label3Rows: 20,
		data3: []string{
			"21 0 0 0 0 0 21", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "4 0 0 0 0 0 4",
			"1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
			"1 0 0 0 0 0 1", "1 0 0 0 0 0 1", "0 0 0 0 0 0 0",
			"10 0 0 0 0 0 10", "3 0 0 0 0 0 3", "0 0 0 0 0 0 0",
			"1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
			"0 0 0 0 0 0 0", "21 0 0 0 0 0 21", "0 0 0 0 0 0 0",
		},
		pages2: [2]int{2, 3}, permit: "550", fee: "7730.28",
		table4: "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0", sevenSpan: 2,
	},
	{
		file: "2024_jiangsu_huaian_hongze_district.pdf", pages3: [2]int{3, 4}, rows3: 26, label3Rows: 20,
		data3: []string{
			"95 0 0 0 0 0 95", "0 0 0 0 0 0 0", "50 0 0 0 0 0 50", "9 0 0 0 0 0 9",
			"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
			"1 0 0 0 0 0 1", "1 0 0 0 0 0 1", "0 0 0 0 0 0 0",
			"31 0 0 0 0 0 31", "1 0 0 0 0 0 1", "0 0 0 0 0 0 0",
			"1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
			"0 0 0 0 0 0 0", "95 0 0 0 0 0 95", "0 0 0 0 0 0 0",
		},
		pages2: [2]int{2, 3}, permit: "9487", fee: "7545",
		table4: "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3", sevenSpan: 1,
	},
	{
		file: "2024_jiangsu_huaian_city.pdf", pages3: [2]int{4, 5}, rows3: 28, label3Rows: 22,
		data3: []string{
			"3001 53 0 0 61 4 3119", "34 0 0 0 0 0 34", "1288 21 0 0 50 3 1362", "447 7 0 0 0 0 454",
			"2 0 0 0 0 0 2", "30 1 0 0 0 0 31", "5 0 0 0 0 0 5", "6 0 0 0 0 0 6", "7 1 0 0 0 0 8",
			"12 0 0 0 0 0 12", "9 0 0 0 0 0 9", "105 0 0 0 0 0 105",
			"746 12 0 0 10 1 769", "11 0 0 0 0 0 11", "1 0 0 0 0 0 1",
			"56 6 0 0 0 0 62", "25 0 0 0 0 0 25", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1",
			"67 3 0 0 1 0 71", "6 0 0 0 0 0 6", "108 2 0 0 0 0 110",
			"2932 53 0 0 61 4 3050", "103 0 0 0 0 0 103",
		},
		pages2: [2]int{3, 4}, permit: "447228", fee: "96171.6",
		table4: "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20", sevenSpan: 2,
	},
}

func TestRealTables(t *testing.T) {
	for _, rc := range realCases {
		t.Run(rc.file, func(t *testing.T) {
			blocks := realBlocks(t, rc.file)
			for _, b := range blocks {
				if b.Kind == extract.BlockText && (strings.Trim(b.Text, "- 0123456789") == "") {
					t.Errorf("page number left in the text: p%d %q", b.Page, b.Text)
				}
			}
			// table 三: one stitched grid
			ts := findTable(blocks, "申请人情况")
			if len(ts) != 1 {
				t.Fatalf("%d tables with 申请人情况, want 1", len(ts))
			}
			t3 := ts[0]
			if t3.Page != rc.pages3[0] || t3.LastPage != rc.pages3[1] || t3.Rows != rc.rows3 || t3.Cols != 10 {
				t.Errorf("table 三: pages %d–%d %dx%d, want %d–%d %dx10", t3.Page, t3.LastPage, t3.Rows, t3.Cols,
					rc.pages3[0], rc.pages3[1], rc.rows3)
			}
			if t3.Rows != rc.rows3 || t3.Cols != 10 {
				t.FailNow()
			}
			checkCell := func(r, c, rs, cs int, text string) {
				t.Helper()
				cell := cellAt(t3, r, c)
				if cell == nil || cell.RowSpan != rs || cell.ColSpan != cs || cell.Text != text {
					t.Errorf("cell %d,%d = %+v, want %dx%d %q", r, c, cell, rs, cs, text)
				}
			}
			checkCell(0, 0, 3, 3, "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)")
			checkCell(0, 3, 1, 7, "申请人情况")
			checkCell(1, 4, 1, 5, "法人或其他组织")
			checkCell(1, 9, 2, 1, "总计")
			checkCell(2, 4, 1, 1, "商业企业")
			checkCell(3, 0, 1, 3, "一、本年新收政府信息公开申请数量")
			checkCell(5, 0, rc.label3Rows, 1, "三、本年度办理结果")
			checkCell(7, 1, 8, 1, "(三)不予公开")
			// rowspan 3 across the page break; in the city file the label
			// text itself is cut by the page (（四）无 | 法提供)
			checkCell(15, 1, 3, 1, "(四)无法提供")
			checkCell(rc.rows3-1, 0, 1, 3, "四、结转下年度继续办理")
			checkCell(rc.rows3-2, 1, 1, rc.sevenSpan, "(七)总计")
			var got []string
			for r := 3; r < t3.Rows; r++ {
				got = append(got, rowText(t3, r, 3))
			}
			equalLists(t, "table 三 numbers", got, rc.data3)
			for _, c := range t3.Cells {
				if c.Page < t3.Page || c.Page > t3.LastPage {
					t.Errorf("cell %d,%d on page %d", c.Row, c.Col, c.Page)
				}
			}

			// table 二: stitched too
			ts = findTable(blocks, "第二十条第(一)项")
			if len(ts) != 1 {
				t.Fatalf("%d tables with 第二十条第(一)项, want 1", len(ts))
			}
			t2 := ts[0]
			if t2.Page != rc.pages2[0] || t2.LastPage != rc.pages2[1] || t2.Rows != 14 || t2.Cols != 4 {
				t.Errorf("table 二: pages %d–%d %dx%d, want %d–%d 14x4", t2.Page, t2.LastPage, t2.Rows, t2.Cols, rc.pages2[0], rc.pages2[1])
			} else {
				// the value cell spans the three value columns, so it repeats
				three := func(v string) string { return strings.Join([]string{v, v, v}, " ") }
				equalLists(t, "table 二", []string{rowText(t2, 6, 0), rowText(t2, 13, 0)},
					[]string{"行政许可 " + three(rc.permit), "行政事业性收费 " + three(rc.fee)})
			}

			// table 四
			ts = findTable(blocks, "复议后起诉")
			if len(ts) != 1 {
				t.Fatalf("%d tables with 复议后起诉, want 1", len(ts))
			}
			t4 := ts[0]
			if t4.Rows != 4 || t4.Cols != 15 {
				t.Fatalf("table 四 %dx%d, want 4x15", t4.Rows, t4.Cols)
			}
			if got := rowText(t4, 3, 0); got != rc.table4 {
				t.Errorf("table 四 data row %q, want %q", got, rc.table4)
			}
		})
	}
}

// BenchmarkBuildReal lays out the pages of the three real reports (the
// interpretation by extract/pdf is done once, outside the timer).
func BenchmarkBuildReal(b *testing.B) {
	var all [][]layout.PageGeom
	n := 0
	for _, rc := range realCases {
		path := filepath.Join(testutil.Shared(b), "corpus", "real", rc.file)
		data, err := os.ReadFile(path)
		if err != nil {
			b.Skipf("%s: %v", rc.file, err)
		}
		pages, _, _, err := pdf.Pages(bytes.NewReader(data), int64(len(data)), pdf.Options{})
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, pages)
		n += len(pages)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, pages := range all {
			layout.Build(pages)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e3, "µs/page")
}

// BenchmarkPagesReal is the interpretation cost of the same files, for
// comparison.
func BenchmarkPagesReal(b *testing.B) {
	var files [][]byte
	for _, rc := range realCases {
		data, err := os.ReadFile(filepath.Join(testutil.Shared(b), "corpus", "real", rc.file))
		if err != nil {
			b.Skipf("%s: %v", rc.file, err)
		}
		files = append(files, data)
	}
	n := 0
	for b.Loop() {
		for _, data := range files {
			pages, _, _, _ := pdf.Pages(bytes.NewReader(data), int64(len(data)), pdf.Options{})
			n += len(pages)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n)/1e3, "µs/page")
}
