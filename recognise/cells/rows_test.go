package cells

import (
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/recognise/template"
)

// t3GridRows is a complete 2021 table 三 (grid rows), with the rows named in
// drop left out and the label of unlabel blanked.
func t3GridRows(drop map[string]bool, unlabel string) []string {
	head := []string{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|申请人情况", "自然人|法人或其他组织|总计", "商业企业|科研机构|社会公益组织|法律服务机构|其他"}
	var rows [][2]string
	for _, r := range template.T3RowsFor(template.V2021) {
		if drop[r.Key] {
			continue
		}
		v := "0 0 0 0 0 0 0"
		switch r.Key {
		case "new", "granted", "total":
			v = "2 0 0 0 0 0 2"
		}
		label := r.Label
		if r.Key == unlabel {
			label = ""
		}
		rows = append(rows, [2]string{label, v})
	}
	return append(head, t3Grid(rows)...)
}

var t4GridRows = []string{"行政复议|行政诉讼", "结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉",
	"结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计",
	"0|0|0|0|0|0|0|0|0|0|0|0|0|0|0"}

// A row the report leaves out (no label, no numbers) is a missing row; a row
// printed without numbers is not (its cells are blank or unreadable).
func TestMissingRowsGrid(t *testing.T) {
	d := doc(
		"二、主动公开政府信息情况",
		"本机关严格执行行政规范性文件的公开要求。",
		[]string{"第二十条第（一）项", "信息内容|本年制发件数|本年废止件数|现行有效件数", "行政规范性文件|3|0|12",
			"第二十条第（五）项", "信息内容|本年处理决定数量", "行政许可|44", "行政处罚|5", "行政强制|", "第二十条第（八）项", "信息内容|本年收费金额（单位：万元）", "行政事业性收费|0"},
		"三、收到和处理政府信息公开申请情况",
		t3GridRows(map[string]bool{"denied.query": true}, ""),
		"四、政府信息公开行政复议、行政诉讼情况",
		t4GridRows,
	)
	res := Recognise(d, template.VUnknown)
	if got := res.Tables.T2.MissingRows; !reflect.DeepEqual(got, []string{"regulations"}) {
		t.Errorf("table 二 missing rows = %v, want [regulations] (行政强制 is printed, blank)", got)
	}
	if got := res.Tables.T3.MissingRows; !reflect.DeepEqual(got, []string{"denied.query"}) {
		t.Errorf("table 三 missing rows = %v, want [denied.query]", got)
	}
	if res.Tables.T2.Unplaced != 0 || res.Tables.T3.Unplaced != 0 {
		t.Errorf("unplaced rows %d/%d, want none", res.Tables.T2.Unplaced, res.Tables.T3.Unplaced)
	}
	if c := res.Cells["t2.coercion.decisions"]; c.Value.Valid {
		t.Errorf("行政强制 printed blank: %+v", c)
	}
}

// 3.其他 left out of （六）其他处理: its bare label 其他 is a column header,
// so only the numbered label counts as the row.
func TestMissingRowsShortLabel(t *testing.T) {
	d := doc("三、收到和处理政府信息公开申请情况", t3GridRows(map[string]bool{"other.other": true}, ""), "四、政府信息公开行政复议、行政诉讼情况", t4GridRows)
	res := Recognise(d, template.VUnknown)
	if got := res.Tables.T3.MissingRows; !reflect.DeepEqual(got, []string{"other.other"}) {
		t.Errorf("table 三 missing rows = %v, want [other.other] (notes %v)", got, res.Notes)
	}
}

// A table whose rows are all printed has no missing rows, even when a label
// was lost and the row was placed by position.
func TestMissingRowsNoneWhenPrinted(t *testing.T) {
	d := doc("三、收到和处理政府信息公开申请情况", t3GridRows(nil, "unable.needs_creation"), "四、政府信息公开行政复议、行政诉讼情况", t4GridRows)
	res := Recognise(d, template.VUnknown)
	if !res.Tables.T3.Found || len(res.Tables.T3.MissingRows) != 0 || res.Tables.T3.Unplaced != 0 {
		t.Errorf("table 三 %+v, want found with no missing row", res.Tables.T3)
	}
	if c := res.Cells["t3.unable.needs_creation.total"]; !c.Value.Valid || c.Value.V != 0 {
		t.Errorf("unlabelled row not placed: %+v", c)
	}
}

// Two unlabelled rows next to a missing one cannot be placed: the missing
// row may be among them (Unplaced), and the label search still reports the
// rows whose labels are absent.
func TestMissingRowsUnplaced(t *testing.T) {
	rows := t3GridRows(map[string]bool{"denied.query": true}, "denied.process")
	// blank the label of the row before as well: two unlabelled rows for
	// three slots between anchors
	for i, r := range rows {
		if len(r) > len("7.属于行政执法案卷") && r[:len("7.属于行政执法案卷")] == "7.属于行政执法案卷" {
			rows[i] = r[len("7.属于行政执法案卷"):]
		}
	}
	d := doc("三、收到和处理政府信息公开申请情况", rows, "四、政府信息公开行政复议、行政诉讼情况", t4GridRows)
	res := Recognise(d, template.VUnknown)
	if res.Tables.T3.Unplaced != 2 {
		t.Errorf("unplaced = %d, want 2 (notes %v)", res.Tables.T3.Unplaced, res.Notes)
	}
}

// A grid table whose last row lost its rules: the row is a text line after
// the grid, printed, so it is not missing (even though the grid reader did
// not read it).
func TestMissingRowsTextAfterGrid(t *testing.T) {
	rows := t3GridRows(map[string]bool{"carried_forward": true}, "")
	d := doc("三、收到和处理政府信息公开申请情况", rows, "四、结转下年度继续办理 0 0 0 0 0 0 0", "四、政府信息公开行政复议、行政诉讼情况", t4GridRows)
	res := Recognise(d, template.VUnknown)
	if got := res.Tables.T3.MissingRows; len(got) != 0 {
		t.Errorf("table 三 missing rows = %v, want none (the row is a text line)", got)
	}
}

// Flattened text: the rows are found by label in the stream; prose before
// the table that names 规章 does not count as the row.
func TestMissingRowsStream(t *testing.T) {
	body := "二、主动公开政府信息情况本机关严格执行规章公开要求。第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数行政规范性文件3012" +
		"第二十条第（五）项信息内容本年处理决定数量行政许可44第二十条第（六）项行政处罚5行政强制0第二十条第（八）项行政事业性收费0" +
		"三、收到和处理政府信息公开申请情况"
	res := Recognise(doc(body), template.V2021)
	if got := res.Tables.T2.MissingRows; !reflect.DeepEqual(got, []string{"regulations"}) {
		t.Errorf("stream table 二 missing rows = %v, want [regulations]", got)
	}
}
