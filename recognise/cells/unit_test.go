package cells

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise/template"
)

func TestMatchT3(t *testing.T) {
	cases := []struct {
		in   string
		want string
	}{
		{"1.属于国家秘密", "denied.state_secret"},
		{"2.其他法律行政止公开", "denied.law_forbidden"}, // 法规禁 missing (洪泽区 2023)
		{"2、其他法律行政法规禁止公开", "denied.law_forbidden"},
		{"2．其他法律行政法规禁止公开", "denied.law_forbidden"},
		{"1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction"},
		{"3.危及\"三安全一稳定\"", "denied.three_safety"},
		{"3.危及＂三安全一稳定＂", "denied.three_safety"},
		{"3.危及“三安全一稳定”", "denied.three_safety"},
		{"（二） 部分公开（区分处理的， 只计这一情形， 不计其他情形）", "partial"},
		{"三、 本年 度办 理结 果", ""},
		{"（六）其他处理", "other.all"},
		{"3.其他", "other.other"},
		{"(七)总计", "total"},
		{"四、结转下年度继续办理", "carried_forward"},
		{"5.要求行政机关确认或重新出具已获取信息", "rejected.confirm"},
		{"1.信访举报投诉类申请", "rejected.complaint"},
		{"1.本机关不掌握相关政府信息", "unable.not_held"},
		{"自然人", ""},
		{"3.申请", ""}, // a different label: not 3.其他
		{"4.属于国家秘密", ""},
	}
	for _, c := range cases {
		got, _ := matchT3(Compact(c.in))
		if got != c.want {
			t.Errorf("matchT3(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// a wrapped label leaves fragments: each names the rows it may belong to
	_, cands := matchT3(Compact("行政机关不再处理其政府信息公"))
	if !reflect.DeepEqual(cands, []string{"other.no_correction", "other.no_fee"}) {
		t.Errorf("fragment candidates = %v", cands)
	}
	if k, _ := matchT3(Compact("缴纳费用、行政机关不再处理其政")); k != "other.no_fee" {
		t.Errorf("joined fragment = %q, want other.no_fee", k)
	}
}

func TestParseCell(t *testing.T) {
	cases := []struct {
		in   string
		kind CellKind
		v    float64
		unit string
	}{
		{"0", KindNumber, 0, ""},
		{"5949.088667", KindNumber, 5949.088667, ""},
		{"+82", KindNumber, 82, ""},
		{"-15", KindNumber, -15, ""},
		{"－15", KindNumber, -15, ""},
		{"251000元", KindNumber, 251000, "元"},
		{"102339.45万元", KindNumber, 102339.45, "万元"},
		{"22（其中修订 16 件）", KindNumber, 22, ""},
		{"55(含自然失效 29 件)", KindNumber, 55, ""},
		{"1,234", KindNumber, 1234, ""},
		{"1，234", KindNumber, 1234, ""},
		{"３１", KindNumber, 31, ""},
		{"", KindBlank, 0, ""},
		{" ", KindBlank, 0, ""},
		{"—", KindBlank, 0, ""},
		{"-", KindBlank, 0, ""},
		{"/", KindBlank, 0, ""},
		{"\u00a0", KindBlank, 0, ""},
		{"规章", KindText, 0, ""},
		{"2.重复申请", KindText, 0, ""},
		{"2023年", KindText, 0, ""},
		{"12 0", KindMulti, 0, ""},
		{"3 -1 2", KindMulti, 0, ""},
		{"12 件", KindNumber, 12, "件"},
		{"第 3 页", KindText, 0, ""},
	}
	for _, c := range cases {
		k, n := ParseCell(c.in)
		if k != c.kind || (k == KindNumber && (n.V != c.v || n.Unit != c.unit)) {
			t.Errorf("ParseCell(%q) = %v %+v, want %v %v %q", c.in, k, n, c.kind, c.v, c.unit)
		}
	}
	if got := toWan(Number{V: 251000, Unit: "元"}); got != 25.1 {
		t.Errorf("toWan(251000元) = %v", got)
	}
	if got := toWan(Number{V: 102339.45, Unit: "万元"}); got != 102339.45 {
		t.Errorf("toWan(万元) = %v", got)
	}
}

func vals(ss []Split) [][]float64 {
	var out [][]float64
	for _, s := range ss {
		out = append(out, s.Vals)
	}
	return out
}

func TestSplitRun(t *testing.T) {
	row := SplitSpec{Parts: 7, Check: func(_ int, v []float64) bool { return sumEq(v) }}
	// unique split
	got, _ := SplitRun("801000081", row)
	if want := [][]float64{{80, 1, 0, 0, 0, 0, 81}}; !reflect.DeepEqual(vals(got), want) {
		t.Errorf("801000081: %v, want %v", vals(got), want)
	}
	// spaces are boundaries
	got, _ = SplitRun("20 0 0 0 02", row)
	if want := [][]float64{{2, 0, 0, 0, 0, 0, 2}}; !reflect.DeepEqual(vals(got), want) {
		t.Errorf("20 0 0 0 02: %v, want %v", vals(got), want)
	}
	got, _ = SplitRun("230 000023", row)
	if want := [][]float64{{23, 0, 0, 0, 0, 0, 23}}; !reflect.DeepEqual(vals(got), want) {
		t.Errorf("230 000023: %v, want %v", vals(got), want)
	}
	// ambiguous: 11|0|…|11 and 1|10|…|11 both add up
	got, _ = SplitRun("110000011", row)
	if len(got) != 2 {
		t.Errorf("110000011: %v, want two splits", vals(got))
	}
	rankSplits(got, nil)
	if got[0].Vals[0] != 11 {
		t.Errorf("most plausible split of 110000011 = %v, want 11 first", got[0].Vals)
	}
	// impossible: too few digits, and no split adding up
	if got, _ = SplitRun("22", row); len(got) != 0 {
		t.Errorf("22: %v, want none", vals(got))
	}
	if got, _ = SplitRun("20000011", row); len(got) != 0 {
		t.Errorf("20000011: %v, want none", vals(got))
	}
	// table 四: 17 digits for 15 cells, only the group totals decide
	t4 := SplitSpec{Parts: 15, Groups: []int{5, 5, 5}, Check: func(_ int, v []float64) bool { return sumEq(v) }}
	got, _ = SplitRun("10203120001200000", t4)
	if want := [][]float64{{1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0}}; !reflect.DeepEqual(vals(got), want) {
		t.Errorf("t4 2021: %v, want %v", vals(got), want)
	}
	got, _ = SplitRun("21317000001324019", t4)
	if want := [][]float64{{2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19}}; !reflect.DeepEqual(vals(got), want) {
		t.Errorf("t4 2024: %v, want %v", vals(got), want)
	}
	// signs start a part; decimals only where allowed
	signed := SplitSpec{Parts: 3, Signed: func(i int) bool { return i == 1 }}
	got, _ = SplitRun("97+82179", signed)
	found := false
	for _, s := range got {
		if reflect.DeepEqual(s.Vals, []float64{97, 82, 179}) && s.Text[1] == "+82" {
			found = true
		}
		if s.Vals[0] != 97 {
			t.Errorf("97+82179: the sign must start the second part, got %v", s.Text)
		}
	}
	if !found {
		t.Errorf("97+82179: %v lacks 97|+82|179", vals(got))
	}
	money := SplitSpec{Parts: 2, Decimal: func(i int) bool { return i == 1 }}
	got, _ = SplitRun("304948.3955", money)
	if len(got) != 4 {
		t.Errorf("304948.3955: %v, want 4 splits", vals(got))
	}
	for _, s := range got {
		if strings.Contains(s.Text[0], ".") {
			t.Errorf("decimal in the count: %v", s.Text)
		}
	}
	// leading zeros are not numbers
	if got, _ = SplitRun("0012", SplitSpec{Parts: 2}); len(got) != 0 {
		t.Errorf("0012 into 2: %v, want none", vals(got))
	}
}

func TestReadRunSparse(t *testing.T) {
	// zeros left blank: the two digits of 22 cannot be placed in 7 cells
	r := readRun("22", 7, 1, t3RowSpec(), nil)
	for i := range r.Vals {
		if r.Vals[i].Valid || !r.Uncertain[i] {
			t.Fatalf("cell %d = %+v uncertain=%v, want null and uncertain", i, r.Vals[i], r.Uncertain[i])
		}
	}
	// an empty run is a row of blank cells: null, not uncertain
	r = readRun("  ", 7, 1, t3RowSpec(), nil)
	for i := range r.Vals {
		if r.Vals[i].Valid || r.Uncertain[i] {
			t.Fatalf("blank cell %d = %+v uncertain=%v", i, r.Vals[i], r.Uncertain[i])
		}
	}
	// several readings: the most plausible, the others as alternatives
	r = readRun("81153", 3, 1, SplitSpec{}, func(s Split) int {
		if s.Vals[2] >= s.Vals[0] {
			return 0
		}
		return 1
	})
	if r.Vals[0].V != 8 || r.Vals[1].V != 11 || r.Vals[2].V != 53 || !r.Uncertain[0] || len(r.Alts[2]) == 0 {
		t.Errorf("81153 = %+v %v %v", r.Vals, r.Uncertain, r.Alts)
	}
}

// doc builds a document from text lines and tables ("|"-separated rows).
func doc(parts ...interface{}) *extract.Document {
	d := &extract.Document{Pages: 1}
	for _, p := range parts {
		switch x := p.(type) {
		case string:
			d.Blocks = append(d.Blocks, extract.Block{Kind: extract.BlockText, Page: 1, Text: extract.Normalize(x)})
		case []string:
			t := &extract.Table{Page: 1, LastPage: 1, Rows: len(x)}
			for r, row := range x {
				cells := strings.Split(row, "|")
				t.Cols = max(t.Cols, len(cells))
				for c, s := range cells {
					t.Cells = append(t.Cells, extract.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Text: extract.Normalize(s), Page: 1})
				}
			}
			d.Blocks = append(d.Blocks, extract.Block{Kind: extract.BlockTable, Page: 1, Table: t})
		}
	}
	return d
}

func t3Grid(rows [][2]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[0]+"|"+strings.ReplaceAll(r[1], " ", "|"))
	}
	return out
}

// A 2021 report that keeps the single （六） row, with a typo, 1、 numbering,
// a label wrapped over two cells and the table split over two blocks.
func TestGridMixedTemplate(t *testing.T) {
	part1 := t3Grid([][2]string{
		{"一、本年新收政府信息公开申请数量", "5 0 0 0 0 0 5"},
		{"二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"},
		{"（一）予以公开", "3 0 0 0 0 0 3"},
		{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0 0 0 0 0 0 0"},
		{"1、属于国家秘密", "0 0 0 0 0 0 0"},
		{"2.其他法律行政止公开", "0 0 0 0 0 0 0"},
		{"3.危及“三安全一稳定”", "0 0 0 0 0 0 0"},
		{"4.保护第三方合法权益", "0 0 0 0 0 0 0"},
		{"5.属于三类内部事务信息", "0 0 0 0 0 0 0"},
		{"6.属于四类过程性信息", "0 0 0 0 0 0 0"},
		{"7.属于行政执法案卷", "0 0 0 0 0 0 0"},
	})
	part2 := t3Grid([][2]string{
		{"8.属于行政查询事项", "0 0 0 0 0 0 0"},
		{"1.本机关不掌握相关政府信息", "2 0 0 0 0 0 2"},
		{"", "0 0 0 0 0 0 0"}, // label lost
		{"3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"},
		{"1.信访举报投诉类申请", "0 0 0 0 0 0 0"},
		{"2.重复申请", "0 0 0 0 0 0 0"},
		{"3.要求提供公开出版物", "0 0 0 0 0 0 0"},
		{"4.无正当理由大量反复申请", "0 0 0 0 0 0 0"},
		{"5.要求行政机关确认或重新|出具已获取信息", "0 0 0 0 0 0 0"},
		{"（六）其他处理", "1 0 0 0 0 0 1"},
		{"（七）总计", "6 0 0 0 0 0 6"},
		{"四、结转下年度继续办理", "0 0 0 0 0 0 0"},
	})
	d := doc(
		"二、主动公开政府信息情况",
		[]string{"第二十条第（一）项", "信息内容|本年制发件数|本年废止件数|现行有效件数", "规章|0|0|0", "行政规范性文件|3||12",
			"第二十条第（五）项", "信息内容|本年处理决定数量", "行政许可|44", "行政处罚|5", "行政强制|—", "行政事业性收费|5949.088667"},
		"三、收到和处理政府信息公开申请情况",
		append([]string{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|申请人情况", "自然人|法人或其他组织|总计", "商业企业|科研机构|社会公益组织|法律服务机构|其他"}, part1...),
		"-3-",
		part2,
		"四、政府信息公开行政复议、行政诉讼情况",
		[]string{"行政复议|行政诉讼", "结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉",
			"结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计",
			"1|0|0|0|1|0|0|0|0|0|0|0|0|0|0"},
	)
	res := Recognise(d, template.VUnknown)
	if res.Version != template.V2021 {
		t.Errorf("version = %q, want 2021 (2021 table 二 columns)", res.Version)
	}
	want := map[string]interface{}{
		"t2.normative.issued": 3.0, "t2.normative.repealed": nil, "t2.normative.in_force": 12.0,
		"t2.coercion.decisions": nil, "t2.fees.amount": 5949.088667, "t2.licensing.decisions": 44.0,
		"t3.other.all.natural": 1.0, "t3.total.total": 6.0, "t3.unable.needs_creation.natural": 0.0,
		"t3.unable.not_held.total": 2.0, "t3.rejected.confirm.total": 0.0, "t3.denied.law_forbidden.natural": 0.0,
		"t3.denied.state_secret.total": 0.0, "t4.review.upheld": 1.0, "t4.review.total": 1.0, "t4.suit_after_review.total": 0.0,
	}
	for k, w := range want {
		c, ok := res.Cells[k]
		if !ok {
			t.Errorf("%s missing", k)
			continue
		}
		if w == nil {
			if c.Value.Valid {
				t.Errorf("%s = %v, want null", k, c.Value.V)
			}
			continue
		}
		if !c.Value.Valid || c.Value.V != w.(float64) || c.Uncertain {
			t.Errorf("%s = %+v uncertain=%v, want %v", k, c.Value, c.Uncertain, w)
		}
	}
	if c := res.Cells["t3.unable.not_held.total"]; c.Text != "2" || c.Page != 1 {
		t.Errorf("provenance %+v", c)
	}
	for _, k := range []string{"t3.other.no_correction.natural", "t3.other.no_fee.total", "t3.other.other.natural"} {
		if _, ok := res.Cells[k]; ok {
			t.Errorf("%s present in a table with the single （六） row", k)
		}
	}
	if n := len(res.Cells); n != 10+23*7+15 {
		t.Errorf("%d cells, want %d", n, 10+23*7+15)
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes: %v", res.Notes)
	}
}

func TestStreamTwoTemplates(t *testing.T) {
	body := "二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件898989" +
		"第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可97+82179其他对外管理服务事项00" +
		"第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购30251000元" +
		"三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计" +
		"一、本年新收政府信息公开申请数量811000082二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开701000071" +
		"（二）部分公开（区分处理的，只计这一情形，不计其他情形）1000001（三）不予公开1.属于国家秘密00000002.其他法律行政止公开1000001" +
		"（七）总计811000082四、结转下年度继续办理0000000" +
		"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000五、存在的主要问题及改进情况"
	res := Recognise(doc(body), template.VUnknown)
	if res.Version != template.V2019 {
		t.Errorf("version %q, want 2019", res.Version)
	}
	check := func(k string, v float64, uncertain bool) {
		t.Helper()
		c := res.Cells[k]
		if !c.Value.Valid || c.Value.V != v || c.Uncertain != uncertain {
			t.Errorf("%s = %+v uncertain=%v, want %v uncertain=%v", k, c.Value, c.Uncertain, v, uncertain)
		}
	}
	check("t3.new.natural", 81, false)
	check("t3.denied.law_forbidden.natural", 1, false) // label with a typo
	check("t3.denied.state_secret.natural", 0, false)
	if c := res.Cells["t3.new.natural"]; c.Text != "811000082" || c.Page != 1 || c.Key != "t3.new.natural" {
		t.Errorf("provenance %+v, want the run 811000082 on page 1", c)
	}
	check("t3.new.commercial", 1, false)
	check("t3.new.total", 82, false)
	check("t3.granted.natural", 70, false)
	check("t3.partial.total", 1, false)
	check("t3.denied.state_secret.total", 0, false)
	check("t4.suit_direct.upheld", 12, false)
	check("t2.licensing.change", 82, true)
	check("t2.licensing.decisions", 179, true)
	check("t2.normative.new_made", 89, true)
	if c := res.Cells["t2.other_services.prev_count"]; c.Value.Valid || !c.Uncertain {
		t.Errorf("00 in three cells: %+v, want null and uncertain", c)
	}
	if c := res.Cells["t3.unable.not_held.natural"]; c.Value.Valid || !c.Uncertain {
		t.Errorf("row missing from the text: %+v, want null and uncertain", c)
	}
	if c := res.Cells["t2.procurement.amount"]; !c.Value.Valid {
		t.Errorf("procurement amount %+v", c)
	}
	if !res.Tables.T2.Found || !res.Tables.T3.Found || !res.Tables.T4.Found {
		t.Errorf("tables %+v", res.Tables)
	}
}

func TestAbsentTables(t *testing.T) {
	d := doc("一、总体情况", "今年工作有序开展。", "二、主动公开政府信息情况三、收到和处理政府信息公开申请情况",
		"2020年未收到政府信息公开申请。", "四、政府信息公开行政复议、行政诉讼情况", "2020年未发生涉及政府信息公开的行政复议、行政诉讼案件。",
		"五、存在的主要问题及改进情况", "无。")
	res := Recognise(d, template.VUnknown)
	if len(res.Cells) != 0 {
		t.Errorf("cells %v", res.Cells)
	}
	if !res.Tables.T2.HeadingOnly || res.Tables.T2.Found {
		t.Errorf("t2 %+v, want heading only", res.Tables.T2)
	}
	if res.Tables.T3.Sentence != "2020年未收到政府信息公开申请。" {
		t.Errorf("t3 sentence %q", res.Tables.T3.Sentence)
	}
	if res.Tables.T4.Sentence != "2020年未发生涉及政府信息公开的行政复议、行政诉讼案件。" {
		t.Errorf("t4 sentence %q", res.Tables.T4.Sentence)
	}
	if res.Version != template.VUnknown {
		t.Errorf("version %q", res.Version)
	}
	// nothing at all
	if r := Recognise(nil, template.VUnknown); len(r.Cells) != 0 {
		t.Errorf("nil doc: %v", r.Cells)
	}
}

// Text layers that put a whole row into one cell: label and numbers are
// separated again.
func TestGridRowInOneCell(t *testing.T) {
	d := doc("三、收到和处理政府信息公开申请情况", []string{
		"一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21",
		"二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
		"（一）予以公开|20 0 0|0 0|1 21",
		"（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
		"（七）总计 21 0 0 0 0 0 21",
		"四、结转下年度继续办理 0 0 0 0 0 0 0",
	}, "二、主动公开政府信息情况", []string{"行政许可 97", "行政处罚|5"})
	res := Recognise(d, template.V2021)
	for k, w := range map[string]float64{"t3.new.natural": 21, "t3.granted.other_org": 1, "t3.total.total": 21, "t3.carried_forward.total": 0, "t2.licensing.decisions": 97, "t2.penalty.decisions": 5} {
		c := res.Cells[k]
		if !c.Value.Valid || c.Value.V != w || c.Uncertain {
			t.Errorf("%s = %+v uncertain=%v, want %v", k, c.Value, c.Uncertain, w)
		}
	}
	if c := res.Cells["t3.denied.state_secret.natural"]; c.Value.Valid || !c.Uncertain {
		t.Errorf("missing row: %+v", c)
	}
}

// Value cells absent from the grid (a PDF table that drops empty cells) are
// placed by the header's columns and read as blanks.
func TestGridHeaderColumns(t *testing.T) {
	tb := &extract.Table{Page: 2, LastPage: 2, Rows: 4, Cols: 10}
	add := func(r, c, cs int, s string) {
		tb.Cells = append(tb.Cells, extract.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: cs, Text: s, Page: 2})
	}
	for i, h := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		add(0, 3+i, 1, h)
	}
	rows := []struct{ label, v string }{
		{"一、本年新收政府信息公开申请数量", "26"}, {"二、上年结转政府信息公开申请数量", "0"}, {"（一）予以公开", "26"},
		{"1.属于国家秘密", "0"}, {"（七）总计", "26"}, {"四、结转下年度继续办理", "0"},
	}
	for r, row := range rows {
		add(r+1, 0, 3, row.label)
		add(r+1, 3, 1, row.v)
		add(r+1, 9, 1, row.v)
	}
	tb.Rows = len(rows) + 1
	d := &extract.Document{Pages: 2, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 2, Text: "三、收到和处理政府信息公开申请情况"},
		{Kind: extract.BlockTable, Page: 2, Table: tb},
	}}
	res := Recognise(d, template.V2021)
	for _, k := range []string{"t3.new.natural", "t3.new.total", "t3.total.total"} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != 26 || c.Uncertain || c.Page != 2 {
			t.Errorf("%s = %+v", k, c)
		}
	}
	for _, k := range []string{"t3.new.commercial", "t3.new.other_org", "t3.carried_over.legal"} {
		if c := res.Cells[k]; c.Value.Valid || c.Uncertain {
			t.Errorf("%s = %+v, want a blank (null, certain)", k, c)
		}
	}
	if !res.Tables.T3.Found || res.Tables.T3.Page != 2 {
		t.Errorf("t3 %+v", res.Tables.T3)
	}
}

// TestGridWordsInValueColumn: words printed where a count should be ("不详"
// in the 自然人 column) are that cell's text: the cell is unread, the other
// counts stay in their columns (they moved one column left: 商业企业's count
// was read as 自然人's and 总计 as blank). A label in the first value column,
// as text layouts place some, stays a label.
func TestGridWordsInValueColumn(t *testing.T) {
	tb := &extract.Table{Page: 1, LastPage: 1, Cols: 11}
	add := func(r, c int, s string) {
		tb.Cells = append(tb.Cells, extract.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Text: s, Page: 1})
		tb.Rows = max(tb.Rows, r+1)
	}
	for i, h := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		add(0, 3+i, h)
	}
	rows := []struct {
		labels []string // at columns 0, 1, …; "" leaves a column empty
		vals   string   // from the column after the labels, or column 3
	}{
		{[]string{"一、本年新收政府信息公开申请数量"}, "不详 41 0 2 64 7 3026"},
		{[]string{"二、上年结转政府信息公开申请数量"}, "0 0 0 0 0 0 0"},
		{[]string{"（一）予以公开"}, "5 41 0 2 64 7 119"},
		// the label in the first value column, its counts after it
		{[]string{"", "（三）不予公开", "", "1.属于国家秘密"}, "0 0 0 0 0 0 0"},
		{[]string{"（七）总计"}, "5 41 0 2 64 7 119"},
		{[]string{"四、结转下年度继续办理"}, "0 0 0 0 0 0 0"},
	}
	for r, row := range rows {
		for c, l := range row.labels {
			if l != "" {
				add(r+1, c, l)
			}
		}
		for i, v := range strings.Fields(row.vals) {
			add(r+1, max(len(row.labels), 3)+i, v)
		}
	}
	d := &extract.Document{Pages: 1, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "三、收到和处理政府信息公开申请情况"},
		{Kind: extract.BlockTable, Page: 1, Table: tb},
	}}
	res := Recognise(d, template.V2021)
	if c := res.Cells["t3.new.natural"]; c.Value.Valid || c.Text != "不详" || !c.Uncertain {
		t.Errorf("t3.new.natural = %+v, want unread \"不详\"", c)
	}
	for k, want := range map[string]float64{"t3.new.commercial": 41, "t3.new.total": 3026, "t3.denied.state_secret.natural": 0, "t3.denied.state_secret.total": 0} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != want {
			t.Errorf("%s = %+v, want %v", k, c, want)
		}
	}
}

func TestSplitNumbering(t *testing.T) {
	for in, want := range map[string][2]string{
		"1.属于国家秘密":  {"1.", "属于国家秘密"},
		"12、重复申请":   {"12、", "重复申请"},
		"(三)不予公开":   {"(三)", "不予公开"},
		"(三)":       {"(三)", ""},
		"三、本年度办理结果": {"三、", "本年度办理结果"},
		"1.":        {"1.", ""},
		"1":         {"", "1"},
		"(a)x":      {"", "(a)x"},
		"本年新收":      {"", "本年新收"},
		"":          {"", ""},
		"十一、其他":     {"十一、", "其他"},
	} {
		num, rest := splitNumbering(in)
		if num != want[0] || rest != want[1] {
			t.Errorf("splitNumbering(%q) = %q, %q; want %q, %q", in, num, rest, want[0], want[1])
		}
	}
}

// Words in a value cell of table 二 ("不适用" where 本年制发件数 should be,
// "暂无" in 行政许可's one value cell) are that cell's text — unread,
// uncertain — and the row's other numbers keep their columns; before, the
// words joined the label and the whole row was unread.
func TestGridT2WordsInValueCells(t *testing.T) {
	g := newGridTable(1, 1, 4)
	add := func(r, c, span int, s string) { g.put(r, c, span, s, 1) }
	add(0, 0, 4, "第二十条第（一）项")
	for i, h := range []string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"} {
		add(1, i, 1, h)
	}
	for i, v := range []string{"规章", "不适用", "4", "13"} {
		add(2, i, 1, v)
	}
	for i, v := range []string{"行政规范性文件", "9", "11", "49"} {
		add(3, i, 1, v)
	}
	add(4, 0, 4, "第二十条第（五）项")
	add(5, 0, 1, "信息内容")
	add(5, 1, 3, "本年处理决定数量")
	add(6, 0, 1, "行政许可")
	add(6, 1, 3, "暂无")
	d := &extract.Document{Pages: 1, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "二、主动公开政府信息情况"},
		{Kind: extract.BlockTable, Page: 1, Table: g.Table},
	}}
	res := Recognise(d, template.V2021)
	for k, text := range map[string]string{"t2.regulations.issued": "不适用", "t2.licensing.decisions": "暂无"} {
		if c := res.Cells[k]; c.Value.Valid || c.Text != text || !c.Uncertain {
			t.Errorf("%s = %+v, want unread %q", k, c, text)
		}
	}
	for k, want := range map[string]float64{"t2.regulations.repealed": 4, "t2.regulations.in_force": 13, "t2.normative.issued": 9} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != want {
			t.Errorf("%s = %+v, want %v", k, c, want)
		}
	}
}

// Table 四's data row has no label: words in one of its fifteen cells
// ("不适用") are that cell's text, and the other fourteen numbers keep
// their columns (before: the words were taken for a label and the whole
// row was unread).
func TestGridT4WordsInValueCell(t *testing.T) {
	g := t4Grid(15)
	add := func(r, c, span int, s string) { g.put(r, c, span, s, 1) }
	for i, v := range strings.Fields("不适用 3 30 7 40 8 3 0 0 11 15 12 6 3 36") {
		add(3, i, 1, v)
	}
	d := &extract.Document{Pages: 1, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 1, Text: "四、政府信息公开行政复议、行政诉讼情况"},
		{Kind: extract.BlockTable, Page: 1, Table: g.Table},
	}}
	res := Recognise(d, template.V2021)
	if c := res.Cells["t4.review.upheld"]; c.Value.Valid || c.Text != "不适用" || !c.Uncertain {
		t.Errorf("t4.review.upheld = %+v, want unread \"不适用\"", c)
	}
	for k, want := range map[string]float64{"t4.review.corrected": 3, "t4.review.total": 40, "t4.suit_after_review.total": 36} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != want {
			t.Errorf("%s = %+v, want %v", k, c, want)
		}
	}
}

// A table 四 printed wider than the page loses its last column (LibreOffice
// at 18 pt): a grid of fourteen columns. Only 复议后起诉's 总计 can be the
// missing cell (every other place breaks a group's sum), so the numbers keep
// their columns and that cell is unread; when the numbers do not say which
// cell is missing, every cell is unread.
func TestGridT4ColumnCut(t *testing.T) {
	read := func(row string) Result {
		g := t4Grid(14)
		add := func(r, c, span int, s string) { g.put(r, c, span, s, 1) }
		for i, v := range strings.Fields(row) {
			add(3, i, 1, v)
		}
		return Recognise(&extract.Document{Pages: 1, Blocks: []extract.Block{
			{Kind: extract.BlockText, Page: 1, Text: "四、政府信息公开行政复议、行政诉讼情况"},
			{Kind: extract.BlockTable, Page: 1, Table: g.Table},
		}}, template.V2021)
	}
	res := read("11 46 0 20 77 12 13 13 15 53 2 13 0 4")
	want := strings.Fields("11 46 0 20 77 12 13 13 15 53 2 13 0 4")
	for i, k := range template.T4Keys()[:14] {
		if c := res.Cells[k]; !c.Value.Valid || c.Text != want[i] || c.Uncertain {
			t.Errorf("%s = %+v, want %s", k, c, want[i])
		}
	}
	if c := res.Cells["t4.suit_after_review.total"]; c.Value.Valid || !c.Uncertain {
		t.Errorf("t4.suit_after_review.total = %+v, want unread", c)
	}
	res = read("0 0 0 0 0 0 0 0 0 0 0 0 0 0")
	for _, k := range template.T4Keys() {
		if c := res.Cells[k]; c.Value.Valid || !c.Uncertain {
			t.Errorf("zeros: %s = %+v, want unread", k, c)
		}
	}
}

// A borderless table 三 broken by a page: its last row, below the grid on
// the next page, comes as a line of text. The row is read from that line
// when its label is met once and its seven numbers add up; a line that
// does not add up leaves the row absent (found by printing a clean fixture
// with Chromium at a larger font).
func TestT3RowBelowGrid(t *testing.T) {
	doc := func(line string) *extract.Document {
		g := newGridTable(1, 1, 9)
		add := func(r, c int, s string) { g.put(r, c, 1, s, 1) }
		for i, h := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
			add(0, 2+i, h)
		}
		r := 1
		for _, row := range template.T3RowsFor(template.V2021) {
			if row.Key == "carried_forward" {
				continue
			}
			add(r, 0, row.Group)
			add(r, 1, row.Label)
			for i, v := range strings.Fields("2 1 0 0 0 0 3") {
				add(r, 2+i, v)
			}
			r++
		}
		return &extract.Document{Pages: 2, Blocks: []extract.Block{
			{Kind: extract.BlockText, Page: 1, Text: "三、收到和处理政府信息公开申请情况"},
			{Kind: extract.BlockTable, Page: 1, Table: g.Table},
			{Kind: extract.BlockText, Page: 2, Text: line},
			{Kind: extract.BlockText, Page: 2, Text: "四、政府信息公开行政复议、行政诉讼情况"},
		}}
	}
	res := Recognise(doc("四、结转下年度继续办理 6 0 0 0 0 1 7"), template.V2021)
	for k, want := range map[string]float64{"t3.carried_forward.natural": 6, "t3.carried_forward.other_org": 1, "t3.carried_forward.total": 7, "t3.new.total": 3} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != want || c.Uncertain {
			t.Errorf("%s = %+v, want %v", k, c, want)
		}
	}
	if c := res.Cells["t3.carried_forward.total"]; c.Page != 2 {
		t.Errorf("the row below the grid is on page %d, want 2", c.Page)
	}
	res = Recognise(doc("四、结转下年度继续办理 6 0 0 0 0 1 8"), template.V2021)
	if c := res.Cells["t3.carried_forward.total"]; c.Value.Valid {
		t.Errorf("a row that does not add up was taken: %+v", c)
	}
}

// LibreOffice breaks a table row across pages: the numbers and the first
// line of a wrapped label at the foot of one page ("3.危及“三"), the rest of
// the label in a row of empty cells at the top of the next ("安全一稳定”",
// in two label columns: "(五" / ")不予处理", "1.信访举报" / "投诉类申请").
// The rest is joined to its row; before, the empty row took the template
// row and a clean report was told its cells were blank.
func TestGridLabelTailAfterPageBreak(t *testing.T) {
	g := newGridTable(3, 4, 9)
	add := func(r, c int, s string, page int) { g.put(r, c, 1, s, page) }
	for i, h := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		add(0, 2+i, h, 3)
	}
	r := 1
	row := func(group, label, vals string, page int) {
		if group != "" {
			add(r, 0, group, page)
		}
		add(r, 1, label, page)
		vs := strings.Fields(vals)
		for i := range 7 {
			v := "" // the empty cells of a row's rest
			if i < len(vs) {
				v = vs[i]
			}
			add(r, 2+i, v, page)
		}
		r++
	}
	for _, tr := range template.T3RowsFor(template.V2021) {
		switch tr.Key {
		case "denied.three_safety":
			row("", `3.危及"三`, "1 0 0 0 0 0 1", 3) // as the PDF's text gives it
			row("", `安全一稳定"`, "", 4)
		case "rejected.complaint":
			row("(五", "1.信访举报", "2 0 0 0 0 0 2", 4)
			row(")不予处理", "投诉类申请", "", 5)
		default:
			row("", tr.Label, "0 0 0 0 0 0 0", 4)
		}
	}
	d := &extract.Document{Pages: 5, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 3, Text: "三、收到和处理政府信息公开申请情况"},
		{Kind: extract.BlockTable, Page: 3, Table: g.Table},
	}}
	res := Recognise(d, template.V2021)
	for k, want := range map[string]float64{"t3.denied.three_safety.natural": 1, "t3.denied.three_safety.total": 1,
		"t3.rejected.complaint.natural": 2, "t3.rejected.complaint.total": 2, "t3.denied.third_party.total": 0} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != want {
			t.Errorf("%s = %+v, want %v", k, c, want)
		}
	}
}

// A label wrapped inside its cell can come out as two grid rows when the
// spanning label beside it wraps at the same height: "2.其他法律" with the
// numbers, then "开" (the end of "(三)不予公开", its column) and
// "行政法规禁止公开" with no numbers (LibreOffice, 16 pt). The rest of the
// label joins the row of numbers though the rest has more label columns.
func TestGridLabelTailBesideSpanningLabel(t *testing.T) {
	g := newGridTable(3, 3, 9)
	add := func(r, c int, s string) { g.put(r, c, 1, s, 3) }
	for i, h := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		add(0, 2+i, h)
	}
	r := 1
	row := func(group, label, vals string) {
		if group != "" {
			add(r, 0, group)
		}
		add(r, 1, label)
		vs := strings.Fields(vals)
		for i := range 7 {
			v := ""
			if i < len(vs) {
				v = vs[i]
			}
			add(r, 2+i, v)
		}
		r++
	}
	for _, tr := range template.T3RowsFor(template.V2021) {
		switch tr.Key {
		case "denied.state_secret":
			row("(三)不予公", "1.属于国家秘密", "0 0 0 0 0 0 0")
		case "denied.law_forbidden":
			row("", "2.其他法律", "3 0 0 0 0 0 3")
			row("开", "行政法规禁止公开", "")
		default:
			row("", tr.Label, "0 0 0 0 0 0 0")
		}
	}
	d := &extract.Document{Pages: 3, Blocks: []extract.Block{
		{Kind: extract.BlockText, Page: 3, Text: "三、收到和处理政府信息公开申请情况"},
		{Kind: extract.BlockTable, Page: 3, Table: g.Table},
	}}
	res := Recognise(d, template.V2021)
	for k, want := range map[string]float64{"t3.denied.law_forbidden.natural": 3, "t3.denied.law_forbidden.total": 3,
		"t3.denied.state_secret.total": 0, "t3.denied.three_safety.total": 0} {
		if c := res.Cells[k]; !c.Value.Valid || c.Value.V != want {
			t.Errorf("%s = %+v, want %v", k, c, want)
		}
	}
}

// t4Grid is the three header rows of table 四 on page 1, over cols columns
// (15, or fewer when the last ones were cut off).
func t4Grid(cols int) gridTable {
	g := newGridTable(1, 1, cols)
	add := func(r, c, span int, s string) { g.put(r, c, span, s, 1) }
	add(0, 0, 5, "行政复议")
	add(0, 5, cols-5, "行政诉讼")
	add(1, 5, 5, "未经复议直接起诉")
	add(1, 10, cols-10, "复议后起诉")
	for i := range cols {
		add(2, i, 1, []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}[i%5])
	}
	return g
}

// gridTable is a table for the grid tests, filled cell by cell.
type gridTable struct{ *extract.Table }

func newGridTable(page, lastPage, cols int) gridTable {
	return gridTable{&extract.Table{Page: page, LastPage: lastPage, Cols: cols}}
}

// put adds a one-row cell of span columns at row r, column c.
func (t gridTable) put(r, c, span int, text string, page int) {
	t.Cells = append(t.Cells, extract.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: span, Text: text, Page: page})
	t.Rows = max(t.Rows, r+1)
}
