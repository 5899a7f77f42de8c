// Package template describes the fixed report format of the yearly
// 政府信息公开工作年度报告: the six sections, the rows and columns of tables
// 二, 三 and 四 in the 2021 format (国办公开办函〔2021〕30号) and the 2019 format
// (国办公开办函〔2019〕60号), and the stable cell keys of
// shared/spec/cell-keys.md. It is data only; recognise uses it to find cells
// and rules use it to name them.
package template

import "strings"

// Version is a template version as it appears in JSON ("2021", "2019",
// "unknown").
type Version string

// Template versions.
const (
	V2021    Version = "2021"
	V2019    Version = "2019"
	VUnknown Version = "unknown"
)

// Section is one of the six statutory parts of a report.
type Section struct {
	N       int    // 1…6
	Heading string // the exact 2021 heading, e.g. "一、总体情况"
	// Variants are other wordings of the heading (without its numeral)
	// seen in real reports, each with the weight its similarity is scaled
	// by (1 would be the template wording itself).
	Variants []Variant
	// Cues mark a numbered line (一、…, 表…) as this part's heading or
	// its table's title when it contains every phrase of any one group:
	// the quick test the table reader uses to know which table it is in.
	Cues [][]string
}

// Variant is an accepted wording of a section heading.
type Variant struct {
	Text   string
	Weight float64
}

// Sections are the six parts in template order. Heading variants live here
// and nowhere else: recognise/outline matches headings against them and
// recognise/cells uses the cues.
var Sections = []Section{
	{N: 1, Heading: "一、总体情况",
		Variants: []Variant{{"基本情况", 0.85}, {"概述", 0.85}, {"总体概况", 0.9}}},
	{N: 2, Heading: "二、主动公开政府信息情况",
		Variants: []Variant{{"主动公开政府信息的情况", 0.95}, {"主动公开情况", 0.85}},
		Cues:     [][]string{{"主动公开政府信息情况"}, {"主动公开政府信息的情况"}}},
	{N: 3, Heading: "三、收到和处理政府信息公开申请情况",
		Variants: []Variant{{"收到和处理政府信息公开申请的情况", 0.95}, {"政府信息依申请公开情况", 0.85}, {"政府信息依申请公开工作情况", 0.85}},
		Cues:     [][]string{{"收到和处理政府信息公开申请"}}},
	{N: 4, Heading: "四、政府信息公开行政复议、行政诉讼情况",
		Variants: []Variant{
			{"因政府信息公开工作被申请行政复议、提起行政诉讼情况", 0.95},
			{"因政府信息公开工作被申请行政复议、提起行政诉讼的情况", 0.95},
			{"政府信息公开行政复议和行政诉讼情况", 0.95},
			{"因政府信息公开申请行政复议、提起行政诉讼的情况", 0.9},
		},
		Cues: [][]string{{"复议", "诉讼"}}},
	{N: 5, Heading: "五、存在的主要问题及改进情况",
		Variants: []Variant{
			{"政府信息公开工作存在的主要问题及改进情况", 0.95},
			{"存在的主要问题及整改措施", 0.9},
			{"存在的主要问题及改进措施", 0.9},
			{"存在的主要问题和改进情况", 0.95},
			{"主要问题和改进措施", 0.85},
			{"存在问题及改进措施", 0.85},
		},
		Cues: [][]string{{"存在的主要问题"}, {"改进情况"}}},
	{N: 6, Heading: "六、其他需要报告的事项",
		Variants: []Variant{{"其他需要报告事项", 0.95}},
		Cues:     [][]string{{"其他需要报告"}}},
}

// SectionCued returns the part (1…6) whose Cues a text contains, the first
// in template order, or 0.
func SectionCued(text string) int {
	for _, s := range Sections {
		for _, group := range s.Cues {
			all := len(group) > 0
			for _, c := range group {
				all = all && strings.Contains(text, c)
			}
			if all {
				return s.N
			}
		}
	}
	return 0
}

// Row is a template row of table 三 (or a row of table 二).
type Row struct {
	Key   string   // row key, e.g. "denied.state_secret"
	Label string   // the row's own label, e.g. "1.属于国家秘密"
	Group string   // the enclosing label, e.g. "（三）不予公开"; empty for top rows
	Leaf  bool     // counted in （七）总计 (the 21 result rows; other.all in 2019)
	Only  Version  // "" for both versions, else the only version that has it
	Alias []string // other wordings seen in real reports
}

// Column is a numeric column of a table.
type Column struct {
	Key   string
	Label string
	Alias []string
}

// T3Rows are the data rows of table 三 in template order. Both versions are
// listed: the 2021 format has other.no_correction/no_fee/other, the 2019
// format (and some 2021 reports) the single other.all row.
var T3Rows = []Row{
	{Key: "new", Label: "一、本年新收政府信息公开申请数量"},
	{Key: "carried_over", Label: "二、上年结转政府信息公开申请数量"},
	{Key: "granted", Label: "（一）予以公开", Group: "三、本年度办理结果", Leaf: true},
	{Key: "partial", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Group: "三、本年度办理结果", Leaf: true},
	{Key: "denied.state_secret", Label: "1.属于国家秘密", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.law_forbidden", Label: "2.其他法律行政法规禁止公开", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.three_safety", Label: "3.危及“三安全一稳定”", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.third_party", Label: "4.保护第三方合法权益", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.internal", Label: "5.属于三类内部事务信息", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.process", Label: "6.属于四类过程性信息", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.enforcement_file", Label: "7.属于行政执法案卷", Group: "（三）不予公开", Leaf: true},
	{Key: "denied.query", Label: "8.属于行政查询事项", Group: "（三）不予公开", Leaf: true},
	{Key: "unable.not_held", Label: "1.本机关不掌握相关政府信息", Group: "（四）无法提供", Leaf: true},
	{Key: "unable.needs_creation", Label: "2.没有现成信息需要另行制作", Group: "（四）无法提供", Leaf: true},
	{Key: "unable.unclear", Label: "3.补正后申请内容仍不明确", Group: "（四）无法提供", Leaf: true},
	{Key: "rejected.complaint", Label: "1.信访举报投诉类申请", Group: "（五）不予处理", Leaf: true},
	{Key: "rejected.duplicate", Label: "2.重复申请", Group: "（五）不予处理", Leaf: true},
	{Key: "rejected.publication", Label: "3.要求提供公开出版物", Group: "（五）不予处理", Leaf: true},
	{Key: "rejected.excessive", Label: "4.无正当理由大量反复申请", Group: "（五）不予处理", Leaf: true},
	{Key: "rejected.confirm", Label: "5.要求行政机关确认或重新出具已获取信息", Group: "（五）不予处理", Leaf: true},
	{Key: "other.no_correction", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Group: "（六）其他处理", Leaf: true, Only: V2021},
	{Key: "other.no_fee", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Group: "（六）其他处理", Leaf: true, Only: V2021},
	{Key: "other.other", Label: "3.其他", Group: "（六）其他处理", Leaf: true, Only: V2021},
	{Key: "other.all", Label: "（六）其他处理", Group: "三、本年度办理结果", Leaf: true, Only: V2019},
	{Key: "total", Label: "（七）总计", Group: "三、本年度办理结果"},
	{Key: "carried_forward", Label: "四、结转下年度继续办理"},
}

// T3Columns are the seven numeric columns of table 三.
var T3Columns = []Column{
	{Key: "natural", Label: "自然人"},
	{Key: "commercial", Label: "商业企业"},
	{Key: "research", Label: "科研机构"},
	{Key: "social", Label: "社会公益组织"},
	{Key: "legal", Label: "法律服务机构"},
	{Key: "other_org", Label: "其他"},
	{Key: "total", Label: "总计"},
}

// T4Groups are the three column groups of table 四. A group's label or
// one of its aliases printed in the table's header says the group is there.
var T4Groups = []Column{
	{Key: "review", Label: "行政复议"},
	{Key: "suit_direct", Label: "未经复议直接起诉", Alias: []string{"直接起诉"}},
	{Key: "suit_after_review", Label: "复议后起诉"},
}

// T4Columns are the five columns of each table 四 group.
var T4Columns = []Column{
	{Key: "upheld", Label: "结果维持"},
	{Key: "corrected", Label: "结果纠正"},
	{Key: "other", Label: "其他结果"},
	{Key: "pending", Label: "尚未审结"},
	{Key: "total", Label: "总计"},
}

// T2Row is a data row of table 二 with its block and its column keys.
type T2Row struct {
	Key     string // row key, e.g. "regulations"
	Label   string // e.g. "规章"
	Block   string // e.g. "第二十条第（一）项"
	Columns []Column
	Alias   []string
}

// T2Rows2021 is table 二 of the 2021 format.
var T2Rows2021 = []T2Row{
	{Key: "regulations", Label: "规章", Block: "第二十条第（一）项", Columns: t2DocCols2021},
	{Key: "normative", Label: "行政规范性文件", Block: "第二十条第（一）项", Columns: t2DocCols2021, Alias: []string{"规范性文件"}},
	{Key: "licensing", Label: "行政许可", Block: "第二十条第（五）项", Columns: []Column{{Key: "decisions", Label: "本年处理决定数量"}}},
	{Key: "penalty", Label: "行政处罚", Block: "第二十条第（六）项", Columns: []Column{{Key: "decisions", Label: "本年处理决定数量"}}},
	{Key: "coercion", Label: "行政强制", Block: "第二十条第（六）项", Columns: []Column{{Key: "decisions", Label: "本年处理决定数量"}}},
	{Key: "fees", Label: "行政事业性收费", Block: "第二十条第（八）项", Columns: []Column{{Key: "amount", Label: "本年收费金额（单位：万元）"}}},
}

var t2DocCols2021 = []Column{
	{Key: "issued", Label: "本年制发件数"},
	{Key: "repealed", Label: "本年废止件数"},
	{Key: "in_force", Label: "现行有效件数"},
}

// T2Rows2019 is table 二 of the 2019 format.
var T2Rows2019 = []T2Row{
	{Key: "regulations", Label: "规章", Block: "第二十条第（一）项", Columns: t2DocCols2019},
	{Key: "normative", Label: "规范性文件", Block: "第二十条第（一）项", Columns: t2DocCols2019},
	{Key: "licensing", Label: "行政许可", Block: "第二十条第（五）项", Columns: t2ItemCols2019},
	{Key: "other_services", Label: "其他对外管理服务事项", Block: "第二十条第（五）项", Columns: t2ItemCols2019},
	{Key: "penalty", Label: "行政处罚", Block: "第二十条第（六）项", Columns: t2ItemCols2019},
	{Key: "coercion", Label: "行政强制", Block: "第二十条第（六）项", Columns: t2ItemCols2019},
	{Key: "fees", Label: "行政事业性收费", Block: "第二十条第（八）项", Columns: t2ItemCols2019[:2]},
	{Key: "procurement", Label: "政府集中采购", Block: "第二十条第（九）项", Columns: []Column{{Key: "count", Label: "采购项目数量"}, {Key: "amount", Label: "采购总金额"}}},
}

var t2DocCols2019 = []Column{
	{Key: "new_made", Label: "本年新制作数量"},
	{Key: "new_published", Label: "本年新公开数量"},
	{Key: "total_published", Label: "对外公开总数量"},
}

var t2ItemCols2019 = []Column{
	{Key: "prev_count", Label: "上一年项目数量"},
	{Key: "change", Label: "本年增/减"},
	{Key: "decisions", Label: "处理决定数量"},
}

// T3RowsFor returns the table 三 rows of a version, in order. Unknown means
// 2021.
func T3RowsFor(v Version) []Row {
	var out []Row
	for _, r := range T3Rows {
		if r.Only == "" || r.Only == v || (v != V2019 && r.Only == V2021) {
			out = append(out, r)
		}
	}
	return out
}

// T2RowsFor returns table 二 of a version (2021 for unknown).
func T2RowsFor(v Version) []T2Row {
	if v == V2019 {
		return T2Rows2019
	}
	return T2Rows2021
}

// T2Keys lists the table 二 cell keys of a version in template order.
func T2Keys(v Version) []string {
	var keys []string
	for _, r := range T2RowsFor(v) {
		for _, c := range r.Columns {
			keys = append(keys, "t2."+r.Key+"."+c.Key)
		}
	}
	return keys
}

// T3Key is the cell key of table 三 row and column keys.
func T3Key(row, col string) string { return "t3." + row + "." + col }

// T4Key is the cell key of a table 四 group and column.
func T4Key(group, col string) string { return "t4." + group + "." + col }

// T3Keys lists the table 三 cell keys for the given rows, row-major.
func T3Keys(rows []Row) []string {
	keys := make([]string, 0, len(rows)*len(T3Columns))
	for _, r := range rows {
		for _, c := range T3Columns {
			keys = append(keys, T3Key(r.Key, c.Key))
		}
	}
	return keys
}

// T4Keys lists the 15 table 四 cell keys in column order.
func T4Keys() []string {
	keys := make([]string, 0, 15)
	for _, g := range T4Groups {
		for _, c := range T4Columns {
			keys = append(keys, T4Key(g.Key, c.Key))
		}
	}
	return keys
}
