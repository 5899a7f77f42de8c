package cells

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise/template"
)

// t4Want checks table 四's cells: the printed groups' values in order, the
// missing groups' cells null.
func t4Want(t *testing.T, name string, res Result, missing []string, values string) {
	t.Helper()
	if !res.Tables.T4.Found {
		t.Fatalf("%s: table 四 not found (notes %v)", name, res.Notes)
	}
	if got := res.Tables.T4.MissingGroups; !reflect.DeepEqual(got, missing) {
		t.Errorf("%s: missing groups = %v, want %v", name, got, missing)
	}
	vals := strings.Fields(values)
	j := 0
	for _, g := range template.T4Groups {
		out := false
		for _, m := range missing {
			out = out || m == g.Key
		}
		for _, c := range template.T4Columns {
			k := template.T4Key(g.Key, c.Key)
			cell, ok := res.Cells[k]
			switch {
			case !ok:
				t.Errorf("%s: no cell %s", name, k)
			case out && cell.Value.Valid:
				t.Errorf("%s: %s of a group not printed = %v", name, k, cell.Value)
			case !out && (!cell.Value.Valid || cell.Value.V != float64(vals[j][0]-'0') || cell.Uncertain):
				t.Errorf("%s: %s = %+v, want %s", name, k, cell, vals[j])
			}
			if !out {
				j++
			}
		}
	}
}

// A table 四 whose header names only some of the three column groups and
// whose data row has exactly five numbers per named group does not print
// the other groups: they are missing (not unreadable), and the numbers go
// to the groups that are printed.
func TestT4MissingGroupGrid(t *testing.T) {
	noAfterReview := []string{"行政复议|行政诉讼", "结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉",
		"结果维持|结果纠正|其他结果|尚未审结|总计",
		"1|0|0|1|2|0|1|0|0|1"}
	res := Recognise(doc("四、政府信息公开行政复议、行政诉讼情况", noAfterReview, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	t4Want(t, "no 复议后起诉", res, []string{"suit_after_review"}, "1 0 0 1 2 0 1 0 0 1")

	noReview := []string{"行政诉讼", "未经复议直接起诉|复议后起诉",
		"结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计",
		"0|1|0|0|1|0|0|0|0|0"}
	res = Recognise(doc("四、因政府信息公开工作被提起行政诉讼情况", noReview, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	t4Want(t, "no 行政复议", res, []string{"review"}, "0 1 0 0 1 0 0 0 0 0")

	// all three groups named: fifteen cells, nothing missing (the blank
	// cells of a printed group are blank, not missing)
	res = Recognise(doc("四、政府信息公开行政复议、行政诉讼情况", t4GridRows, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	t4Want(t, "complete", res, nil, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0")

	// a group named but the row has ten numbers: not a missing group (the
	// numbers do not say which group is short), read as before
	short := append(append([]string(nil), t4GridRows[:3]...), "0|0|0|0|0|0|0|0|0|0")
	res = Recognise(doc("四、政府信息公开行政复议、行政诉讼情况", short, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	if len(res.Tables.T4.MissingGroups) != 0 {
		t.Errorf("ten numbers under three named groups: missing %v", res.Tables.T4.MissingGroups)
	}

	// no group named at all (the header was not read): nothing concluded
	res = Recognise(doc("四、政府信息公开行政复议、行政诉讼情况", []string{"0|0|0|0|0|0|0|0|0|0"}, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	if len(res.Tables.T4.MissingGroups) != 0 {
		t.Errorf("no header: missing %v", res.Tables.T4.MissingGroups)
	}
}

// The same in text: the header words and the numbers after the last 总计
// (a table flattened into text), and an unruled table whose data row is a
// line of numbers.
func TestT4MissingGroupStream(t *testing.T) {
	flat := []string{"四、政府信息公开行政复议、行政诉讼情况",
		"行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 结果维持 结果纠正 其他结果 尚未审结 总计 2 0 0 0 2 0 0 1 0 1",
		"五、存在的主要问题及改进情况", "无。"}
	res := Recognise(docOf(flat), template.V2021)
	t4Want(t, "flattened", res, []string{"suit_after_review"}, "2 0 0 0 2 0 0 1 0 1")

	unruled := []string{"四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "复议后起诉",
		"结果 结果 其他 尚未 总 结果 结果 其他 尚未 总", "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计",
		"0 0 1 0 1 1 0 0 0 1", "五、存在的主要问题及改进情况", "无。"}
	res = Recognise(docOf(unruled), template.V2021)
	t4Want(t, "unruled", res, []string{"suit_direct"}, "0 0 1 0 1 1 0 0 0 1")
}

// A table 四 that prints 行政诉讼 as one group (no 未经复议直接起诉 / 复议后起诉
// under it) and ten numbers: 行政复议's five are read, the two 行政诉讼
// groups are missing and the table is marked undivided.
func TestT4UndividedSuit(t *testing.T) {
	undivided := []string{"行政复议|行政诉讼", "结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计",
		"1|0|0|1|2|0|1|0|0|1"}
	res := Recognise(doc("四、政府信息公开行政复议、行政诉讼情况", undivided, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	t4Want(t, "undivided grid", res, []string{"suit_direct", "suit_after_review"}, "1 0 0 1 2")
	if !res.Tables.T4.SuitUndivided {
		t.Errorf("undivided grid: SuitUndivided not set")
	}
	flat := []string{"四、政府信息公开行政复议、行政诉讼情况",
		"行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 2 0 0 0 2 0 0 1 0 1",
		"五、存在的主要问题及改进情况", "无。"}
	res = Recognise(docOf(flat), template.V2021)
	t4Want(t, "undivided text", res, []string{"suit_direct", "suit_after_review"}, "2 0 0 0 2")
	if !res.Tables.T4.SuitUndivided {
		t.Errorf("undivided text: SuitUndivided not set")
	}
	// 行政复议 alone with five numbers: 行政诉讼 is not printed at all
	alone := []string{"行政复议", "结果维持|结果纠正|其他结果|尚未审结|总计", "0|0|1|0|1"}
	res = Recognise(doc("四、政府信息公开行政复议情况", alone, "五、存在的主要问题及改进情况", "无。"), template.V2021)
	t4Want(t, "review alone", res, []string{"suit_direct", "suit_after_review"}, "0 0 1 0 1")
	if res.Tables.T4.SuitUndivided {
		t.Errorf("review alone: marked undivided")
	}
}
