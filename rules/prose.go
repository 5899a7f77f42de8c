package rules

import (
	"fmt"
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
	// Cells are summed; Cells2019 replaces them for reports on the 2019
	// format when the columns differ.
	Cells, Cells2019 []string
}

// ProseLinks are the prose restatements of table cells checked by
// CONS-PROSE-TABLE. 本年新收 (CONS-PROSE-T3-NEW) and table 四
// (CONS-PROSE-REVIEW) have their own rules.
var ProseLinks = []ProseLink{
	{Name: "t3.carried_over", Label: "上年结转的申请数", All: []string{"结转"}, Any: []string{"上年", "上一年", "去年"},
		Not: []string{"下年", "下一年", "次年"}, Cells: []string{"t3.carried_over.total"}},
	{Name: "t3.carried_forward", Label: "结转下年度继续办理的申请数", All: []string{"结转"}, Any: []string{"下年", "下一年", "次年"},
		Cells: []string{"t3.carried_forward.total"}},
	{Name: "t3.total", Label: "办结的申请数", All: []string{"办结"}, Not: []string{"结转", "按时", "率"},
		Cells: []string{"t3.total.total"}},
	{Name: "t3.granted", Label: "予以公开的申请数", All: []string{"予以公开"}, Not: []string{"部分", "不予"},
		Cells: []string{"t3.granted.total"}},
	{Name: "t3.partial", Label: "部分公开的申请数", All: []string{"部分公开"},
		Cells: []string{"t3.partial.total"}},
	{Name: "t2.regulations.issued", Label: "本年制发的规章数", All: []string{"规章"}, Any: []string{"制发", "制定", "出台", "印发"},
		Not:   []string{"废止", "现行有效", "规范性文件", "清理"},
		Cells: []string{"t2.regulations.issued"}, Cells2019: []string{"t2.regulations.new_made"}},
	{Name: "t2.normative.issued", Label: "本年制发的行政规范性文件数", All: []string{"规范性文件"}, Any: []string{"制发", "制定", "出台", "印发"},
		Not:   []string{"废止", "现行有效", "规章", "清理", "解读"},
		Cells: []string{"t2.normative.issued"}, Cells2019: []string{"t2.normative.new_made"}},
}

func (l ProseLink) matches(f recognise.Figure) bool {
	s := f.Subject + f.Text
	for _, w := range l.All {
		if !strings.Contains(s, w) {
			return false
		}
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
	Explanation: `正文（多在“一、总体情况”）重述的表格数字应与表格一致：上年结转的申请数（表三“二、上年结转”总计）、结转下年度继续办理的申请数（表三“四、结转下年度继续办理”总计）、办结的申请数（表三“（七）总计”的总计）、予以公开和部分公开的申请数、本年制发的规章和行政规范性文件数（表二“本年制发件数”；2019年格式为“本年新制作数量”）。
每一类有多个相关数字时，只要有一个相符即通过；同比、增减一类的数字、约数和百分比不核对。本年新收申请数与表四分别由 CONS-PROSE-T3-NEW、CONS-PROSE-REVIEW 核对。
表格未识别或单元格空白时不核对；单元格识别不确定时不相符记为 uncertain，责任方为 extraction。`,
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
		sum, ok, unsure := cellsSum(r, keys)
		if !ok {
			continue
		}
		var first *recognise.Figure
		agree := false
		for i, f := range r.Figures {
			if !l.matches(f) || !countFigure(f) {
				continue
			}
			if f.Value == sum {
				agree = true
				break
			}
			if first == nil {
				first = &r.Figures[i]
			}
		}
		if agree || first == nil {
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
		if unsure {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；该单元格识别不确定"
		}
		p.report(is)
	}
}
