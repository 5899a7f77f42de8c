package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// ProseLink declares that a prose figure about something restates a sum of
// table cells: "上年结转3件" restates t3.carried_over.total. A figure matches
// when its subject and text contain every word of All, at least one of Any
// (if given) and none of Not.
type ProseLink struct {
	Name  string // stable, feeds the fingerprint
	Label string // Chinese, for messages: 上年结转的申请数
	All   []string
	Any   []string
	Not   []string
	// Units are the units the figure may have: 件 for applications, not 条
	// (documents); empty: any count unit.
	Units []string
	// NotClause are words whose presence in the figure's clause (its verb
	// and subject: "主动公开…不予公开的信息3条" is about documents) means it
	// is about something else.
	NotClause []string
	// Cells are summed; Cells2019 replaces them for reports on the 2019
	// format when the columns differ.
	Cells, Cells2019 []string
}

// ProseLinks are the prose restatements of table cells checked by
// CONS-PROSE-TABLE. 本年新收 (CONS-PROSE-T3-NEW) and table 四
// (CONS-PROSE-REVIEW) have their own rules.
var ProseLinks = []ProseLink{
	// see appLink / docLink below: t3 links count applications (件, the
	// verbs 收到/受理/办结/答复), t2 links documents and decisions
	{Name: "t3.carried_over", Label: "上年结转的申请数", All: []string{"结转"}, Any: []string{"上年", "上一年", "去年"},
		Not: []string{"下年", "下一年", "次年"}, Cells: []string{"t3.carried_over.total"}},
	{Name: "t3.carried_forward", Label: "结转下年度继续办理的申请数", All: []string{"结转"}, Any: []string{"下年", "下一年", "次年"},
		Cells: []string{"t3.carried_forward.total"}},
	{Name: "t3.total", Label: "办结的申请数", All: []string{"办结"}, Not: []string{"结转", "按时", "率"},
		Cells: []string{"t3.total.total"}},
	{Name: "t3.granted", Label: "予以公开的申请数", All: []string{"予以公开"}, Not: []string{"部分", "不予"},
		Cells: []string{"t3.granted.total"}},
	{Name: "t3.partial", Label: "部分公开的申请数", All: []string{"部分公开"}, Not: []string{"予以公开", "同意公开", "全部公开"},
		Cells: []string{"t3.partial.total"}},
	// "予以公开及部分公开258件" restates the two rows together.
	{Name: "t3.granted_partial", Label: "予以公开和部分公开的申请数", All: []string{"部分公开"}, Any: []string{"予以公开", "同意公开", "全部公开"},
		Not: []string{"不予"}, Cells: []string{"t3.granted.total", "t3.partial.total"}},
	{Name: "t3.denied", Label: "不予公开的申请数", All: []string{"不予公开"}, Not: []string{"部分", "率"},
		Cells: groupTotals("denied", "state_secret", "law_forbidden", "three_safety", "third_party", "internal", "process", "enforcement_file", "query")},
	{Name: "t3.unable", Label: "无法提供的申请数", All: []string{"无法提供"}, Not: []string{"率"},
		Cells: groupTotals("unable", "not_held", "needs_creation", "unclear")},
	{Name: "t3.rejected", Label: "不予处理的申请数", All: []string{"不予处理"}, Not: []string{"率"},
		Cells: groupTotals("rejected", "complaint", "duplicate", "publication", "excessive", "confirm")},
	{Name: "t2.regulations.issued", Label: "本年制发的规章数", All: []string{"规章"}, Any: []string{"制发", "制定", "出台", "印发"},
		Not:   []string{"废止", "现行有效", "规范性文件", "清理"},
		Cells: []string{"t2.regulations.issued"}, Cells2019: []string{"t2.regulations.new_made"}},
	{Name: "t2.normative.issued", Label: "本年制发的行政规范性文件数", All: []string{"规范性文件"}, Any: []string{"制发", "制定", "出台", "印发"},
		Not:   []string{"废止", "现行有效", "规章", "清理", "解读"},
		Cells: []string{"t2.normative.issued"}, Cells2019: []string{"t2.normative.new_made"}},
}

// applicationUnits and documentVerbs keep a table 三 link to figures about
// applications: documents the body produced or published (条, 制发, 主动公开)
// are another subject.
var (
	applicationUnits = []string{"件", ""}
	documentWords    = []string{"制发", "制作", "主动公开", "发布", "印发", "文件", "信息数"}
)

// table2Links restate table 二 (2021 format) in prose: 制发/废止/现行有效 of
// 行政规范性文件, decisions on 行政许可/行政处罚/行政强制, and 行政事业性收费
// in 万元.
var table2Links = []ProseLink{
	{Name: "t2.normative.repealed", Label: "本年废止的行政规范性文件数", All: []string{"规范性文件", "废止"},
		Not: []string{"规章", "清理", "修改", "保留", "宣布失效"}, Units: []string{"件", "个"},
		Cells: []string{"t2.normative.repealed"}, Cells2019: []string{"t2.normative.repealed"}},
	{Name: "t2.normative.in_force", Label: "现行有效的行政规范性文件数", All: []string{"规范性文件", "现行有效"},
		Not: []string{"规章", "清理"}, Units: []string{"件", "个"},
		Cells: []string{"t2.normative.in_force"}, Cells2019: []string{"t2.normative.in_force"}},
	{Name: "t2.licensing.decisions", Label: "本年行政许可处理决定数", All: []string{"行政许可"}, Any: []string{"决定", "办结", "作出"},
		Not: []string{"信息", "公示", "公开", "事项", "清单", "行政处罚", "行政强制"}, Units: []string{"件", "个"},
		Cells: []string{"t2.licensing.decisions"}},
	{Name: "t2.penalty.decisions", Label: "本年行政处罚处理决定数", All: []string{"行政处罚"}, Any: []string{"决定", "办结", "作出"},
		Not: []string{"信息", "公示", "公开", "事项", "清单", "行政许可", "行政强制"}, Units: []string{"件", "个"},
		Cells: []string{"t2.penalty.decisions"}},
	{Name: "t2.coercion.decisions", Label: "本年行政强制处理决定数", All: []string{"行政强制"}, Any: []string{"决定", "办结", "作出"},
		Not: []string{"信息", "公示", "公开", "事项", "清单", "行政许可", "行政处罚"}, Units: []string{"件", "个"},
		Cells: []string{"t2.coercion.decisions"}},
	{Name: "t2.fees.amount", Label: "本年行政事业性收费金额（万元）", All: []string{"行政事业性收费"},
		Not: []string{"信息处理费"}, Units: []string{"万元"},
		Cells: []string{"t2.fees.amount"}},
}

func init() {
	for i := range ProseLinks {
		l := &ProseLinks[i]
		if strings.HasPrefix(l.Cells[0], "t3.") {
			l.Units = applicationUnits
			l.NotClause = documentWords
		}
	}
	for _, l := range table2Links {
		// the clause, too: "清理并集中发布现行有效行政规范性文件393件" is a
		// clean-up's library, not the table's count
		l.NotClause = append(append([]string(nil), l.Not...), "清理", "集中发布", "文件库")
		ProseLinks = append(ProseLinks, l)
	}
}

// groupTotals lists the 总计 cells of the rows of one group of table 三.
func groupTotals(group string, rows ...string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = "t3." + group + "." + r + ".total"
	}
	return out
}

func (l ProseLink) matches(f recognise.Figure) bool {
	s := f.Subject + f.Text
	for _, w := range l.All {
		if !strings.Contains(s, w) {
			return false
		}
	}
	if len(l.Units) > 0 && !slices.Contains(l.Units, f.Unit) {
		return false
	}
	if containsAny(f.Clause, l.NotClause) {
		return false
	}
	return (len(l.Any) == 0 || containsAny(s, l.Any)) && !containsAny(s, l.Not)
}

func (l ProseLink) cellsFor(v template.Version) []string {
	if v == template.V2019 && len(l.Cells2019) > 0 {
		return l.Cells2019
	}
	return l.Cells
}

var proseTableRule = Rule{
	ID:       "CONS-PROSE-TABLE",
	Title:    "正文重述的表格数字应与表格一致",
	Severity: SeverityWarning,
	Category: CategoryConsistency,
	Basis:    "《中华人民共和国政府信息公开条例》第五十条第（一）（二）项；国办公开办函〔2021〕30号第一至三部分",
	Explanation: `正文（多在“一、总体情况”）重述的表格数字应与表格一致：上年结转的申请数（表三“二、上年结转”总计）、结转下年度继续办理的申请数（表三“四、结转下年度继续办理”总计）、办结的申请数（表三“（七）总计”的总计）、予以公开、部分公开、予以公开及部分公开、不予公开、无法提供、不予处理的申请数（各组各行总计之和）、本年制发的规章和行政规范性文件数（表二“本年制发件数”；2019年格式为“本年新制作数量”）。
还核对表二（2021年格式）：本年废止、现行有效的行政规范性文件数，行政许可、行政处罚、行政强制的本年处理决定数，行政事业性收费金额（万元）；“行政许可类信息69条”一类说的是公开的信息条数，“清理并集中发布现行有效文件”说的是清理后的文件库，都不核对。
数字的主语须与表格一致：表三的数字只与以“件”计、说申请的数字比较，以“条”计或分句中有“制发”“主动公开”“发布”“文件”等说文件的数字不比较（如“不予公开的政府信息8条”说的是本机关制作的信息，不是不予公开的申请）。
每一类有多个相关数字时，只要有一个相符即通过；同比、增减一类的数字、约数和百分比不核对。本年新收申请数与表四分别由 CONS-PROSE-T3-NEW、CONS-PROSE-REVIEW 核对。
表格未识别时不核对；表三某行的总计栏空白而该行各类申请人栏有数时，按各类申请人之和（空白按0计）核对，这个和只是下限，所以只有正文数字小于它时才报告；其他单元格空白时不核对；单元格识别不确定时不相符记为 uncertain，责任方为 extraction。`,
	Example: "正文所述上年结转的申请数（5件，“上年结转5件”）与表三相应数字（3）不一致",
	Check:   checkProseTable,
}

func checkProseTable(p *Pass) {
	r := p.Report
	for _, l := range ProseLinks {
		keys := l.cellsFor(r.Template)
		ts := r.Tables.T3
		if strings.HasPrefix(keys[0], "t2.") {
			ts = r.Tables.T2
		}
		if !ts.Found {
			continue
		}
		sum, ok, unsure, blanks := proseCellsSum(r, keys)
		if !ok {
			continue
		}
		first := disagreeing(r.Figures, sum, l.matches)
		if first == nil {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    keys,
			expected: ptr(first.Value),
			actual:   ptr(sum),
			loc:      Location{Page: first.Page, Section: first.Section},
			message: fmt.Sprintf("正文所述%s（%s%s，“%s”）与%s相应数字（%s）不一致",
				l.Label, num(first.Value), first.Unit, first.Text, tableName(keys[0]), num(sum)),
			detail: l.Name,
		}
		if blanks && first.Value > sum {
			// blank cells counted as 0 give a lower bound of the table's
			// figure: a larger prose figure may still be right.
			continue
		}
		if blanks {
			is.message += "；表中" + strings.Join(describeAll(blankKeys(r, keys)), "、") + "总计栏空白，按各类申请人之和计（空白按0计，实际只会更大）"
		}
		if unsure {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；该单元格识别不确定"
		}
		p.report(is)
	}
}

// proseCellsSum adds the cells like cellsSum, but a blank 总计 cell of table
// 三 is replaced by the sum of the six applicant columns of its row when at
// least one of them is filled (blanks counted as 0): reports that leave the
// 总计 column of the result rows blank (上海市府办 2019) still state the
// figures in the applicant columns. blanks is set when that was needed; the
// sum is then a lower bound.
func proseCellsSum(r *recognise.Report, keys []string) (sum float64, ok, unsure, blanks bool) {
	for _, k := range keys {
		if c, valid := cellValue(r, k); valid {
			sum += c.Value.V
			unsure = unsure || c.Uncertain
			continue
		}
		v, filled, un := applicantSum(r, k)
		if !filled {
			return 0, false, false, false
		}
		sum += v
		unsure = unsure || un
		blanks = true
	}
	return sum, true, unsure, blanks
}

// applicantSum adds the six applicant cells of the row of a table 三 总计
// key; filled is false when the key is not such a cell or all six are blank.
func applicantSum(r *recognise.Report, key string) (sum float64, filled, unsure bool) {
	row, ok := strings.CutSuffix(key, ".total")
	if !ok || !strings.HasPrefix(key, "t3.") {
		return 0, false, false
	}
	if _, present := r.Cells[key]; !present {
		return 0, false, false
	}
	for _, col := range template.T3Columns {
		if col.Key == "total" {
			continue
		}
		if c, valid := cellValue(r, row+"."+col.Key); valid {
			sum += c.Value.V
			filled = true
			unsure = unsure || c.Uncertain
		}
	}
	return sum, filled, unsure
}

// blankKeys lists the keys whose cell is blank, for a message.
func blankKeys(r *recognise.Report, keys []string) []string {
	var out []string
	for _, k := range keys {
		if _, valid := cellValue(r, k); !valid {
			out = append(out, k)
		}
	}
	return out
}
