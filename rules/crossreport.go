package rules

import (
	"fmt"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// CarryRelation is a declared equality between a cell of the previous
// year's report and a cell of this year's report of the same body.
type CarryRelation struct {
	Name     string // stable, feeds the fingerprint
	Where    string // 表三“自然人”列
	Previous string // key in the previous year's report
	Current  string // key in this year's report
}

// T3CarryRelations: for every column of table 三, 四、结转下年度继续办理 of
// year y = 二、上年结转政府信息公开申请数量 of year y+1.
func T3CarryRelations() []CarryRelation {
	var out []CarryRelation
	for _, c := range template.T3Columns {
		out = append(out, CarryRelation{
			Name:     "t3.carry." + c.Key,
			Where:    t3ColumnName(c),
			Previous: t3("carried_forward", c.Key),
			Current:  t3("carried_over", c.Key),
		})
	}
	return out
}

var crossReportRules = []Rule{
	{
		ID:       "CONS-CARRYOVER",
		Title:    "上年报告结转下年度的申请数应等于本年报告上年结转数",
		Severity: SeverityError,
		Category: CategoryConsistency,
		Pair:     true,
		Basis:    "国办公开办函〔2021〕30号表三“二、上年结转政府信息公开申请数量”与“四、结转下年度继续办理”的定义",
		Explanation: `同一机关相邻两年的报告：上年报告表三“四、结转下年度继续办理”的每一列，应等于本年报告表三“二、上年结转政府信息公开申请数量”的同一列。
本规则跨报告运行（nianbao audit 对同一机关连续年度的报告配对），单份报告审核时不运行。两份报告年度不相邻、任一份的表三未识别、或比较的单元格任一空白时不核对；任一单元格识别不确定时不相等记为 uncertain，责任方为 extraction。`,
		Example: "表三“自然人”列：上年（2022年度）报告“四、结转下年度继续办理”为1，本年报告“二、上年结转政府信息公开申请数量”为2",
		Check:   checkCarryOver,
	},
}

func checkCarryOver(p *Pass) {
	prev, cur := p.Previous, p.Report
	if prev == nil || !prev.Tables.T3.Found || !cur.Tables.T3.Found {
		return
	}
	if prev.Year != 0 && cur.Year != 0 && prev.Year != cur.Year-1 {
		return
	}
	prevYear := "上年"
	if prev.Year != 0 {
		prevYear = fmt.Sprintf("上年（%d年度）", prev.Year)
	}
	for _, rel := range T3CarryRelations() {
		a, okA := cellValue(prev, rel.Previous)
		b, okB := cellValue(cur, rel.Current)
		if !okA || !okB || a.Value.V == b.Value.V {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    []string{rel.Previous, rel.Current},
			expected: ptr(a.Value.V),
			actual:   ptr(b.Value.V),
			loc:      Location{Page: b.Page, Section: 3},
			message: fmt.Sprintf("%s：%s报告“四、结转下年度继续办理”为%s，本年报告“二、上年结转政府信息公开申请数量”为%s",
				rel.Where, prevYear, num(a.Value.V), num(b.Value.V)),
			detail: rel.Name,
		}
		if a.Uncertain || b.Uncertain {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；其中有单元格识别不确定"
		}
		p.report(is)
	}
}

// RunPair runs the cross-report rules of All() on a report and the same
// body's report of the previous year, sorted like Run. The caller (audit)
// decides which reports belong to one body.
func RunPair(prev, cur *recognise.Report, p Profile) []Finding {
	return RunPairRules(prev, cur, p, All())
}

// RunPairRules is RunPair over an explicit rule list; rules that are not
// pair rules are skipped.
func RunPairRules(prev, cur *recognise.Report, p Profile, rs []Rule) []Finding {
	if prev == nil || cur == nil {
		return nil
	}
	p = p.compiled()
	var out []Finding
	for i := range rs {
		rule := &rs[i]
		if !rule.Pair || p.disabled(rule.ID) {
			continue
		}
		out = append(out, runOne(&Pass{Report: cur, Previous: prev, Profile: p, rule: rule})...)
	}
	Sort(out)
	return out
}
