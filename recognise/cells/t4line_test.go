package cells

import (
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

	// not a table 四: fourteen numbers, a decimal, or the line past the
	// next section heading or too far down
	for name, ls := range map[string][]string{
		"fourteen": append(append([]string{"四、政府信息公开行政复议、行政诉讼情况"}, header...), "0 0 3 0 3 0 1 0 1 2 0 0 1 0"),
		"decimal":  append(append([]string{"四、政府信息公开行政复议、行政诉讼情况"}, header...), "0 0 3 0 3 0 1 0 1 2 0 0 1 0 1.5"),
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

func docOf(lines []string) *extract.Document {
	parts := make([]interface{}, len(lines))
	for i, l := range lines {
		parts[i] = l
	}
	return doc(parts...)
}
