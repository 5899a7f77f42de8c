package rules

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// about returns what f states of topic (recognise.Topics), if anything.
func about(f recognise.Figure, topic string) (recognise.About, bool) {
	for _, a := range f.About {
		if a.Topic == topic {
			return a, true
		}
	}
	return recognise.About{}, false
}

// states: f states topic (recognise.Figure.About).
func states(topic string) func(recognise.Figure) bool {
	return func(f recognise.Figure) bool {
		_, ok := about(f, topic)
		return ok
	}
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
数字说的是哪一项由识别阶段根据数字的主语、单位和所在分句的动词判定（如“本年度废止行政规范性文件2件”的“废止”在主语之前；“结转下年度继续办理2件”）；上年结转的申请数须是紧挨数字之前写着“结转”的数字，“收到申请（含上年结转）45件”“受理含上年结转在内的申请45件”说的是全部申请，不与上年结转比较。
每一类有多个相关数字时，只要有一个相符即通过；同比、增减一类的数字、约数和百分比不核对。本年新收申请数与表四分别由 CONS-PROSE-T3-NEW、CONS-PROSE-REVIEW 核对。
表格未识别时不核对；表三某行的总计栏空白而该行各类申请人栏有数时，按各类申请人之和（空白按0计）核对，这个和只是下限，所以只有正文数字小于它时才报告；其他单元格空白时不核对；单元格识别不确定时不相符记为 uncertain，责任方为 extraction。`,
	Example: "正文所述上年结转的申请数（5件，“上年结转5件”）与表三相应数字（3）不一致",
	Check:   checkProseTable,
}

func checkProseTable(p *Pass) {
	r := p.Report
	// the prose restatements of table cells (template.TableTopics): the
	// recogniser says which figure states which (Figure.About)
	for _, l := range template.TableTopics {
		keys := l.CellsFor(r.Template)
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
		first := disagreeing(r.Figures, sum, states(l.Name))
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
				l.Label, num(first.Value), first.Unit, quoted(*first), tableName(keys[0]), num(sum)),
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

// quoted is the words of a figure shown in a message: its clause, which
// has the verb before the subject ("本年度废止行政规范性文件2件") and the
// words of a figure without a subject of its own ("结转下年度继续办理2件"),
// unless it is long; else its text.
func quoted(f recognise.Figure) string {
	if f.Clause != "" && len([]rune(f.Clause)) <= 40 {
		return f.Clause
	}
	return f.Text
}
