package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

var formatRules = []Rule{
	{
		ID:       "FORMAT-TEMPLATE-2019",
		Title:    "2021年及以后的报告应使用2021年格式",
		Severity: SeverityWarning,
		Category: CategoryFormat,
		Basis:    "国办公开办函〔2021〕30号（修订后的《政府信息公开工作年度报告格式》，自2021年度报告起使用）",
		Explanation: `报告2021年及以后年度的工作，应使用国办公开办函〔2021〕30号的格式：表二为“本年制发件数/本年废止件数/现行有效件数”等新栏目，表三“（六）其他处理”分为3个子项。
仍使用〔2019〕60号格式判定为 fail（warning）；表格总体是2021年格式但表三仍保留单行“（六）其他处理”，判定为 fail（info）。
报告年度或格式未识别时不核对。`,
		Example: "报告2022年度的工作，却使用了2019年的报告格式（国办公开办函〔2019〕60号），应使用国办公开办函〔2021〕30号格式",
		Check:   checkTemplate2019,
	},
	{
		ID:       "FORMAT-TABLE-IMAGE",
		Title:    "表格应以可读的文字发布",
		Severity: SeverityWarning,
		Category: CategoryFormat,
		Basis:    "国办公开办函〔2021〕30号表二、表三、表四；《中华人民共和国政府信息公开条例》第四十九条（向社会公布）",
		Explanation: `只有标题没有数字的表格（通常以图片发布），或在含扫描页的文件中找不到的表格，无法核对其数字。每张这样的表报一条 not_assessable，代替该表全部勾稽与一致性规则的结论（那些规则在表格未识别时不运行）。
图片表格无法被检索、复制和统计，也请发布机关改为文字表格。`,
		Example: "表三只有标题没有数字（可能以图片发布），无法核对表三的勾稽关系及与正文的一致性",
		Check:   checkTableImage,
	},
}

var scopeRule = Rule{
	ID:          "FORMAT-SCOPE",
	Title:       "报告年度早于2019年时模板规则不适用",
	Severity:    SeverityInfo,
	Category:    CategoryFormat,
	Requires:    RequiresContent | RequiresAnnualReport,
	Basis:       "《中华人民共和国政府信息公开条例》（国务院令第711号修订，2019年5月15日施行）；国办公开办函〔2019〕60号、〔2021〕30号",
	Explanation: `修订后的《条例》第四十九条、第五十条以及两版年度报告格式都适用于2019年及以后年度的报告。报告2018年及更早年度的工作时，只有年度一致性（CONS-YEAR）与提取规则照常运行，其余规则（完整性、勾稽关系、正文与表格一致性、时效、格式）都不运行，本规则报一条 not_assessable 说明原因。`,
	Example:     "报告年度为2018年，早于修订后的《条例》和年度报告格式，按年度报告格式设置的规则不适用",
	Check:       checkScope,
}

// notReportRule stops the audit of a file that has text but nothing of an
// annual report: auditing it would list every part and table as missing.
var notReportRule = Rule{
	ID:          "FORMAT-NOT-REPORT",
	Title:       "文件应是政府信息公开工作年度报告",
	Severity:    SeverityWarning,
	Category:    CategoryFormat,
	Requires:    RequiresContent,
	Basis:       "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》",
	Explanation: `文件读出了文字，但既没有年度报告的标题（含“政府信息公开”或“年度报告”），也没有六个部分中的任何一个标题，也没有表二、表三、表四或它们的标题。这样的文件多半不是年度报告（通知、附件说明、网页导航等），逐条按模板审核只会把每个部分和表格都报为缺失。此时其余规则都不运行，本规则报一条 not_assessable。`,
	Example:     "文件中没有年度报告的标题、六个部分或模板表格，不像政府信息公开工作年度报告，未作审核",
	Check:       checkNotReport,
}

// looksLikeReport: something of the annual report format was recognised.
func looksLikeReport(r *recognise.Report) bool {
	if r.TitleNamesReport || len(r.Cells) > 0 {
		return true
	}
	for _, s := range r.Sections {
		if s.Present {
			return true
		}
	}
	for _, t := range []recognise.TableState{r.Tables.T2, r.Tables.T3, r.Tables.T4} {
		if t.Found || t.HeadingOnly || t.Sentence != "" {
			return true
		}
	}
	return false
}

func checkNotReport(p *Pass) {
	if !readable(p.Report) || looksLikeReport(p.Report) {
		return
	}
	p.report(issue{
		status:  StatusNotAssessable,
		message: "文件中没有年度报告的标题、六个部分或模板表格，不像政府信息公开工作年度报告，未作审核",
		detail:  "not-report",
		absence: true, // what was not found may be on a page not read
	})
}

func checkScope(p *Pass) {
	if !preFormat(p.Report) {
		return
	}
	p.report(issue{
		status:  StatusNotAssessable,
		message: fmt.Sprintf("报告年度为%d年，早于修订后的《条例》和年度报告格式，按年度报告格式设置的规则不适用", p.Report.Year),
		detail:  "pre-2019",
	})
}

var extractionRules = []Rule{
	{
		ID:          "EXTR-UNREADABLE",
		Title:       "文件没有可读取的内容",
		Severity:    SeverityError,
		Category:    CategoryExtraction,
		Basis:       "nianbao 提取结果（不是对报告本身的判断）",
		Explanation: `文件没有读出任何文字、表格或标题（加密、损坏、整份扫描、格式不支持等）。此时其余规则都不运行，以免把提取失败误报为报告缺项；本规则报一条 not_assessable，责任方为 extraction，消息列出提取时记录的问题。`,
		Example:     "文件没有可读取的内容，无法审核（提取问题：文件已加密）",
		Check:       checkUnreadable,
	},
	{
		ID:       "EXTR-PARTIAL",
		Title:    "文件只读取了一部分",
		Severity: SeverityWarning,
		Category: CategoryExtraction,
		Basis:    "nianbao 提取结果（不是对报告本身的判断）",
		Explanation: `文件读出了内容，但有一部分没有读到：某页无法解析，文件被截断或损坏（网页、RTF 没有结束，Word 正文中途中断，PDF 页面树损坏），或超过内存预算、时限而停止。未读到的部分无法审核；依赖它的其他结论已标为 uncertain 或 not_assessable，责任方为 extraction。本规则报一条 not_assessable，列出这些提取问题：请取得完整的文件后再审核，不要据此签署“通过”。
字体中有字符无法解码、扫描页（由 OCR 和 FORMAT-TABLE-IMAGE 处理）不在此列；文件整个无法读取时报 EXTR-UNREADABLE。`,
		Example: "文件只读取了一部分，未读到的内容无法审核（网页文件不完整：没有结束标记（</body>、</html>），可能在下载或保存时被截断，其后的内容缺失；请重新下载）",
		Check:   checkPartial,
	},
}

// partialProblems are the extraction problems after which a part of a
// readable document is certainly missing (EXTR-PARTIAL).
var partialProblems = []string{extract.ProblemPage, extract.ProblemCorrupt, extract.ProblemBudget, extract.ProblemCanceled}

// checkPartial says, once per document, that a part of it was not read —
// what the other findings only say where they depend on that part: a copy
// cut short whose missing part no rule needed would otherwise pass.
func checkPartial(p *Pass) {
	r := p.Report
	if !readable(r) {
		return // EXTR-UNREADABLE
	}
	var partial []extract.Problem
	for _, pr := range r.Problems {
		if slices.Contains(partialProblems, pr.Code) {
			partial = append(partial, pr)
		}
	}
	probs := extract.Summarize(partial, r.Source.HasPages())
	if len(probs) == 0 {
		return
	}
	list := strings.Join(probs[:min(len(probs), 3)], "；")
	if len(probs) > 3 {
		list += fmt.Sprintf("；等%d个问题", len(probs))
	}
	p.report(issue{
		status:  StatusNotAssessable,
		message: "文件只读取了一部分，未读到的内容无法审核（" + list + "）",
		resp:    ResponsibilityExtraction,
		detail:  "partial",
	})
}

func checkTemplate2019(p *Pass) {
	r := p.Report
	if r.Year < 2021 {
		return
	}
	switch r.Template {
	case template.V2019:
		p.report(issue{
			status: StatusFail,
			loc:    Location{Section: 2},
			message: fmt.Sprintf("报告%d年度的工作，却使用了2019年的报告格式（国办公开办函〔2019〕60号），应使用国办公开办函〔2021〕30号格式",
				r.Year),
			detail: "2019",
		})
	case template.V2021:
		leaves := T3LeafRows(r)
		if len(leaves) > 0 && leaves[len(leaves)-1].Key == "other.all" {
			c := r.Cells[template.T3Key("other.all", "total")]
			p.report(issue{
				status:   StatusFail,
				severity: SeverityInfo,
				cells:    []string{template.T3Key("other.all", "total")},
				loc:      Location{Page: c.Page, Section: 3},
				message:  "表三“（六）其他处理”仍为一行，2021年格式应分为3个子项（逾期不补正、逾期未缴费、其他）",
				detail:   "other-row",
			})
		}
	}
}

func checkTableImage(p *Pass) {
	r := p.Report
	for _, t := range tablesOf(r) {
		if !tableInImage(r, t.n) {
			continue
		}
		why := "只有标题没有数字（可能以图片发布）"
		switch {
		case t.state.HeadingOnly:
		case tableAsImage(r, t.state):
			why = "未找到，文件含扫描页，可能在图片中"
		default:
			why = fmt.Sprintf("及其所在部分的标题都未找到，前面的表%s以图片发布，可能同在图片中", cnNum(imageTableBefore(r, t.n)))
		}
		short := fmt.Sprintf("表%s", cnNum(t.n))
		msg := fmt.Sprintf("%s%s，无法核对%s的勾稽关系及与正文的一致性", short, why, short)
		for _, pr := range r.Problems {
			// how to install the OCR engine, or why the pictures were not read
			if pr.Code == extract.ProblemNoOCR || pr.Code == extract.ProblemPicture {
				msg += "；" + pr.Message
				break
			}
		}
		p.report(issue{
			status:  StatusNotAssessable,
			loc:     Location{Page: t.state.Page, Section: t.n},
			message: msg,
			detail:  fmt.Sprintf("t%d", t.n),
			absence: true, // the numbers may be on a page not read …
			// … but a scanned page, and pictures no OCR engine read or
			// that could not be read, are what this rule reports (the
			// message says how to install one, or why they were not read)
			accounted: []string{extract.ProblemScanned, extract.ProblemNoOCR, extract.ProblemPicture},
		})
	}
}

func checkUnreadable(p *Pass) {
	r := p.Report
	if readable(r) {
		return
	}
	probs := extract.Summarize(r.Problems, true)
	msg := "文件没有可读取的内容，无法审核"
	if len(probs) > 0 {
		msg += "（提取问题：" + strings.Join(probs, "；") + "）"
	}
	if hasProblem(r, extract.ProblemScanned) && !hasProblem(r, fatalProblems...) {
		msg += "；文件可能是扫描件"
	}
	p.report(issue{
		status:  StatusNotAssessable,
		message: msg,
		resp:    ResponsibilityExtraction,
		detail:  "unreadable",
	})
}
