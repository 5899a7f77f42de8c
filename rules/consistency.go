package rules

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

var consistencyRules = []Rule{
	{
		ID:       "CONS-PROSE-T3-NEW",
		Title:    "正文所述收到申请数应与表三本年新收总计一致",
		Severity: SeverityError,
		Category: CategoryConsistency,
		Basis:    "《中华人民共和国政府信息公开条例》第五十条第（二）项；国办公开办函〔2021〕30号第一、三部分",
		Explanation: `正文（通常在“一、总体情况”的依申请公开部分）写明的本年收到（受理、新收）政府信息公开申请件数，应等于表三“一、本年新收政府信息公开申请数量”的总计。
正文有多个相关数字时，只要有一个相符即通过；数字所在分句说明是本机关某一办公室的件数（“区政府办代表区政府受理…17件”，而表三是全区汇总）时不核对；写明“含上年结转”的数字也可与新收加上年结转之和相符；未写明而恰好等于新收加上年结转之和的，只报警告（warning），说明正文可能把上年结转的申请也算作本年收到；约数（“400余件”）和同比增减不核对。
表三未识别或该单元格空白时不核对；该单元格识别不确定时不相符记为 uncertain，责任方为 extraction。`,
		Example: "正文所述收到政府信息公开申请（31件，“共收到政府信息公开申请31件”）与表三本年新收总计（39）不一致",
		Check:   checkProseT3New,
	},
	{
		ID:       "CONS-PROSE-REVIEW",
		Title:    "正文所述行政复议、行政诉讼情况应与表四一致",
		Severity: SeverityError,
		Category: CategoryConsistency,
		Basis:    "《中华人民共和国政府信息公开条例》第五十条第（三）项；国办公开办函〔2021〕30号第四部分",
		Explanation: `正文写明的政府信息公开行政复议件数应等于表四“行政复议·总计”；行政诉讼件数应等于“未经复议直接起诉·总计”与“复议后起诉·总计”之和（单说“直接起诉”“复议后起诉”的，与该组总计比较）；合写的“行政复议、行政诉讼案件共N件”与三组总计之和比较。
正文称“未发生”“未收到”行政复议或行政诉讼，而表四相应总计大于0，判定为 fail；否定的是某种结果（“未发生被复议纠错或诉讼败诉情形”）时不算。
同比、增减一类的数字和约数（“10余件”）不核对。表四未识别或总计空白时不核对；总计识别不确定时记为 uncertain，责任方为 extraction。`,
		Example: "正文称未发生政府信息公开行政复议（“本年度未发生政府信息公开行政复议案件”），但表四相应总计为3",
		Check:   checkProseReview,
	},
	{
		ID:       "CONS-NOAPP-TABLE",
		Title:    "称未收到申请时表三本年新收应为0",
		Severity: SeverityError,
		Category: CategoryConsistency,
		Basis:    "《中华人民共和国政府信息公开条例》第五十条第（二）项",
		Explanation: `正文称本年度“未收到”“未受理”政府信息公开申请，而表三“一、本年新收政府信息公开申请数量”总计大于0，两者矛盾。
否定陈述取自识别出的否定句，以及以否定方式写出的数字0（如“未收到政府信息公开申请”记为0件）；同一句只计一次，CONS-PROSE-T3-NEW 不再重复报告。
表三未识别或该单元格空白时不核对；该单元格识别不确定时记为 uncertain，责任方为 extraction。`,
		Example: "正文称未收到政府信息公开申请（“本年度未收到政府信息公开申请”），但表三本年新收总计为39",
		Check:   checkNoApplications,
	},
	{
		ID:       "CONS-YEAR",
		Requires: RequiresContent | RequiresAnnualReport,
		Title:    "标题、统计期限和正文标题中的年度应一致",
		Severity: SeverityWarning,
		Category: CategoryConsistency,
		Basis:    "《中华人民共和国政府信息公开条例》第四十九条（报告上一年度的工作）",
		Explanation: `报告年度以识别出的报告年度为准（未识别时用标题中的年份）。以下情形各报一条 fail：
标题中的年份与报告年度不同（error）；统计期限一句中出现其他年份（error）；
章节标题或小标题中出现报告年度及次年以外的年份（如2024年度报告的小标题写“2023年”，多为照抄上年报告），但第五部分及含“问题”“改进”“整改”“上年”等字样的标题可以提到上一年；
正文（第五部分除外）中以其他年份开头陈述工作的分句（如2024年度报告写“2023年，在主动公开的61条政府信息中…”“2024年制作、获取政府信息总数467条”，多为照抄往年报告）；文末落款日期不晚于报告年度（如2023年度报告落款“2023年1月29日”；正文被压成一行时，取最后一句之后不超过80字的文字中的日期）；发布日期不晚于报告年度结束（发布日期取自PDF元数据或正文时不作此判断，它只是实际发布日期的下限）。
小标题指正文中以“（一）”“一、”“1.”等编号开头、不超过40字且不含句号、逗号、分号的行（含标点的是正文段落，不作小标题）。
无法确定报告年度时记为 not_assessable，责任方为 extraction。`,
		Example: "标题“（二）2022年依申请公开情况”中的年份2022与报告年度2023不一致",
		Check:   checkYear,
	},
}

// countUnits are the units of counted things in prose figures.
var countUnits = map[string]bool{"": true, "件": true, "个": true, "条": true, "起": true, "宗": true, "次": true, "例": true, "项": true, "人次": true, "万元": true, "元": true}

// countFigure: an exact count (not a percentage, not a comparison with
// another period, not approximate: recognise.Figure.Comparative, Approx).
func countFigure(f recognise.Figure) bool {
	return countUnits[f.Unit] && !f.Comparative && !f.Approx
}

// disagreeing returns the first exact count (countFigure) among figs that
// match accepts, unless one of those states sum: it is nil when the prose
// agrees with the table somewhere, or says nothing about it.
func disagreeing(figs []recognise.Figure, sum float64, match func(recognise.Figure) bool) *recognise.Figure {
	var first *recognise.Figure
	for i, f := range figs {
		if !match(f) || !countFigure(f) {
			continue
		}
		if f.Value == sum {
			return nil
		}
		if first == nil {
			first = &figs[i]
		}
	}
	return first
}

func cellValue(r *recognise.Report, key string) (recognise.Cell, bool) {
	c, ok := r.Cells[key]
	return c, ok && c.Value.Valid
}

func checkProseT3New(p *Pass) {
	r := p.Report
	if !r.Tables.T3.Found {
		return
	}
	c, ok := cellValue(r, "t3.new.total")
	if !ok {
		return
	}
	carried, _ := cellValue(r, "t3.carried_over.total")
	var first *recognise.Figure
	for i, f := range r.Figures {
		a, ok := about(f, template.TopicNewApplications)
		if !ok || !countFigure(f) || negatedFigure(f) {
			continue
		}
		if f.Value == c.Value.V {
			return
		}
		if a.PlusCarried && carried.Value.Valid && f.Value == c.Value.V+carried.Value.V {
			return
		}
		if a.Loose {
			continue
		}
		if first == nil {
			first = &r.Figures[i]
		}
	}
	if first == nil {
		return
	}
	// "收到75件" where 74 are new and 1 was carried over: the prose counts
	// every application handled this year. The table is not contradicted
	// about what was received, so this is worth a look, not an error.
	withCarried := carried.Value.Valid && carried.Value.V > 0 && first.Value == c.Value.V+carried.Value.V
	is := issue{
		status:   StatusFail,
		cells:    []string{"t3.new.total"},
		expected: ptr(first.Value),
		actual:   ptr(c.Value.V),
		loc:      Location{Page: first.Page, Section: first.Section},
		message: fmt.Sprintf("正文所述收到政府信息公开申请（%s%s，“%s”）与表三本年新收总计（%s）不一致",
			num(first.Value), first.Unit, quoted(*first), num(c.Value.V)),
		detail: "prose-new",
	}
	if withCarried {
		is.severity = SeverityWarning
		is.message += fmt.Sprintf("；正文的数字等于本年新收加上年结转（%s+%s），可能把上年结转的申请也算作本年收到",
			num(c.Value.V), num(carried.Value.V))
	}
	if c.Uncertain {
		is.status, is.resp = StatusUncertain, ResponsibilityExtraction
		is.message += "；表三该单元格识别不确定"
	}
	p.report(is)
}

// cellsSum adds the cells (of any table); ok is false when any is blank;
// unsure when any was read uncertainly.
func cellsSum(r *recognise.Report, keys []string) (sum float64, ok, unsure bool) {
	for _, k := range keys {
		c, valid := cellValue(r, k)
		if !valid {
			return 0, false, false
		}
		sum += c.Value.V
		unsure = unsure || c.Uncertain
	}
	return sum, true, unsure
}

func checkProseReview(p *Pass) {
	r := p.Report
	if !r.Tables.T4.Found {
		return
	}
	for _, n := range negations(r) {
		for _, k := range template.CaseTopics {
			if !slices.Contains(n.About, k.Name) {
				continue
			}
			sum, ok, unsure := cellsSum(r, k.Cells)
			if !ok || sum == 0 {
				break
			}
			is := issue{
				status:   StatusFail,
				cells:    k.Cells,
				expected: ptr(0),
				actual:   ptr(sum),
				loc:      Location{Page: n.Page, Section: n.Section},
				message:  fmt.Sprintf("正文称未发生政府信息公开%s（“%s”），但表四相应总计为%s", k.Label, n.Text, num(sum)),
				detail:   "neg|" + k.Label + "|" + n.Text,
			}
			if unsure {
				is.status, is.resp = StatusUncertain, ResponsibilityExtraction
				is.message += "；表四该单元格识别不确定"
			}
			p.report(is)
			break
		}
	}
	// Figures: per kind, pass when any figure agrees, else report the first.
	for _, k := range template.CaseTopics {
		sum, ok, unsure := cellsSum(r, k.Cells)
		if !ok {
			continue
		}
		stated := states(k.Name)
		first := disagreeing(r.Figures, sum, func(f recognise.Figure) bool {
			return stated(f) && !negatedFigure(f)
		})
		if first == nil {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    k.Cells,
			expected: ptr(first.Value),
			actual:   ptr(sum),
			loc:      Location{Page: first.Page, Section: first.Section},
			message: fmt.Sprintf("正文所述%s件数（%s%s，“%s”）与表四总计（%s）不一致",
				k.Label, num(first.Value), first.Unit, quoted(*first), num(sum)),
			detail: "fig|" + k.Label,
		}
		if unsure {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；表四该单元格识别不确定"
		}
		p.report(is)
	}
}

// negatedFigure: a figure of 0 stated as a negation ("无行政复议案件0件"),
// which the recogniser also lists among the Negations.
func negatedFigure(f recognise.Figure) bool {
	return f.Negated
}

// negations returns the report's negative statements: every one is in
// Negations once, whether it was written with a zero figure or without a
// number (the recogniser merges the two).
func negations(r *recognise.Report) []recognise.Negation {
	return r.Negations
}

func checkNoApplications(p *Pass) {
	r := p.Report
	if !r.Tables.T3.Found {
		return
	}
	c, ok := cellValue(r, "t3.new.total")
	if !ok || c.Value.V <= 0 {
		return
	}
	for _, n := range negations(r) {
		if !slices.Contains(n.About, template.TopicNewApplications) {
			continue
		}
		is := issue{
			status:   StatusFail,
			cells:    []string{"t3.new.total"},
			expected: ptr(0),
			actual:   ptr(c.Value.V),
			loc:      Location{Page: n.Page, Section: n.Section},
			message:  fmt.Sprintf("正文称未收到政府信息公开申请（“%s”），但表三本年新收总计为%s", n.Text, num(c.Value.V)),
			detail:   n.Text,
		}
		if c.Uncertain {
			is.status, is.resp = StatusUncertain, ResponsibilityExtraction
			is.message += "；表三该单元格识别不确定"
		}
		p.report(is)
	}
}

func checkYear(p *Pass) {
	r := p.Report
	titleYears := r.TitleYears
	ref := r.Year
	if ref == 0 && len(titleYears) > 0 {
		ref = titleYears[0]
	}
	if ref == 0 {
		p.report(issue{
			status:  StatusNotAssessable,
			message: "无法确定报告年度（标题和正文中都未识别出年度），年度与时效无法核对",
			resp:    ResponsibilityExtraction,
			detail:  "no-year",
		})
		return
	}
	if len(titleYears) > 0 && titleYears[0] != ref {
		p.report(issue{
			status:   StatusFail,
			severity: SeverityError,
			expected: ptr(float64(ref)),
			actual:   ptr(float64(titleYears[0])),
			message:  fmt.Sprintf("标题“%s”中的年份%d与报告年度%d不一致", r.Title, titleYears[0], ref),
			detail:   "title",
		})
	}
	if l := r.Period; l != nil {
		for _, y := range l.Years {
			if y != ref {
				p.report(issue{
					status:   StatusFail,
					severity: SeverityError,
					expected: ptr(float64(ref)),
					actual:   ptr(float64(y)),
					loc:      Location{Page: l.Page, Section: l.Section},
					message:  fmt.Sprintf("统计期限“%s”中的年份%d与报告年度%d不一致", l.Text, y, ref),
					detail:   "period",
				})
				break
			}
		}
	}
	for _, h := range r.YearHeadings {
		for _, y := range h.Years {
			if y == ref || y == ref+1 {
				continue
			}
			if y == ref-1 && (h.Section == 5 || h.LooksBack) {
				continue
			}
			p.report(issue{
				status:   StatusFail,
				expected: ptr(float64(ref)),
				actual:   ptr(float64(y)),
				loc:      Location{Page: h.Page, Section: h.Section},
				message:  fmt.Sprintf("标题“%s”中的年份%d与报告年度%d不一致", h.Text, y, ref),
				detail:   "heading|" + h.Text,
			})
			break
		}
	}
	// A clause that opens with another year and states what was done in it
	// ("2023年，在主动公开的61条政府信息中…" in a 2024 report), outside part
	// 五, is a sentence copied from an earlier report.
	stale := map[string]bool{}
	for _, c := range r.YearClauses {
		if c.Section == 5 || c.Section == 0 || c.LooksBack || stale[c.Text] {
			continue
		}
		for _, y := range c.Years {
			if y == ref || y == ref+1 {
				continue
			}
			stale[c.Text] = true
			p.report(issue{
				status:   StatusFail,
				expected: ptr(float64(ref)),
				actual:   ptr(float64(y)),
				loc:      Location{Page: c.Page, Section: c.Section},
				message:  fmt.Sprintf("正文“%s”以%d年陈述本年度的工作，与报告年度%d不一致（多为照抄往年报告）", c.Text, y, ref),
				detail:   "stale|" + c.Text,
			})
			break
		}
	}
	// The signature date: a date alone on one of the last lines, or, in
	// flattened text where the whole body is one line, the date in the
	// short tail after the last sentence (机关名 + 日期 + site chrome).
	if sg := r.Signature; sg != nil && len(sg.Years) > 0 && sg.Years[0] <= ref {
		p.report(issue{
			status:   StatusFail,
			expected: ptr(float64(ref + 1)),
			actual:   ptr(float64(sg.Years[0])),
			loc:      Location{Page: sg.Page, Section: sg.Section},
			message:  fmt.Sprintf("落款日期“%s”不晚于报告年度%d，年度报告应在次年形成", sg.Text, ref),
			detail:   "signature",
		})
	}
	// A date from PDF metadata or from the text is only a lower bound of
	// the publication date: it cannot show that publication was too early.
	if len(r.Published) >= 4 && r.PublishedFrom != "pdf-info" && r.PublishedFrom != "text" {
		if y, err := strconv.Atoi(r.Published[:4]); err == nil && y <= ref {
			p.report(issue{
				status:   StatusFail,
				expected: ptr(float64(ref + 1)),
				actual:   ptr(float64(y)),
				message:  fmt.Sprintf("发布日期%s不晚于报告年度%d结束，报告年度或发布日期有误", r.Published, ref),
				detail:   "published",
			})
		}
	}
}
