package cells

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/template"
)

// Table 四 printed without rules comes out of the PDF as text: the header
// words wrapped over several lines (总 and 计 apart, so no "总计" to read
// the numbers after) and the data row as one line of fifteen numbers.
func TestStreamT4NumbersLine(t *testing.T) {
	row := "0 0 3 0 3 0 1 0 1 2 0 0 1 0 1"
	header := []string{"行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
		"结果 结果 其他 尚未 总", "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总",
		"维持 纠正 结果 审结 计 维持 纠正 结果 审结 计"}
	lines := append([]string{"四、政府信息公开行政复议、行政诉讼情况", "2024年,我局共发生政府信息公开行政复议案件3件、行政诉讼案件3件。"}, header...)
	lines = append(lines, row, "五、存在的主要问题及改进情况", "无。")
	res := Recognise(docOf(lines), template.V2021)
	if !res.Tables.T4.Found || res.Reader.T4 != "stream" {
		t.Fatalf("table 四 not found: %+v reader %q", res.Tables.T4, res.Reader.T4)
	}
	want := strings.Fields(row)
	for i, k := range template.T4Keys() {
		c, ok := res.Cells[k]
		if !ok || !c.Value.Valid || c.Value.V != float64(want[i][0]-'0') || c.Uncertain {
			t.Errorf("%s = %+v, want %s", k, c, want[i])
		}
	}
	if len(res.Cells) != 15 {
		t.Errorf("%d cells, want the 15 of table 四", len(res.Cells))
	}

	// not a table 四: nine numbers, a decimal, or the line past the
	// next section heading or too far down
	for name, ls := range map[string][]string{
		"nine":    append(append([]string{"四、政府信息公开行政复议、行政诉讼情况"}, header...), "0 0 3 0 3 0 1 0 1"),
		"decimal": append(append([]string{"四、政府信息公开行政复议、行政诉讼情况"}, header...), "0 0 3 0 3 0 1 0 1 2 0 0 1 0 1.5"),
		"next section": append(append([]string{"四、政府信息公开行政复议、行政诉讼情况"}, header...),
			"五、存在的主要问题及改进情况", row),
		"too far": append(append([]string{"四、政府信息公开行政复议、行政诉讼情况", "行政复议"}, strings.Split(strings.Repeat("说明文字。\n", t4LineWindow), "\n")...), row),
	} {
		res := Recognise(docOf(ls), template.V2021)
		if res.Tables.T4.Found {
			t.Errorf("%s: table 四 found: %v", name, res.Cells)
		}
	}
}

// A data row with fewer numbers than cells (one not printed, or cut off at
// the page's edge, as LibreOffice does with a wide borderless table in a
// large font) is table 四, not "no table 四", and never the numbers shifted
// into the wrong columns: when only one cell can be the empty one the
// numbers go to their cells and that one is unread, otherwise every cell is
// unread; two numbers printed as one are cut where every group adds up.
func TestStreamT4ShortRow(t *testing.T) {
	header := []string{"行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
		"结果 结果 其他 尚未", "总计 结果 结果 其他 尚未 结果 结果 其他 尚未",
		"维持 纠正 结果 审结 总计", "维持 纠正 结果 审结 维持 纠正 结果 审结"}
	read := func(row string) Result {
		t.Helper()
		lines := append([]string{"四、政府信息公开行政复议、行政诉讼情况", "2023年,我办共发生政府信息公开行政复议案件140件、行政诉讼案件53件。"}, header...)
		lines = append(lines, row, "五、存在的主要问题及改进情况", "无。")
		res := Recognise(docOf(lines), template.V2021)
		if !res.Tables.T4.Found || res.Reader.T4 != "stream" {
			t.Fatalf("%q: table 四 not found: %+v reader %q", row, res.Tables.T4, res.Reader.T4)
		}
		return res
	}

	// the last total (21) not printed: only that cell can be the empty one
	// (were a part missing, 0+17+0 would exceed the total 4), so the numbers
	// go to their cells and that one is unread
	res := read("59 18 11 52 140 1 15 0 16 32 0 17 0 4")
	want := strings.Fields("59 18 11 52 140 1 15 0 16 32 0 17 0 4 -")
	for i, k := range template.T4Keys() {
		c := res.Cells[k]
		if want[i] == "-" {
			if c.Value.Valid || !c.Uncertain {
				t.Errorf("%s = %+v, want unread", k, c)
			}
			continue
		}
		if !c.Value.Valid || strconv.FormatFloat(c.Value.V, 'f', -1, 64) != want[i] || c.Uncertain || c.Text != want[i] {
			t.Errorf("%s = %+v, want %s", k, c, want[i])
		}
	}

	// nothing says which cell is empty (every cell fits a row of zeros; no
	// cell fits a row whose groups do not add up; two numbers missing): every
	// cell unread, the row's text kept
	for _, row := range []string{"0 0 0 0 0 0 0 0 0 0 0 0 0 0", "59 18 11 52 141 1 15 0 16 32 0 17 0 4",
		"59 18 11 52 140 1 15 0 16 32 0 17 4"} {
		res := read(row)
		for _, k := range template.T4Keys() {
			c := res.Cells[k]
			if c.Value.Valid || !c.Uncertain || c.Text != row {
				t.Errorf("%q: %s = %+v, want unread with the row's text", row, k, c)
			}
		}
	}

	// "0 4" printed as "04" cannot be cut (no leading zero) and "17 0" as
	// "170" can: 0 17 0 4 21 → 0 170 4 21 is read back whole
	res = read("59 18 11 52 140 1 15 0 16 32 0 170 4 21")
	want = strings.Fields("59 18 11 52 140 1 15 0 16 32 0 17 0 4 21")
	for i, k := range template.T4Keys() {
		c := res.Cells[k]
		if !c.Value.Valid || strconv.FormatFloat(c.Value.V, 'f', -1, 64) != want[i] || c.Uncertain {
			t.Errorf("%s = %+v, want %s", k, c, want[i])
		}
	}
}

func docOf(lines []string) *extract.Document {
	parts := make([]interface{}, len(lines))
	for i, l := range lines {
		parts[i] = l
	}
	return doc(parts...)
}
